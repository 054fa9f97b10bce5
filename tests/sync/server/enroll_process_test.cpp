// Enrolment by one-time code, end to end with real processes on 127.0.0.1:
// groupbuy-store over TLS, groupbuy-provision enroll-code / enroll / revoke,
// and the enrolled folder synced by groupbuy-kiosk's own sync wiring.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <thread>

#include "core/base/hex.h"
#include "core/sqlite/sqlite.h"
#include "kiosk/shell/sync_wiring.h"
#include "sync/protocol/enroll_code.h"
#include "sync/store/store_dir.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

// True when the statement has a row ready; false when done or failed.
bool Row(sqlite::Stmt& st) {
  base::Result<bool> r = st.Step();
  return r.ok() && *r;
}

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

int Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 0777);
}

std::string LastLine(std::string out) {
  while (!out.empty() && out.back() == '\n') out.pop_back();
  const size_t nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

// The app's desk over the kiosk's ledger: what groupbuy-kiosk's sign-up does.
class LedgerJoinDesk final : public app::DealDesk {
 public:
  explicit LedgerJoinDesk(ledger::Ledger& l) : ledger_(l) {}
  base::Result<std::vector<app::DealInfo>> ListDeals(int64_t) override {
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

 private:
  ledger::Ledger& ledger_;
};

class EnrollProcessTest : public SyncProcessTest {
 protected:
  void StartServer() {
    ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
    auto dir = store::StoreDir::Open(Sdir());
    ASSERT_TRUE(dir.ok());
    auto fp = dir->CertFingerprint();
    ASSERT_TRUE(fp.ok());
    pin_ = *fp;
  }

  std::string MakeCode(const std::string& extra = "") {
    CliRun r = Provision("enroll-code --dir " + Sdir() +
                             " --address 127.0.0.1:" + std::to_string(server_.port()) + " " + extra,
                         tmp_.str());
    EXPECT_EQ(r.code, 0) << r.err;
    return LastLine(r.out);
  }

  CliRun Enrol(const std::string& kdir, const std::string& code, const std::string& extra = "") {
    return Provision("enroll --kiosk-dir " + kdir + " --code " + code + " " + extra, tmp_.str());
  }

  // "used_at|kiosk_id" of every code, "unused|" for an unused one.
  std::string CodeRows() {
    auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
    EXPECT_TRUE(db.ok());
    auto st = db->Prepare(
        "SELECT coalesce(used_at, 'unused'), coalesce(kiosk_id, '')"
        " FROM enroll_codes ORDER BY id");
    std::string out;
    while (st.ok() && Row(*st)) out += st->Text(0) + "|" + st->Text(1) + "\n";
    return out;
  }

  int64_t CountKiosks() {
    auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
    auto st = db->Prepare("SELECT count(*) FROM kiosks");
    return st.ok() && Row(*st) ? st->Int(0) : -1;
  }

  HttpResult PostEnroll(const protocol::EnrollCode& code, const std::string& pub_pem) {
    const nlohmann::json body = {{"code_secret", base::ToHex(code.secret)},
                                 {"public_key", pub_pem}};
    return Http(HttpTarget{server_.port(), true, pin_}, "POST", "/v1/enroll", "", body.dump());
  }

  std::string pin_;
};

TEST_F(EnrollProcessTest, AKioskEnrolledByCodeHasTheCatalogAndItsFirstBatchIsAccepted) {
  StartServer();
  const std::string code = MakeCode();
  const std::string kdir = tmp_.File("k1");
  CliRun r = Enrol(kdir, code, "--name door");
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("imported 1 deal"), std::string::npos) << r.out;
  for (const char* secret : {"/kiosk.json", "/signing.key", "/phone.key"}) {
    EXPECT_EQ(Mode(kdir + secret), 0600) << secret;
  }
  auto dir = config::KioskDir::Open(kdir);
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  const config::KioskSettings& s = dir->settings();
  ASSERT_TRUE(s.server.has_value());
  EXPECT_EQ(s.server->host, "127.0.0.1");
  EXPECT_EQ(s.server->port, server_.port());
  EXPECT_EQ(s.server->cert_sha256, pin_);
  EXPECT_EQ(s.key_id, 1u);
  EXPECT_EQ(s.store_name, "Test");
  EXPECT_EQ(CodeRows().find("unused"), std::string::npos);
  EXPECT_NE(CodeRows().find("|" + s.kiosk_id + "\n"), std::string::npos) << CodeRows();

  // The store holds the kiosk's public key, and nothing of its private key.
  auto pub = base::ReadFile(kdir + "/signing.pub");
  auto priv = base::ReadFile(kdir + "/signing.key");
  ASSERT_TRUE(pub.ok() && priv.ok());
  HttpResult state = Http(HttpTarget{server_.port(), true, pin_}, "GET", "/v1/state", admin_);
  ASSERT_EQ(state.status, 200) << state.body;
  const json kiosks = json::parse(state.body)["kiosks"];
  ASSERT_EQ(kiosks.size(), 1u);
  EXPECT_EQ(kiosks[0]["kiosk_id"], s.kiosk_id);
  EXPECT_EQ(kiosks[0]["public_key"], *pub);
  auto db_bytes = base::ReadFile(Sdir() + "/store.db");
  ASSERT_TRUE(db_bytes.ok());
  const std::string key_body = priv->substr(28, 40);  // inside the base64 of the PEM
  EXPECT_EQ(db_bytes->find(key_body), std::string::npos);

  // The catalog came with the enrolment: deal 42 is there before any sync.
  auto id = dir->LoadIdentity();
  ASSERT_TRUE(id.ok());
  auto l = ledger::Ledger::Open(dir->ledger_path(), std::move(id).value());
  ASSERT_TRUE(l.ok());
  ASSERT_TRUE(l->GetDeal(42, Now()).ok());

  // groupbuy-kiosk's sync wiring, with nothing but the enrolled folder.
  LedgerJoinDesk inner(*l);
  auto wiring = shell::SyncWiring::Start(*dir, l->identity(), inner, Now);
  ASSERT_TRUE(wiring.ok()) << wiring.status().ToString();
  shell::SyncWiring& w = **wiring;
  ASSERT_TRUE(w.enabled());
  app::JoinRequest join;
  join.deal_id = 42;
  join.phone_e164 = Phone(1);
  join.now = Now();
  ASSERT_TRUE(w.desk().Join(join).ok());
  ASSERT_TRUE(WaitFor([&] { return w.status()->acked_seq == 1; })) << w.status()->last_error;
  EXPECT_TRUE(w.status()->poisoned.empty());
  const json deal = ServerDeal(42, /*tls=*/true, pin_);
  EXPECT_EQ(deal["committed"], 1);
  EXPECT_EQ(deal["by_kiosk"][s.kiosk_id]["committed"], 1);
}

TEST_F(EnrollProcessTest, KiosksEnrolledByCodeOrByAddKioskHashPhonesWithTheStoresKey) {
  // A store folder made before stores had a phone key: the server's start
  // makes one (mode 0600) and hands it to every kiosk it enrols.
  ASSERT_EQ(::unlink((Sdir() + "/phone.key").c_str()), 0);
  StartServer();
  EXPECT_EQ(Mode(Sdir() + "/phone.key"), 0600);
  auto store_key = base::ReadFile(Sdir() + "/phone.key");
  ASSERT_TRUE(store_key.ok());
  const std::string by_code = tmp_.File("k1");
  CliRun r = Enrol(by_code, MakeCode());
  ASSERT_EQ(r.code, 0) << r.err << r.out;
  const std::string by_cli = tmp_.File("k2");
  ASSERT_FALSE(EnrolKiosk(Sdir(), by_cli).token.empty());
  for (const std::string& kdir : {by_code, by_cli}) {
    EXPECT_EQ(Mode(kdir + "/phone.key"), 0600) << kdir;
    auto key = base::ReadFile(kdir + "/phone.key");
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(*key, *store_key) << kdir;
  }
  // The key travels only in the enrolment reply: the state a kiosk polls,
  // and what the admin reads, never carry it.
  const std::string hex = store_key->substr(0, 64);
  HttpResult state = Http(HttpTarget{server_.port(), true, pin_}, "GET", "/v1/state", admin_);
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(state.body.find(hex), std::string::npos);
  HttpResult tallies = Http(HttpTarget{server_.port(), true, pin_}, "GET", "/v1/tallies", admin_);
  EXPECT_EQ(tallies.body.find(hex), std::string::npos);
  EXPECT_EQ(server_.Output().find(hex), std::string::npos);
}

TEST_F(EnrollProcessTest, AUsedCodeIsRefusedAndTheSecondKioskGetsNothing) {
  StartServer();
  const std::string code = MakeCode();
  // The first kiosk reads the code from standard input (--code -).
  ASSERT_TRUE(
      base::WriteFileAtomic(tmp_.File("code.txt"), code + "\n", 0600, base::Overwrite::kNo).ok());
  const std::string cmd = std::string(GB_PROVISION_BIN) + " enroll --kiosk-dir " + tmp_.File("k1") +
                          " --code - <" + tmp_.File("code.txt") + " >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_TRUE(config::KioskDir::Open(tmp_.File("k1")).ok());
  CliRun again = Enrol(tmp_.File("k2"), code);
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("code_used"), std::string::npos) << again.err;
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("k2") + "/kiosk.json"));
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("k2") + "/signing.key"));
  EXPECT_EQ(CountKiosks(), 1);
}

TEST_F(EnrollProcessTest, CodesMadeAndUsedBackToBackEachEnrolAKiosk) {
  // An installer at a row of kiosks: make a code, scan it, make the next...
  // The server keeps the codes in memory; a code made a moment ago by
  // another process must still be known.
  StartServer();
  for (int i = 0; i < 4; ++i) {
    CliRun r = Enrol(tmp_.File("k" + std::to_string(i)), MakeCode());
    EXPECT_EQ(r.code, 0) << i << ": " << r.err;
  }
  EXPECT_EQ(CountKiosks(), 4);
}

TEST_F(EnrollProcessTest, AnExpiredCodeIsRefusedByTheKioskAndByTheServer) {
  StartServer();
  const std::string text = MakeCode("--ttl 1s");
  auto code = protocol::DecodeEnrollCode(text);
  ASSERT_TRUE(code.ok());
  // Waiting for the expiry to pass; nothing is timed.
  while (Now() <= code->expires_at) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CliRun r = Enrol(tmp_.File("k1"), text);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("code_expired"), std::string::npos) << r.err;
  // The kiosk knew from the code; the server refuses on its own clock too.
  auto key = voucher::SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  HttpResult direct = PostEnroll(*code, key->Public().Pem());
  EXPECT_EQ(direct.status, 403) << direct.body << direct.error;
  EXPECT_EQ(json::parse(direct.body, nullptr, false).value("error", ""), "code_expired");
  EXPECT_EQ(CountKiosks(), 0);
  EXPECT_EQ(CodeRows(), "unused|\n");
}

TEST_F(EnrollProcessTest, AnUnknownCodeIsRefused) {
  StartServer();
  auto code = protocol::DecodeEnrollCode(MakeCode());
  ASSERT_TRUE(code.ok());
  code->secret[0] ^= 0x01;  // right server, right certificate, wrong secret
  auto forged = protocol::EncodeEnrollCode(*code);
  ASSERT_TRUE(forged.ok());
  CliRun r = Enrol(tmp_.File("k1"), *forged);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("code_unknown"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("k1") + "/kiosk.json"));
  EXPECT_EQ(CountKiosks(), 0);
  EXPECT_EQ(CodeRows(), "unused|\n");
}

TEST_F(EnrollProcessTest, AWrongFingerprintStopsBeforeTheSecretIsSent) {
  StartServer();
  const std::string good = MakeCode();
  auto code = protocol::DecodeEnrollCode(good);
  ASSERT_TRUE(code.ok());
  code->cert_sha256[5] ^= 0x40;
  auto edited = protocol::EncodeEnrollCode(*code);
  ASSERT_TRUE(edited.ok());
  CliRun r = Enrol(tmp_.File("k1"), *edited);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("pin_mismatch"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("still unused"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("k1") + "/kiosk.json"));
  // The server never saw the request: the code is unused, no kiosk was
  // added, and no /v1/enroll request was counted.
  EXPECT_EQ(CodeRows(), "unused|\n");
  EXPECT_EQ(CountKiosks(), 0);
  HttpResult metrics = Http(HttpTarget{server_.port(), true, pin_}, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body.find("/v1/enroll"), std::string::npos) << metrics.body;
  // And the real code still works.
  CliRun ok = Enrol(tmp_.File("k1"), good);
  EXPECT_EQ(ok.code, 0) << ok.err;
}

TEST_F(EnrollProcessTest, ARevokedKioskIsRefusedAtOnceAndListedAsRevoked) {
  StartServer();
  const std::string kdir = tmp_.File("k1");
  ASSERT_EQ(Enrol(kdir, MakeCode()).code, 0);
  auto dir = config::KioskDir::Open(kdir);
  ASSERT_TRUE(dir.ok());
  const std::string token = dir->settings().server->token;
  const std::string kiosk_id = dir->settings().kiosk_id;
  const HttpTarget to{server_.port(), true, pin_};
  ASSERT_EQ(Http(to, "GET", "/v1/state", token).status, 200);
  ASSERT_EQ(Http(to, "GET", "/v1/tallies", token).status, 200);

  const int64_t before = Now();
  CliRun revoke = Provision("revoke --dir " + Sdir() + " --kiosk " + kiosk_id, tmp_.str());
  ASSERT_EQ(revoke.code, 0) << revoke.err;
  // The very next request, on the running server, is refused.
  HttpResult refused = Http(to, "GET", "/v1/state", token);
  EXPECT_EQ(refused.status, 401) << refused.body;
  const std::string batch = R"({"origin":")" + kiosk_id +
                            R"(","events":[{"seq":1,"type":"cancel","at":1,)"
                            R"("payload":{"key_id":1,"serial":1,"at":1}}]})";
  EXPECT_EQ(Http(to, "POST", "/v1/events", token, batch).status, 401);
  HttpResult state = Http(to, "GET", "/v1/state", admin_);
  ASSERT_EQ(state.status, 200);
  const json kiosks = json::parse(state.body)["kiosks"];
  ASSERT_EQ(kiosks.size(), 1u);
  EXPECT_EQ(kiosks[0]["kiosk_id"], kiosk_id);
  ASSERT_TRUE(kiosks[0]["revoked_at"].is_number_integer()) << kiosks.dump();
  EXPECT_GE(kiosks[0]["revoked_at"].get<int64_t>(), before);
}

TEST_F(EnrollProcessTest, OneCodePresentedTwiceAtOnceEnrolsOneKiosk) {
  StartServer();
  auto code = protocol::DecodeEnrollCode(MakeCode());
  ASSERT_TRUE(code.ok());
  auto a = voucher::SigningKey::Generate();
  auto b = voucher::SigningKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  HttpResult ra, rb;
  std::thread ta([&] { ra = PostEnroll(*code, a->Public().Pem()); });
  std::thread tb([&] { rb = PostEnroll(*code, b->Public().Pem()); });
  ta.join();
  tb.join();
  EXPECT_EQ((ra.status == 200) + (rb.status == 200), 1) << ra.body << rb.body;
  const HttpResult& loser = ra.status == 200 ? rb : ra;
  EXPECT_EQ(loser.status, 403);
  EXPECT_EQ(json::parse(loser.body, nullptr, false).value("error", ""), "code_used");
  EXPECT_EQ(CountKiosks(), 1);
}

}  // namespace
}  // namespace gb::test
