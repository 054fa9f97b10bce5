// A store for the client process tests: groupbuy-provision sets it up with
// deal 42 (unlocks at 3, times around now) and enrols kiosks on demand;
// groupbuy-store serves it on 127.0.0.1.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/client/kiosk_node.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"

namespace gb::test {

using nlohmann::json;

// Waits for what the sync threads bring about. The bound only keeps a broken
// build from hanging; it is not a performance check.
template <typename Pred>
inline bool WaitFor(Pred pred) {
  for (int i = 0; i < 3000; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

inline rules::Deal MakeDeal(uint32_t id, int32_t threshold) {
  rules::Deal d;
  d.id = id;
  d.title = {{"en", "Sofa " + std::to_string(id)}};
  d.currency = "EUR";
  d.regular_price_minor = 99900;
  d.tiers = {{threshold, 59900}, {threshold * 2, 54900}};
  return d;
}

inline std::string Phone(int n) { return "+49151" + std::to_string(20000000 + n); }

class SyncProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun init =
        Provision("init-store --dir " + Sdir() + " --name Test --listen 127.0.0.1:0", tmp_.str());
    ASSERT_EQ(init.code, 0) << init.err;
    admin_ = init.out.substr(init.out.rfind(' ') + 1);
    admin_.pop_back();
    now_ = static_cast<int64_t>(std::time(nullptr));
    rules::Deal d = MakeDeal(42, 3);
    d.opens_at = now_ - 3600;
    d.stop_at = now_ + 7 * 86400;
    d.deadline = now_ + 8 * 86400;
    d.redeem_by = now_ + 30 * 86400;
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog.json"),
                                      json{{"deals", json::array({rules::DealToJson(d)})}}.dump(),
                                      0644, base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
  }

  std::string Sdir() const { return tmp_.File("store"); }

  std::unique_ptr<KioskNode> NewKiosk(int k) {
    const std::string kdir = tmp_.File("k" + std::to_string(k));
    Kiosk enrolled = EnrolKiosk(Sdir(), kdir);
    EXPECT_FALSE(enrolled.token.empty());
    return std::make_unique<KioskNode>(kdir);
  }

  json ServerDeal(uint32_t id, bool tls = false, const std::string& pin = "") {
    HttpResult r = Http(HttpTarget{server_.port(), tls, pin}, "GET", "/v1/tallies", admin_);
    EXPECT_EQ(r.status, 200) << r.body << r.error;
    if (r.status != 200) return {};
    const json tallies = json::parse(r.body);
    for (const json& d : tallies["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }

  base::Status SignUp(KioskNode& node, int phone) {
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = Phone(phone);
    r.now = static_cast<int64_t>(std::time(nullptr));
    return node.ledger().SignUp(r).status();
  }

  ScopedTempDir tmp_;
  std::string admin_;
  int64_t now_ = 0;
  StoreProcess server_;
};

}  // namespace gb::test
