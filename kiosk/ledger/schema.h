// The ledger's schema, as an ordered list of migrations.
//
// PRAGMA user_version holds the number of migrations applied. Opening applies
// the missing ones in one transaction each; a file whose user_version is above
// kSchemaVersion was written by a newer program and is refused with reason
// "schema_too_new" rather than guessed at. Migrations are append-only: a
// released step is never edited, a change is a new step.
#pragma once

#include "core/sqlite/sqlite.h"

namespace gb::ledger {

inline constexpr int kSchemaVersion = 8;

// The SQL of one step (1-based), for tests that build an old file.
const char* SchemaStep(int step);

base::Status Migrate(sqlite::Db& db);

}  // namespace gb::ledger
