// One phone key per store, end to end: a real groupbuy-store over TLS, kiosks
// enrolled by the real groupbuy-provision add-kiosk and wired as
// groupbuy-kiosk wires them (SyncWiring over a LedgerDesk). The same phone
// is refused at a second kiosk online (POST /v1/shopper-check), and two
// kiosks that signed it up offline end in a "shopper_limit" conflict on the
// rescue list. A kiosk whose serials jump is flagged in /metrics.
#include <sys/stat.h>

#include "kiosk/shell/ledger_desk.h"
#include "kiosk/shell/sync_wiring.h"
#include "sync/store/store_db.h"
#include "tests/sync/client/wired_kiosk.h"

namespace gb::test {
namespace {

int Mode(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

// A kiosk whose app signs up through its ledger, behind the wiring's desk.
struct ShopperKiosk {
  std::optional<config::KioskDir> dir;
  std::optional<ledger::Ledger> ledger;
  std::optional<shell::LedgerDesk> inner;
  std::unique_ptr<shell::SyncWiring> wiring;
};

class ShopperProcessTest : public SyncProcessTest {
 protected:
  // Enrolled by add-kiosk; wired to the running server unless `offline`
  // (then its sync never starts: kiosk.json names a port nobody listens on).
  std::unique_ptr<ShopperKiosk> WireKiosk(int k, uint16_t port) {
    auto w = std::make_unique<ShopperKiosk>();
    const std::string kdir = tmp_.File("k" + std::to_string(k));
    enrolled_.push_back(EnrolKiosk(Sdir(), kdir));
    auto dir = config::KioskDir::Open(kdir);
    EXPECT_TRUE(dir.ok());
    if (!dir.ok()) return nullptr;
    config::ServerSettings server = *dir->settings().server;
    server.host = "127.0.0.1";
    server.port = port;
    EXPECT_TRUE(dir->Enrol(dir->settings().key_id, server).ok());
    w->dir.emplace(std::move(dir).value());
    auto id = w->dir->LoadIdentity();
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (!id.ok()) return nullptr;
    auto l = ledger::Ledger::Open(w->dir->ledger_path(), std::move(id).value());
    EXPECT_TRUE(l.ok());
    if (!l.ok()) return nullptr;
    w->ledger.emplace(std::move(l).value());
    w->inner.emplace(*w->ledger, /*lease_required=*/false);
    auto wiring = shell::SyncWiring::Start(*w->dir, w->ledger->identity(), *w->inner, Now);
    EXPECT_TRUE(wiring.ok());
    if (!wiring.ok()) return nullptr;
    w->wiring = std::move(wiring).value();
    return w;
  }

  base::Result<app::JoinTicket> Join(ShopperKiosk& k, int phone) {
    app::JoinRequest r;
    r.deal_id = 42;
    r.phone_e164 = Phone(phone);
    r.now = Now();
    return k.wiring->desk().Join(r);
  }

  bool Uploaded(ShopperKiosk& k) {
    auto events = k.ledger->OutboxAfter(0, 10'000);
    if (!events.ok() || events->empty()) return false;
    const int64_t last = events->back().seq;
    k.wiring->Wake();
    return WaitFor([&] { return k.wiring->status()->acked_seq >= last; });
  }

  // A gauge of the store's /metrics; -1 when it cannot be read.
  int64_t Gauge(const std::string& name) {
    HttpResult r =
        Http(HttpTarget{server_.port(), true, enrolled_[0].cert_sha256}, "GET", "/metrics", "");
    const std::string line = "\n" + name + " ";
    const size_t at = r.body.find(line);
    if (r.status != 200 || at == std::string::npos) return -1;
    return std::stoll(r.body.substr(at + line.size()));
  }

  json Get(const std::string& path) {
    HttpResult r =
        Http(HttpTarget{server_.port(), true, enrolled_[0].cert_sha256}, "GET", path, admin_);
    EXPECT_EQ(r.status, 200) << r.body << r.error;
    return r.status == 200 ? json::parse(r.body) : json();
  }

  // gb_http_requests_total of a route with code 200; -1 when unreadable.
  int64_t Answered(const std::string& route) {
    HttpResult r =
        Http(HttpTarget{server_.port(), true, enrolled_[0].cert_sha256}, "GET", "/metrics", "");
    const std::string line = "gb_http_requests_total{route=\"" + route + "\",code=\"200\"} ";
    const size_t at = r.body.find(line);
    if (r.status != 200) return -1;
    return at == std::string::npos ? 0 : std::stoll(r.body.substr(at + line.size()));
  }

  std::vector<gb::test::Kiosk> enrolled_;
};

TEST_F(ShopperProcessTest, AddKioskHandsEveryKioskTheStoresPhoneKey) {
  const std::string store_key = Sdir() + "/phone.key";
  EXPECT_EQ(Mode(store_key), 0600);
  auto key = base::ReadFile(store_key);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->size(), 65u);  // 64 hex digits and a newline
  for (int k : {0, 1}) {
    const std::string kdir = tmp_.File("k" + std::to_string(k));
    ASSERT_FALSE(EnrolKiosk(Sdir(), kdir).token.empty());
    EXPECT_EQ(Mode(kdir + "/phone.key"), 0600);
    auto kiosk_key = base::ReadFile(kdir + "/phone.key");
    ASSERT_TRUE(kiosk_key.ok());
    EXPECT_EQ(*kiosk_key, *key) << k;
  }
}

TEST_F(ShopperProcessTest, TheSamePhoneIsRefusedAtASecondKioskOnline) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  auto a = WireKiosk(0, server_.port());
  auto b = WireKiosk(1, server_.port());
  ASSERT_TRUE(a && b);
  for (ShopperKiosk* k : {a.get(), b.get()}) {
    ASSERT_TRUE(WaitFor([&] { return k->ledger->GetDeal(42, Now()).ok(); }));
  }
  // Deal 42 lets one shopper take one place (per_shopper 1).
  auto first = Join(*a, 7);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(Uploaded(*a));

  // B has never seen this phone: only the store can tell it.
  const int64_t asked = Answered("/v1/shopper-check");
  auto second = Join(*b, 7);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().reason(), "shopper_limit") << second.status().ToString();
  EXPECT_EQ(Answered("/v1/shopper-check"), asked + 1);
  // Nothing was recorded at B: no voucher, nothing to upload.
  auto outbox = b->ledger->OutboxAfter(0, 100);
  ASSERT_TRUE(outbox.ok());
  EXPECT_TRUE(outbox->empty());
  // Another phone still signs up at B.
  auto other = Join(*b, 8);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE(Uploaded(*b));
  EXPECT_EQ(ServerDeal(42, true, enrolled_[0].cert_sha256)["participants"], 2);
  EXPECT_EQ(ServerDeal(42, true, enrolled_[0].cert_sha256)["conflicts"], 0);
}

TEST_F(ShopperProcessTest, TwoKiosksOfflineMakeAShopperLimitConflictWhenTheySync) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  const uint16_t port = server_.port();
  auto a = WireKiosk(0, port);
  auto b = WireKiosk(1, port);
  ASSERT_TRUE(a && b);
  for (ShopperKiosk* k : {a.get(), b.get()}) {
    ASSERT_TRUE(WaitFor([&] { return k->ledger->GetDeal(42, Now()).ok(); }));
  }
  // The store goes away; both kiosks sign the phone up, each counting only
  // its own ledger, so each says yes.
  ASSERT_EQ(server_.Stop(), 0);
  auto at_a = Join(*a, 7);
  ASSERT_TRUE(at_a.ok()) << at_a.status().ToString();
  auto at_b = Join(*b, 7);
  ASSERT_TRUE(at_b.ok()) << at_b.status().ToString();

  // Back on the same address: both upload; the store counts the phone over
  // both kiosks, and the later sign-up is not counted.
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true, {"--listen", "127.0.0.1:" + std::to_string(port)}))
      << server_.Output();
  for (ShopperKiosk* k : {a.get(), b.get()}) ASSERT_TRUE(Uploaded(*k));
  const json deal = ServerDeal(42, true, enrolled_[0].cert_sha256);
  EXPECT_EQ(deal["participants"], 1) << deal.dump();  // the second is not counted
  EXPECT_EQ(deal["conflicts"], 1) << deal.dump();
  const json rescue = Get("/v1/rescue");
  ASSERT_EQ(rescue["open"], 1) << rescue.dump();
  EXPECT_EQ(rescue["items"][0]["kind"], "shopper_limit") << rescue.dump();
  // The figures refresh once a second.
  EXPECT_TRUE(WaitFor([&] { return Gauge("gb_store_conflicts") == 1; }));
  server_.Stop();
  auto db = store::StoreDb::Open(Sdir() + "/store.db");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->IntegrityCheck().value(), "ok");
}

TEST_F(ShopperProcessTest, AKioskWhoseSerialsJumpIsFlaggedAndItsSignUpStillCounts) {
  ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
  auto a = WireKiosk(0, server_.port());
  ASSERT_TRUE(a);
  ASSERT_TRUE(WaitFor([&] { return a->ledger->GetDeal(42, Now()).ok(); }));
  ASSERT_TRUE(Join(*a, 1).ok());
  ASSERT_TRUE(Uploaded(*a));
  EXPECT_TRUE(WaitFor([&] { return Gauge("gb_store_kiosks_flagged") == 0; }));
  // A tampered ledger: its serial counter moved far beyond what it sent.
  ASSERT_TRUE(a->ledger->db()
                  .Exec("UPDATE serials SET last = last + " +
                        std::to_string(store::kSerialJumpBound + 5))
                  .ok());
  auto jumped = Join(*a, 2);
  ASSERT_TRUE(jumped.ok()) << jumped.status().ToString();
  ASSERT_TRUE(Uploaded(*a));
  // The figures refresh once a second.
  EXPECT_TRUE(WaitFor([&] { return Gauge("gb_store_kiosks_flagged") == 1; }));
  // A flag, not a refusal: the sign-up counts.
  EXPECT_EQ(ServerDeal(42, true, enrolled_[0].cert_sha256)["participants"], 2);
  // The dashboard's kiosk list shows it, with the reason.
  const json tallies = Get("/v1/tallies");
  bool shown = false;
  for (const json& k : tallies["kiosks"]) {
    if (k["kiosk_id"] == enrolled_[0].kiosk_id && k.contains("flagged_at")) {
      shown = k["flag_reason"].get<std::string>().find("serial_jump") == 0;
    }
  }
  EXPECT_TRUE(shown) << tallies["kiosks"].dump();
}

}  // namespace
}  // namespace gb::test
