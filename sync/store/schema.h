// The store server's database schema, as an ordered list of migrations.
//
// PRAGMA user_version holds the number of migrations applied; a file above
// kSchemaVersion is refused ("schema_too_new"). Migrations are append-only.
#pragma once

#include "core/sqlite/sqlite.h"

namespace gb::store {

inline constexpr int kSchemaVersion = 18;

// The SQL of one step (1-based), for tests that build an older file;
// nullptr outside 1..kSchemaVersion.
const char* SchemaStep(int step);

// Applies the missing migrations, one transaction each.
base::Status Migrate(sqlite::Db& db);

}  // namespace gb::store
