// Shared helpers for the ledger tests: a temp folder, a fixed identity, a deal.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "kiosk/ledger/ledger.h"
#include "tests/kiosk/rules/sample_deal.h"

namespace gb::ledger::testing {

inline std::string MakeTempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "gb-ledger-XXXXXX").string();
  return std::string(::mkdtemp(tmpl.data()));
}

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
    dir_ = MakeTempDir();
    path_ = dir_ + "/ledger.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Ledger OpenOrDie() {
    auto l = Ledger::Open(path_, TestIdentity());
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return std::move(l).value();
  }

  std::string dir_;
  std::string path_;
};

}  // namespace gb::ledger::testing
