// The fixture of the till process tests (till_process_test.cpp,
// staff_session_process_test.cpp): groupbuy-store as a real process on
// 127.0.0.1 with two kiosks enrolled by the real CLI, a deposit deal and a
// stopped deal imported, a manager (Vera) and a cashier (Ann) added by
// `groupbuy-provision staff add`, and Vera signed in at both kiosks' tills.
// The database passes its integrity check afterwards. Header-only.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <map>
#include <set>
#include <thread>

#include "core/base/file_util.h"
#include "core/base/hex.h"
#include "core/rules/deal_json.h"
#include "core/voucher/terms_hash.h"
#include "sync/protocol/batch_codec.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"
#include "tests/sync/store/event_maker.h"

namespace gb::test {

using nlohmann::json;

inline constexpr char kManagerPin[] = "24681357";
inline constexpr char kCashierPin[] = "13572468";
inline constexpr uint32_t kDepositDeal = 42;  // asks 50.00 within a day
inline constexpr uint32_t kStoppedDeal = 43;  // stopped a minute ago

class TillProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun init =
        Provision("init-store --dir " + Sdir() + " --name Test --listen 127.0.0.1:0", tmp_.str());
    ASSERT_EQ(init.code, 0) << init.err;
    admin_ = init.out.substr(init.out.rfind(' ') + 1);
    admin_.pop_back();  // the newline
    now_ = static_cast<int64_t>(std::time(nullptr));
    rules::Deal deposit = MakeDeal(kDepositDeal, 3);
    deposit.opens_at = now_ - 3600;
    deposit.stop_at = now_ + 7 * 86400;
    deposit.deadline = now_ + 8 * 86400;
    deposit.redeem_by = now_ + 30 * 86400;
    deposit.deposit = {rules::DepositKind::kAmount, 5000, 86400};
    rules::Deal stopped = MakeDeal(kStoppedDeal, 100);
    stopped.opens_at = now_ - 7200;
    stopped.stop_at = now_ - 60;
    stopped.deadline = now_ + 86400;
    stopped.redeem_by = now_ + 30 * 86400;
    json deals = json::array({rules::DealToJson(deposit), rules::DealToJson(stopped)});
    deals_ = {{kDepositDeal, deposit}, {kStoppedDeal, stopped}};
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog.json"), json{{"deals", deals}}.dump(),
                                      0644, base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
    for (int i = 0; i < 2; ++i) {
      kiosks_.push_back(EnrolKiosk(Sdir(), tmp_.File("k" + std::to_string(i))));
      ASSERT_FALSE(kiosks_.back().token.empty());
    }
    // Money that moves at a till names a signed-in staff member, and a
    // refund needs a manager: Vera is signed in at both kiosks' tills.
    AddStaff(Sdir(), "Vera", "manager", kManagerPin);
    AddStaff(Sdir(), "Ann", "cashier", kCashierPin);
    ASSERT_TRUE(server_.Start(Sdir(), false, ExtraArgs())) << server_.Output();
    for (const Kiosk& k : kiosks_) {
      manager_.push_back(SignInStaff(To(), k.token, "Vera", kManagerPin));
      ASSERT_EQ(manager_.back().size(), 64u);
    }
  }
  // More groupbuy-store arguments, for a test's own fixture.
  virtual std::vector<std::string> ExtraArgs() const { return {}; }
  void TearDown() override {
    if (server_.pid() > 0) {
      EXPECT_EQ(server_.Stop(), 0);
    }
    auto db = store::StoreDb::Open(Sdir() + "/store.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_EQ((*db)->IntegrityCheck().value(), "ok");
  }

  std::string Sdir() const { return tmp_.File("store"); }
  HttpTarget To() const { return HttpTarget{server_.port(), false, ""}; }
  protocol::Event Sign(int64_t seq, uint64_t serial, uint32_t deal, int64_t joined,
                       uint64_t phone = 0) {
    Kiosk& k = kiosks_[0];
    return SignUp(*k.key, k.key_id, k.kiosk_id, seq, serial, deals_.at(deal), joined, phone);
  }
  void Post(const std::vector<protocol::Event>& events) {
    HttpResult r =
        Http(To(), "POST", "/v1/events", kiosks_[0].token, protocol::EncodeBatch(events));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  json Get(const std::string& target, const std::string& token) {
    HttpResult r = Http(To(), "GET", target, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  json Tally(uint32_t id) {
    const json t = Get("/v1/tallies", admin_);
    for (const json& d : t["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }
  // The store's figures in /metrics are read once a second in the background
  // (strangers never cost a query): true once `line` is there, within 5 s.
  ::testing::AssertionResult MetricsShow(const std::string& line) {
    std::string body;
    for (int i = 0; i < 100; ++i) {
      body = Http(To(), "GET", "/metrics").body;
      if (body.find(line) != std::string::npos) return ::testing::AssertionSuccess();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return ::testing::AssertionFailure() << "no " << line << " in\n" << body;
  }
  // Both kiosks' tills ask at the same moment; the verdicts, sorted.
  std::multiset<std::string> Race(const std::string& path, const std::string& voucher) {
    std::atomic<int> ready = 0;
    HttpResult got[2];
    std::vector<std::thread> tills;
    for (int t = 0; t < 2; ++t) {
      tills.emplace_back([&, t] {
        ++ready;
        while (ready < 2) {
        }
        json body = {{"voucher", voucher}, {"place", "till-" + std::to_string(t)}};
        got[t] = Http(To(), "POST", path, kiosks_[static_cast<size_t>(t)].token, body.dump(),
                      manager_[static_cast<size_t>(t)]);
      });
    }
    for (auto& t : tills) t.join();
    std::multiset<std::string> out;
    for (const HttpResult& r : got) {
      EXPECT_EQ(r.status, 200) << r.body;
      out.insert(json::parse(r.body, nullptr, false).value("verdict", "?"));
    }
    return out;
  }

  ScopedTempDir tmp_;
  std::string admin_;
  int64_t now_ = 0;
  std::map<uint32_t, rules::Deal> deals_;  // as imported in SetUp
  std::vector<Kiosk> kiosks_;
  std::vector<std::string> manager_;  // Vera's session at each kiosk's till
  StoreProcess server_;
};

}  // namespace gb::test
