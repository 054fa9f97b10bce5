// Upgrade tests' helpers for a program's numbered schema steps (the store's
// and the kiosk ledger's): a scratch file made by steps 1..n with rows added
// after chosen steps, and a query's rows as text. Header-only; gtest
// assertions report failures in the calling test.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/sqlite/sqlite.h"

namespace gb::test {

// A new file at `path` made by step(1)..step(n), each followed by
// PRAGMA user_version = i and by rows.at(i) when there is one.
template <typename StepSql>
void BuildBySteps(const std::string& path, int n, StepSql step,
                  const std::map<int, std::string>& rows) {
  auto db = sqlite::Db::Open(path, true);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE(db->Exec("PRAGMA synchronous = OFF").ok());  // a scratch file: no fsyncs
  for (int i = 1; i <= n; ++i) {
    ASSERT_TRUE(db->Exec(step(i)).ok()) << "step " << i;
    ASSERT_TRUE(db->Exec("PRAGMA user_version = " + std::to_string(i)).ok());
    if (auto r = rows.find(i); r != rows.end()) {
      ASSERT_TRUE(db->Exec(r->second).ok()) << "step " << i << "'s rows";
    }
  }
}

// Every row of a query of `cols` columns as text: "a|b|\n" per row, NULL
// as "NULL".
inline std::string QueryRows(const std::string& path, const std::string& sql, int cols = 1) {
  auto db = sqlite::Db::Open(path, false);
  EXPECT_TRUE(db.ok());
  if (!db.ok()) return "";
  auto st = db->Prepare(sql);
  EXPECT_TRUE(st.ok()) << sql << ": " << st.status().ToString();
  if (!st.ok()) return "";
  std::string out;
  for (;;) {
    auto row = st->Step();
    EXPECT_TRUE(row.ok()) << sql;
    if (!row.ok() || !*row) break;
    for (int c = 0; c < cols; ++c) out += (st->IsNull(c) ? "NULL" : st->Text(c)) + "|";
    out += "\n";
  }
  return out;
}

}  // namespace gb::test
