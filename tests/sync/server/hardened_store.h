// The fixture of the "no request can crash or stall the store" tests: a real
// groupbuy-store (TLS unless asked) on 127.0.0.1 with one deal that unlocks
// at the first sign-up and one kiosk enrolled by the real CLI. TearDown
// checks that the process is still there (unless a test stopped it) and that
// the database passes PRAGMA integrity_check.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "sync/protocol/batch_codec.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"
#include "tests/sync/store/event_maker.h"

namespace gb::test {

inline constexpr uint32_t kLampDeal = 7;  // unlocks at the first sign-up

class HardenedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    admin_ = InitStore(Sdir(), tmp_.str());
    ASSERT_FALSE(admin_.empty());
    now_ = static_cast<int64_t>(std::time(nullptr));
    rules::Deal& lamp = lamp_;
    lamp = MakeDeal(kLampDeal, 1);
    lamp.opens_at = now_ - 3600;
    lamp.stop_at = now_ + 7 * 86400;  // the deadline and redemption follow
    lamp.deadline = lamp.stop_at + 86400;
    lamp.redeem_by = lamp.deadline + 22 * 86400;
    nlohmann::json deals = nlohmann::json::array({rules::DealToJson(lamp)});
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog.json"),
                                      nlohmann::json{{"deals", deals}}.dump(), 0644,
                                      base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
    kiosk_ = EnrolKiosk(Sdir(), tmp_.File("k1"));
    ASSERT_FALSE(kiosk_.token.empty());
    AddStaff(Sdir(), "Ann", "cashier", kCashierPin);
  }

  void TearDown() override {
    if (server_.pid() > 0) {
      // Still there after everything the test threw at it.
      EXPECT_EQ(::kill(server_.pid(), 0), 0) << server_.Output();
      EXPECT_EQ(server_.Stop(), 0) << server_.Output();
    }
    auto db = store::StoreDb::Open(Sdir() + "/store.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_EQ((*db)->IntegrityCheck().value(), "ok");
  }

  void StartServer(bool tls = true, std::vector<std::string> extra = {}) {
    ASSERT_TRUE(server_.Start(Sdir(), tls, std::move(extra))) << server_.Output();
    tls_ = tls;
    // Ann signs in at the kiosk's till: redemptions name who handed over.
    staff_session_ = SignInStaff(To(), kiosk_.token, "Ann", kCashierPin);
  }
  static constexpr char kCashierPin[] = "13572468";
  std::string staff_session_;

  std::string Sdir() const { return tmp_.File("store"); }
  HttpTarget To() const { return HttpTarget{server_.port(), tls_, kiosk_.cert_sha256}; }

  // `n` vouchers of the lamp deal, signed by the kiosk and stored (serials
  // from `first`): each is VALID at the till once.
  std::vector<std::string> SignUps(int n, uint64_t first = 1) {
    std::vector<std::string> vouchers;
    std::vector<protocol::Event> events;
    for (int i = 0; i < n; ++i) {
      const uint64_t serial = first + static_cast<uint64_t>(i);
      protocol::Event e = SignUp(*kiosk_.key, kiosk_.key_id, kiosk_.kiosk_id,
                                 static_cast<int64_t>(serial), serial, lamp_, now_ - 60, serial);
      vouchers.push_back(e.payload["voucher"].get<std::string>());
      events.push_back(std::move(e));
    }
    HttpResult r = Http(To(), "POST", "/v1/events", kiosk_.token, protocol::EncodeBatch(events));
    EXPECT_EQ(r.status, 200) << r.body;
    return vouchers;
  }

  // A till's redemption: its status and how long the answer took (ms).
  std::pair<int, double> Redeem(const std::string& voucher) {
    const auto t0 = std::chrono::steady_clock::now();
    nlohmann::json body = {{"voucher", voucher}, {"place", "till-1"}};
    HttpResult r = Http(To(), "POST", "/v1/redeem", kiosk_.token, body.dump(), staff_session_);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(nlohmann::json::parse(r.body, nullptr, false).value("verdict", ""), "VALID")
        << r.status << " " << r.body;
    return {r.status, ms};
  }

  static double Percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
    return v[i];
  }

  ScopedTempDir tmp_;
  std::string admin_;
  int64_t now_ = 0;
  rules::Deal lamp_;
  Kiosk kiosk_;
  StoreProcess server_;
  bool tls_ = true;
};

}  // namespace gb::test
