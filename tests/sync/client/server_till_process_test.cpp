// The till of kiosks that sync (kiosk/shell/server_till.h) against a real
// groupbuy-store over pinned HTTPS: a voucher of one kiosk is redeemed at
// another kiosk's till exactly once, whichever till is faster, and nothing is
// redeemed on the strength of a server that does not answer.
#include <atomic>
#include <functional>
#include <thread>

#include "kiosk/shell/sync_wiring.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

class NoDesk final : public app::DealDesk {
 public:
  base::Result<std::vector<app::DealInfo>> ListDeals(int64_t) override {
    return std::vector<app::DealInfo>{};
  }
  base::Result<app::JoinTicket> Join(const app::JoinRequest&) override {
    return base::Status::Internal("unused", "sign-ups go through the ledger here");
  }
};

// One kiosk as groupbuy-kiosk wires it: ledger, sync thread, staff till.
struct WiredKiosk {
  std::optional<config::KioskDir> dir;
  std::optional<ledger::Ledger> ledger;
  NoDesk inner;
  std::unique_ptr<shell::SyncWiring> wiring;
  std::unique_ptr<till::Till> till;
};

class ServerTillProcessTest : public SyncProcessTest {
 protected:
  std::unique_ptr<WiredKiosk> Wire(int k, std::function<int64_t()> clock = Now) {
    auto w = std::make_unique<WiredKiosk>();
    const std::string kdir = tmp_.File("k" + std::to_string(k));
    enrolled_.push_back(EnrolKiosk(Sdir(), kdir));
    auto dir = config::KioskDir::Open(kdir);
    EXPECT_TRUE(dir.ok());
    if (!dir.ok()) return nullptr;
    // add-kiosk wrote the address kiosks use in the store; here it is the test's port.
    config::ServerSettings server = *dir->settings().server;
    server.host = "127.0.0.1";
    server.port = server_.port();
    EXPECT_TRUE(dir->Enrol(dir->settings().key_id, server).ok());
    w->dir.emplace(std::move(dir).value());
    auto id = w->dir->LoadIdentity();
    auto l = ledger::Ledger::Open(w->dir->ledger_path(), std::move(id).value());
    EXPECT_TRUE(l.ok());
    if (!l.ok()) return nullptr;
    w->ledger.emplace(std::move(l).value());
    auto wiring = shell::SyncWiring::Start(*w->dir, w->ledger->identity(), w->inner,
                                            std::move(clock));
    EXPECT_TRUE(wiring.ok());
    w->wiring = std::move(wiring).value();
    const std::string place = "Till " + std::to_string(k);
    auto local = till::LocalTill::Create(*w->ledger, till::OwnKeyRing(w->ledger->identity()).value(),
                                         {w->ledger->identity().origin, place, 0, ""});
    EXPECT_TRUE(local.ok());
    auto t = w->wiring->MakeTill(*w->ledger, std::move(local).value(), place);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (t.ok()) w->till = std::move(t).value();
    return w;
  }

  std::vector<Kiosk> enrolled_;
};

TEST_F(ServerTillProcessTest, AnotherKiosksVoucherIsRedeemedOnceAcrossTills) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  auto shop = Wire(0);
  auto till1 = Wire(1);
  auto till2 = Wire(2);
  ASSERT_TRUE(shop && till1 && till2);
  ASSERT_TRUE(WaitFor([&] { return shop->ledger->GetDeal(42, Now()).ok(); }));
  std::vector<ledger::SignUpReceipt> vouchers;
  for (int i = 0; i < 4; ++i) {  // 3 unlock the deal
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = Phone(i);
    r.now = Now();
    auto receipt = shop->ledger->SignUp(r);
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    vouchers.push_back(*receipt);
  }
  shop->wiring->Wake();
  const std::string pin = enrolled_[0].cert_sha256;
  ASSERT_TRUE(WaitFor([&] { return ServerDeal(42, true, pin)["state"] == "unlocked"; }));
  // The tills learn the shop's key from the store's state.
  const uint32_t shop_key = enrolled_[0].key_id;
  for (WiredKiosk* t : {till1.get(), till2.get()}) {
    ASSERT_TRUE(WaitFor([&] {
      auto ks = t->ledger->ListStoreKiosks();
      if (!ks.ok()) return false;
      for (const auto& k : *ks) {
        if (k.key_id == shop_key) return true;
      }
      return false;
    }));
  }

  // A till looks first: the store says what to charge (3 joined: the first
  // tier) and nothing is redeemed by looking.
  auto look = till1->till->Look(vouchers[0].voucher_text, Now());
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->verdict.kind, till::VerdictKind::kValid);
  EXPECT_FALSE(look->verdict.redeemed_now);
  EXPECT_EQ(look->verdict.settlement.price, vouchers[0].price_minor);
  EXPECT_EQ(look->verdict.settlement.charge, vouchers[0].price_minor);

  // Both tills at once: one by the scanned text, one by the typed code.
  std::atomic<int> ready = 0;
  base::Result<till::Verdict> got[2] = {base::Status::Internal("", ""),
                                        base::Status::Internal("", "")};
  std::thread a([&] {
    ++ready;
    while (ready < 2) {
    }
    got[0] = till1->till->Redeem(vouchers[0].voucher_text, Now());
  });
  std::thread b([&] {
    ++ready;
    while (ready < 2) {
    }
    got[1] = till2->till->Redeem(vouchers[0].short_code, Now());
  });
  a.join();
  b.join();
  ASSERT_TRUE(got[0].ok()) << got[0].status().ToString();
  ASSERT_TRUE(got[1].ok()) << got[1].status().ToString();
  const int winner = got[0]->kind == till::VerdictKind::kValid ? 0 : 1;
  EXPECT_EQ(got[winner]->kind, till::VerdictKind::kValid);
  EXPECT_TRUE(got[winner]->redeemed_now);
  EXPECT_EQ(got[1 - winner]->kind, till::VerdictKind::kAlreadyRedeemed);
  EXPECT_EQ(got[1 - winner]->redeemed_place, "Till " + std::to_string(winner + 1));

  // The issuing kiosk's own till hears of it from the server, not its ledger.
  auto mine = shop->till->Redeem(vouchers[0].voucher_text, Now());
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->kind, till::VerdictKind::kAlreadyRedeemed);
  // Its own voucher redeemed at its own till: recorded in its ledger, slip queued.
  auto own = shop->till->Redeem(vouchers[1].voucher_text, Now());
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->kind, till::VerdictKind::kValid);
  EXPECT_GT(own->print_job_id, 0);
  EXPECT_EQ(shop->ledger->GetPledge(vouchers[1].pledge_id)->state, rules::PledgeState::kRedeemed);
  // And then another till finds it redeemed.
  auto late = till2->till->Redeem(vouchers[1].voucher_text, Now());
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->kind, till::VerdictKind::kAlreadyRedeemed);
  EXPECT_EQ(late->redeemed_place, "Till 0");

  // The store goes away: nothing is redeemed on a guess.
  EXPECT_EQ(server_.Stop(), 0);
  auto offline = till1->till->Redeem(vouchers[2].voucher_text, Now());
  ASSERT_FALSE(offline.ok());
  EXPECT_EQ(offline.status().reason(), "store_offline");
}

TEST_F(ServerTillProcessTest, AKioskWhoseClockIsOffTakesNoSignUps) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  // Kiosk 0's clock runs ten minutes ahead (allowed: two); kiosk 1's is right.
  auto ahead = Wire(0, [] { return Now() + 600; });
  auto right = Wire(1);
  ASSERT_TRUE(ahead && right);
  for (WiredKiosk* k : {ahead.get(), right.get()}) {
    ASSERT_TRUE(WaitFor([&] { return k->wiring->status()->clock_skew_s.has_value(); }))
        << k->wiring->status()->last_error << " started=" << k->wiring->status()->started
        << " online=" << k->wiring->status()->online << " rev=" << k->wiring->status()->state_revision
        << " failures=" << k->wiring->status()->failures;
  }
  EXPECT_TRUE(ahead->wiring->status()->skew_exceeded);
  EXPECT_FALSE(right->wiring->status()->skew_exceeded);
  app::JoinRequest join;
  join.deal_id = 42;
  join.phone_e164 = Phone(1);
  join.now = Now();
  auto refused = ahead->wiring->desk().Join(join);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "kiosk_paused");
  EXPECT_NE(refused.status().message().find("off the store server"), std::string::npos);
  // The right clock gets through to the desk (NoDesk answers "unused").
  EXPECT_EQ(right->wiring->desk().Join(join).status().reason(), "unused");
}

}  // namespace
}  // namespace gb::test
