// groupbuy-kiosk's sync wiring (kiosk/shell/sync_wiring.h) against a real
// groupbuy-store over HTTPS with the enrolled certificate pinned.
#include "kiosk/shell/sync_wiring.h"

#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

// The app's desk over a ledger, counting what passes through.
class LedgerJoinDesk final : public app::DealDesk {
 public:
  explicit LedgerJoinDesk(ledger::Ledger& l) : ledger_(l) {}
  base::Result<std::vector<app::DealInfo>> ListDeals(int64_t) override {
    ++lists;
    return std::vector<app::DealInfo>{};
  }
  base::Result<app::JoinTicket> Join(const app::JoinRequest& r) override {
    ledger::SignUpRequest req;
    req.deal_id = r.deal_id;
    req.phone_e164 = r.phone_e164;
    req.now = r.now;
    GB_ASSIGN_OR_RETURN(ledger::SignUpReceipt receipt, ledger_.SignUp(req));
    app::JoinTicket t;
    t.pledge_id = receipt.pledge_id;
    return t;
  }
  int lists = 0;

 private:
  ledger::Ledger& ledger_;
};

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

TEST_F(SyncProcessTest, WithoutAServerBlockNothingSyncs) {
  const std::string kdir = tmp_.File("alone");
  CliRun init = Provision("init-kiosk --dir " + kdir + " --store-name Test", tmp_.str());
  ASSERT_EQ(init.code, 0) << init.err;
  auto dir = config::KioskDir::Open(kdir);
  ASSERT_TRUE(dir.ok());
  auto id = dir->LoadIdentity();
  ASSERT_TRUE(id.ok());
  auto l = ledger::Ledger::Open(dir->ledger_path(), id->WithoutKey());
  ASSERT_TRUE(l.ok());
  LedgerJoinDesk inner(*l);
  auto wiring = shell::SyncWiring::Start(*dir, *id, inner, Now);
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  EXPECT_FALSE((*wiring)->enabled());
  EXPECT_FALSE((*wiring)->status().has_value());
  ASSERT_TRUE((*wiring)->desk().ListDeals(Now()).ok());
  EXPECT_EQ(inner.lists, 1);
  (*wiring)->Wake();  // harmless
  EXPECT_TRUE((*wiring)->Flush(1'000).ok());  // nothing to hand over
  EXPECT_FALSE(base::ReadFile(kdir + "/sync-cursor.json").ok());
}

TEST_F(SyncProcessTest, AKioskWithAServerBlockSyncsOverPinnedHttps) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  const std::string kdir = tmp_.File("k0");
  Kiosk enrolled = EnrolKiosk(Sdir(), kdir);
  auto dir = config::KioskDir::Open(kdir);
  ASSERT_TRUE(dir.ok());
  // add-kiosk wrote the address kiosks use in the store; here it is the test's port.
  config::ServerSettings server = *dir->settings().server;
  server.host = "127.0.0.1";
  server.port = server_.port();
  ASSERT_TRUE(dir->Enrol(dir->settings().key_id, server).ok());
  auto id = dir->LoadIdentity();
  ASSERT_TRUE(id.ok());
  auto l = ledger::Ledger::Open(dir->ledger_path(), std::move(id).value());
  ASSERT_TRUE(l.ok());
  LedgerJoinDesk inner(*l);
  auto wiring = shell::SyncWiring::Start(*dir, l->identity(), inner, Now);
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  shell::SyncWiring& w = **wiring;
  EXPECT_TRUE(w.enabled());
  // The deal comes down from the store; a sign-up goes up.
  ASSERT_TRUE(WaitFor([&] { return l->GetDeal(42, Now()).ok(); })) << w.status()->last_error;
  app::JoinRequest join;
  join.deal_id = 42;
  join.phone_e164 = Phone(1);
  join.now = Now();
  ASSERT_TRUE(w.desk().Join(join).ok());
  // Flush (what groupbuy-kiosk does before it exits) returns once the store has it.
  base::Status flushed = w.Flush(10'000);
  ASSERT_TRUE(flushed.ok()) << flushed.ToString();
  EXPECT_EQ(w.status()->acked_seq, 1);
  EXPECT_TRUE(w.status()->online);
  EXPECT_EQ(ServerDeal(42, /*tls=*/true, enrolled.cert_sha256)["committed"], 1);
  EXPECT_TRUE(base::ReadFile(kdir + "/sync-cursor.json").ok());
}

TEST_F(SyncProcessTest, AWrongPinIsReportedAndNothingIsSent) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  const std::string kdir = tmp_.File("k0");
  EnrolKiosk(Sdir(), kdir);
  auto dir = config::KioskDir::Open(kdir);
  ASSERT_TRUE(dir.ok());
  config::ServerSettings server = *dir->settings().server;
  server.host = "127.0.0.1";
  server.port = server_.port();
  server.cert_sha256 = std::string(64, 'a');
  ASSERT_TRUE(dir->Enrol(dir->settings().key_id, server).ok());
  auto id = dir->LoadIdentity();
  ASSERT_TRUE(id.ok());
  auto l = ledger::Ledger::Open(dir->ledger_path(), id->WithoutKey());
  ASSERT_TRUE(l.ok());
  LedgerJoinDesk inner(*l);
  auto wiring = shell::SyncWiring::Start(*dir, *id, inner, Now);
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  ASSERT_TRUE(WaitFor([&] { return (*wiring)->status()->failures >= 1; }));
  EXPECT_FALSE((*wiring)->status()->online);
  // Not offline: the server identity alarm, kept in the ledger.
  EXPECT_EQ((*wiring)->status()->last_error.rfind("server_identity_changed", 0), 0u)
      << (*wiring)->status()->last_error;
  EXPECT_TRUE((*wiring)->status()->identity_changed);
  EXPECT_TRUE((*wiring)->identity_alarm());
  EXPECT_TRUE(l->GetServerAlarm()->has_value());
  EXPECT_FALSE(l->GetDeal(42, Now()).ok());
}

TEST_F(SyncProcessTest, ADamagedCursorStopsTheSyncNotTheKiosk) {
  const std::string kdir = tmp_.File("k0");
  EnrolKiosk(Sdir(), kdir);
  ASSERT_TRUE(base::WriteFileAtomic(kdir + "/sync-cursor.json", "{\"acked_seq\": -3}", 0600,
                                    base::Overwrite::kYes)
                  .ok());
  auto dir = config::KioskDir::Open(kdir);
  ASSERT_TRUE(dir.ok());
  auto id = dir->LoadIdentity();
  ASSERT_TRUE(id.ok());
  auto l = ledger::Ledger::Open(dir->ledger_path(), id->WithoutKey());
  ASSERT_TRUE(l.ok());
  LedgerJoinDesk inner(*l);
  auto wiring = shell::SyncWiring::Start(*dir, *id, inner, Now);
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  EXPECT_TRUE((*wiring)->enabled());
  ASSERT_TRUE((*wiring)->status().has_value());
  EXPECT_FALSE((*wiring)->status()->online);
  EXPECT_EQ((*wiring)->status()->last_error.rfind("bad_cursor_file", 0), 0u)
      << (*wiring)->status()->last_error;
  EXPECT_TRUE((*wiring)->desk().ListDeals(Now()).ok());
  (*wiring)->Wake();  // harmless without a thread
  EXPECT_EQ((*wiring)->Flush(1'000).reason(), "offline");  // and not waited for
}

}  // namespace
}  // namespace gb::test
