// The fixture of the ServerTill tests (server_till_test.cpp: redemptions;
// server_till_money_test.cpp: deposits and refunds): a real ledger file and
// a scripted store server. Header-only.
#pragma once

#include <deque>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/voucher/codec.h"
#include "kiosk/shell/server_till.h"
#include "tests/kiosk/ledger/till_fixture.h"

namespace gb::shell::testing {

using ledger::testing::kJoin;
using nlohmann::json;
using till::VerdictKind;

// Plays the store server: answers in order, records what it was asked.
class ScriptedServer final : public sync_client::HttpTransport {
 public:
  struct Shared {
    std::deque<base::Result<sync_client::HttpReply>> replies;
    std::vector<json> asked;
    std::vector<std::string> targets;
    std::vector<std::string> sessions;  // each request's X-Staff-Session ("" none)
    // Runs before each reply: what the kiosk's sync thread does meanwhile.
    std::function<void()> meanwhile;
  };
  explicit ScriptedServer(Shared& shared) : s_(shared) {}
  base::Result<sync_client::HttpReply> Send(const sync_client::HttpRequest& r) override {
    EXPECT_EQ(r.method, "POST");
    s_.targets.push_back(r.target);
    s_.sessions.push_back(r.staff_session);
    s_.asked.push_back(json::parse(r.body));
    if (s_.meanwhile) s_.meanwhile();
    if (s_.replies.empty()) return base::Status::Error(base::Code::kUnavailable, "unreachable", "");
    auto next = std::move(s_.replies.front());
    s_.replies.pop_front();
    return next;
  }

 private:
  Shared& s_;
};

inline sync_client::HttpReply Ok(const json& body) { return {200, body.dump(), ""}; }

inline base::Status Offline() {
  return base::Status::Error(base::Code::kUnavailable, "unreachable", "connection refused");
}

// Kiosk 2's key, which the ledger learns from the store's state.
inline voucher::SigningKey OtherKey() {
  std::array<uint8_t, 32> seed{};
  seed.fill(0x42);
  return voucher::SigningKey::FromSeed(seed).value();
}

class ServerTillTest : public ledger::testing::TillFixture {
 protected:
  ServerTill Make(bool offline_redeem = false) {
    auto local = till::LocalTill::Create(
        l(), till::OwnKeyRing(ledger::testing::TestIdentity()).value(), {"till-1", "Till 1", 60, ""});
    EXPECT_TRUE(local.ok());
    return ServerTill(l(), std::move(local).value(), std::make_unique<ScriptedServer>(server_),
                      {"Till 1", offline_redeem, nullptr});
  }
  // Both deals unlocked by two sign-ups here.
  ledger::SignUpReceipt UnlockedVoucher() {
    ledger::SignUpReceipt a = Join(42, 1);
    Join(42, 2);
    return a;
  }
  int64_t Redeemed() { return Scalar(l(), "SELECT COUNT(*) FROM pledges WHERE redeemed_at IS NOT NULL"); }
  // A voucher of kiosk 2 (key 9) for `deal_id`, and that kiosk's key synced here.
  std::string OtherKioskVoucher(uint32_t deal_id = 42) {
    ledger::StoreKiosk k;
    k.kiosk_id = "kiosk-2";
    k.key_id = 9;
    k.public_key_pem = OtherKey().Public().Pem();
    ledger::RemoteState st{1, {}, {k}};
    EXPECT_TRUE(l().ApplyRemoteState(st, kJoin).ok());
    voucher::Body b;
    b.key_id = 9;
    b.deal_id = deal_id;
    b.serial = 1;
    b.issued_at = static_cast<uint32_t>(kJoin);
    b.price_minor = 59900;
    return voucher::Issue(b, OtherKey());
  }

  // The store's record of our pledge `r`, as GET /v1/state "pledges" brings it.
  void SyncBrings(const ledger::SignUpReceipt& r, const ledger::StorePledge& facts) {
    ledger::StorePledge p = facts;
    p.key_id = l().identity().key_id;
    p.serial = r.serial;
    ledger::RemoteState st{2, {}, {}};
    st.pledges = {p};
    auto applied = l().ApplyRemoteState(st, kLater);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    ASSERT_EQ(applied->pledges_updated, 1);
  }
  bool OutboxHas(const std::string& type) {
    auto events = l().OutboxAfter(0, 100);
    if (!events.ok()) return false;
    for (const auto& e : *events) {
      if (e.type == type) return true;
    }
    return false;
  }

  ScriptedServer::Shared server_;
  const int64_t kLater = kJoin + 60;
};


}  // namespace gb::shell::testing
