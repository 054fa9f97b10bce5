// A wrong certificate at the till (docs/security.md, the man in the middle):
// kiosks enrolled against a real groupbuy-store over pinned HTTPS; then
// another groupbuy-store, with its own certificate, answers on the store's
// address. The tills refuse redemption and money with the server identity
// alarm ("server_identity_changed"), never the ledger's offline decision;
// nothing is redeemed or paid on either store, or in the kiosks' ledgers.
// When the real store is back, the alarm clears and is reported: the store
// shows it in /metrics and in GET /v1/tallies (its dashboard's data).
#include "core/sqlite/sqlite.h"
#include "tests/sync/client/wired_kiosk.h"

namespace gb::test {
namespace {

class IdentityAlarmProcessTest : public WiredStoreTest {
 protected:
  // A figure of GET /metrics; -1 when absent.
  int64_t Metric(const std::string& pin, const std::string& name) {
    HttpResult r = Http(HttpTarget{server_.port(), true, pin}, "GET", "/metrics", "");
    const std::string line = "\n" + name + " ";
    const size_t at = r.body.find(line);
    if (r.status != 200 || at == std::string::npos) return -1;
    return std::stoll(r.body.substr(at + line.size()));
  }
  json Tallies(const std::string& pin) {
    HttpResult r = Http(HttpTarget{server_.port(), true, pin}, "GET", "/v1/tallies", admin_);
    return r.status == 200 ? json::parse(r.body) : json();
  }
};

// Rows of a store database after its process stopped.
int64_t Count(const std::string& db_path, const std::string& sql) {
  auto db = sqlite::Db::Open(db_path, /*create=*/false);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  if (!db.ok()) return -1;
  auto st = db->Prepare(sql);
  EXPECT_TRUE(st.ok()) << st.status().ToString();
  if (!st.ok()) return -1;
  base::Result<bool> row = st->Step();
  if (!row.ok() || !*row) return -1;
  return st->Int(0);
}

TEST_F(IdentityAlarmProcessTest, AWrongCertificateAtTheTillIsRefusedAndReported) {
  // A deal asking a 10 % deposit, so the shop's own till could take one offline.
  rules::Deal d = MakeDeal(44, 3);
  d.opens_at = now_ - 3600;
  d.stop_at = now_ + 7 * 86400;
  d.deadline = now_ + 8 * 86400;
  d.redeem_by = now_ + 30 * 86400;
  d.deposit = {rules::DepositKind::kPercent, 1000, 86400};
  ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog44.json"),
                                    json{{"deals", json::array({rules::DealToJson(d)})}}.dump(),
                                    0644, base::Overwrite::kNo)
                  .ok());
  ASSERT_EQ(Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog44.json"),
                      tmp_.str())
                .code,
            0);
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  const uint16_t port = server_.port();
  auto shop = Wire(0);
  auto till = Wire(1);
  ASSERT_TRUE(shop && till);
  ASSERT_TRUE(WaitFor([&] { return shop->ledger->GetDeal(44, Now()).ok(); }));
  std::vector<ledger::SignUpReceipt> v42, v44;
  for (int i = 0; i < 6; ++i) {  // deal 42 unlocks at 3
    ledger::SignUpRequest r;
    r.deal_id = i < 3 ? 42 : 44;
    r.phone_e164 = Phone(i % 3);
    r.now = Now();
    auto receipt = shop->ledger->SignUp(r);
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    (i < 3 ? v42 : v44).push_back(*receipt);
  }
  // And one at the till's kiosk, for the shop's till to look up later.
  ledger::SignUpRequest at_till;
  at_till.deal_id = 42;
  at_till.phone_e164 = Phone(7);
  at_till.now = Now();
  auto tills_own = till->ledger->SignUp(at_till);
  ASSERT_TRUE(tills_own.ok()) << tills_own.status().ToString();
  ASSERT_TRUE(Uploaded(*shop));
  ASSERT_TRUE(Uploaded(*till));
  ASSERT_TRUE(KnowsKey(*till, enrolled_[0].key_id));
  ASSERT_TRUE(KnowsKey(*shop, enrolled_[1].key_id));
  const std::string pin = enrolled_[0].cert_sha256;
  ASSERT_TRUE(WaitFor([&] { return ServerDeal(42, true, pin)["state"] == "unlocked"; }));
  EXPECT_EQ(Metric(pin, "gb_store_identity_alarm_reports_total"), 0);

  // Another store, with its own certificate, on the store's address.
  const std::string impostor_dir = tmp_.File("impostor");
  ASSERT_FALSE(InitStore(impostor_dir, tmp_.str()).empty());
  EXPECT_EQ(server_.Stop(), 0);
  StoreProcess impostor;
  ASSERT_TRUE(impostor.Start(impostor_dir, /*tls=*/true,
                             {"--listen", "127.0.0.1:" + std::to_string(port)}))
      << impostor.Output();

  // The exact refusal, at another kiosk's till and at the issuing kiosk's own.
  auto redeem = till->till->Redeem(v42[0].voucher_text, Now());
  ASSERT_FALSE(redeem.ok());
  EXPECT_EQ(redeem.status().reason(), "server_identity_changed");
  EXPECT_EQ(redeem.status().code(), base::Code::kPermissionDenied);
  EXPECT_NE(redeem.status().message().find("identity has changed"), std::string::npos)
      << redeem.status().message();
  EXPECT_EQ(till->till->Look(v44[0].short_code, Now()).status().reason(),
            "server_identity_changed");
  EXPECT_EQ(till->till->TakeDeposit(v44[0].voucher_text, Now()).status().reason(),
            "server_identity_changed");
  auto own = shop->till->Redeem(v42[1].voucher_text, Now());
  EXPECT_EQ(own.status().reason(), "server_identity_changed");
  auto deposit = shop->till->TakeDeposit(v44[1].voucher_text, Now());
  EXPECT_EQ(deposit.status().reason(), "server_identity_changed");
  EXPECT_TRUE(shop->wiring->identity_alarm());
  EXPECT_TRUE(till->wiring->identity_alarm());
  // The sync thread says so too, and is not merely "offline".
  ASSERT_TRUE(WaitFor([&] { return shop->wiring->status()->identity_changed; }))
      << shop->wiring->status()->last_error;
  EXPECT_EQ(shop->wiring->status()->last_error.rfind("server_identity_changed", 0), 0u);

  // The impostor goes too; the alarm stands: no answer is no licence either.
  EXPECT_EQ(impostor.Stop(), 0);
  EXPECT_EQ(shop->till->TakeDeposit(v44[1].voucher_text, Now()).status().reason(),
            "server_identity_changed");
  // Nothing in the kiosks' ledgers...
  for (WiredKiosk* k : {shop.get(), till.get()}) {
    EXPECT_EQ(Count(k->dir->ledger_path(),
                    "SELECT count(*) FROM pledges WHERE redeemed_at IS NOT NULL OR "
                    "deposit_paid_at IS NOT NULL"),
              0);
  }
  // ...nor at the impostor, which never saw a request of a kiosk.
  EXPECT_EQ(Count(impostor_dir + "/store.db", "SELECT count(*) FROM events"), 0);
  EXPECT_EQ(Count(impostor_dir + "/store.db", "SELECT count(*) FROM pledges"), 0);

  // The real store is back: the first verified answer clears the alarm and
  // the kiosks report it over that connection.
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true, {"--listen", "127.0.0.1:" + std::to_string(port)}))
      << server_.Output();
  auto look = till->till->Look(v42[0].voucher_text, Now());
  ASSERT_TRUE(look.ok()) << look.status().ToString();
  EXPECT_EQ(look->verdict.kind, till::VerdictKind::kValid);  // still not redeemed
  EXPECT_FALSE(till->wiring->identity_alarm());
  // The shop's till too (its sync thread may still be backing off).
  auto shop_look = shop->till->Look(tills_own->voucher_text, Now());
  ASSERT_TRUE(shop_look.ok()) << shop_look.status().ToString();
  EXPECT_FALSE(shop->wiring->identity_alarm());
  ASSERT_TRUE(WaitFor([&] { return Metric(pin, "gb_store_identity_alarm_reports_total") == 2; }))
      << Metric(pin, "gb_store_identity_alarm_reports_total");
  ASSERT_TRUE(WaitFor([&] { return Metric(pin, "gb_store_identity_alarm_kiosks") == 2; }));
  const json t = Tallies(pin);
  ASSERT_EQ(t["identity_alarms"].size(), 2u) << t.dump();
  for (const json& a : t["identity_alarms"]) {
    EXPECT_GE(a["mismatches"].get<int64_t>(), 1);
    EXPECT_LE(a["first_at"].get<int64_t>(), a["last_at"].get<int64_t>());
    EXPECT_GE(a["reported_at"].get<int64_t>(), now_);
    EXPECT_TRUE(a["kiosk_id"] == enrolled_[0].kiosk_id || a["kiosk_id"] == enrolled_[1].kiosk_id)
        << a.dump();
  }
  // Nothing was redeemed or paid at the real store either.
  EXPECT_EQ(ServerDeal(42, true, pin)["redeemed"], 0);
  EXPECT_EQ(StoreConflicts(pin), 0);
  EXPECT_EQ(server_.Stop(), 0);
  EXPECT_EQ(Count(Sdir() + "/store.db",
                  "SELECT count(*) FROM pledges WHERE redeemed_at IS NOT NULL OR "
                  "deposit_paid_at IS NOT NULL"),
            0);
  EXPECT_EQ(Count(Sdir() + "/store.db", "SELECT count(*) FROM pragma_integrity_check "
                                        "WHERE integrity_check <> 'ok'"),
            0);
  for (WiredKiosk* k : {shop.get(), till.get()}) {
    EXPECT_EQ(Count(k->dir->ledger_path(),
                    "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
              0);
  }
}

}  // namespace
}  // namespace gb::test
