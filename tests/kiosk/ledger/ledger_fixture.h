// Shared helpers for the ledger tests: a temp folder, a fixed identity, a deal.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "kiosk/ledger/ledger.h"
#include "tests/core/rules/sample_deal.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::ledger::testing {

inline Identity TestIdentity(const std::string& origin = "kiosk-1") {
  std::array<uint8_t, 32> seed{};
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i);
  std::array<uint8_t, 32> phone_key{};
  phone_key.fill(0x5a);
  return Identity{origin, 7, std::move(voucher::SigningKey::FromSeed(seed)).value(), phone_key};
}

inline std::string Phone(int n) { return "+49151" + std::to_string(10000000 + n); }

class LedgerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    path_ = dir_.File("ledger.db");
  }

  // The first column of the first row of a query that returns one integer.
  int64_t Scalar(Ledger& l, const std::string& sql) {
    auto st = l.db().Prepare(sql);
    EXPECT_TRUE(st.ok()) << sql;
    if (!st.ok()) return -1;
    auto row = st->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return row.ok() && *row ? st->Int(0) : -1;
  }

  Ledger OpenOrDie() {
    auto l = Ledger::Open(path_, TestIdentity());
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return std::move(l).value();
  }

  test::ScopedTempDir dir_;
  std::string path_;
};

}  // namespace gb::ledger::testing
