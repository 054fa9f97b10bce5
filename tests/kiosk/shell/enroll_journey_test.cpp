// groupbuy-kiosk on a folder with no identity, against a real groupbuy-store
// over TLS on 127.0.0.1 (tests/sync/client/store_fixture.h): the enrolment
// screen, a scanned code that enrols the kiosk and opens the wall without a
// restart (and its first sign-up reaches the store), a used code refused on
// screen, and a code with a wrong fingerprint refused before the secret
// reaches the server.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/base/hex.h"
#include "core/sqlite/sqlite.h"
#include "kiosk/config/kiosk_dir.h"
#include "sync/protocol/enroll_code.h"
#include "sync/store/store_dir.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

bool Row(sqlite::Stmt& st) {
  base::Result<bool> r = st.Step();
  return r.ok() && *r;
}

std::string LastLine(std::string out) {
  while (!out.empty() && out.back() == '\n') out.pop_back();
  const size_t nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

int Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 0777);
}

class EnrollJourneyTest : public SyncProcessTest {
 protected:
  void SetUp() override {
    SyncProcessTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
    auto dir = store::StoreDir::Open(Sdir());
    ASSERT_TRUE(dir.ok());
    auto fp = dir->CertFingerprint();
    ASSERT_TRUE(fp.ok());
    pin_ = *fp;
  }

  std::string MakeCode() {
    CliRun r = Provision(
        "enroll-code --dir " + Sdir() + " --address 127.0.0.1:" + std::to_string(server_.port()),
        tmp_.str());
    EXPECT_EQ(r.code, 0) << r.err;
    return LastLine(r.out);
  }

  // groupbuy-kiosk --headless on the script; stderr is kept.
  CliRun Kiosk(const std::string& kdir, const std::string& script, const std::string& extra = "") {
    const std::string path = tmp_.File("script.txt");
    std::ofstream(path) << script;
    const std::string err = tmp_.File("kiosk.err");
    const std::string cmd = std::string(GB_KIOSK_BIN) + " --dir " + kdir + " --headless --script " +
                            path + " --screenshots " + tmp_.File("shots") + " " + extra +
                            " >/dev/null 2>" + err;
    const int status = std::system(cmd.c_str());
    CliRun r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    auto text = base::ReadFile(err);
    if (text.ok()) r.err = *text;
    return r;
  }

  // "used_at|kiosk_id" of every code, "unused|" for an unused one.
  std::string CodeRows() {
    auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
    EXPECT_TRUE(db.ok());
    auto st = db->Prepare(
        "SELECT coalesce(used_at, 'unused'), coalesce(kiosk_id, '') FROM enroll_codes ORDER BY id");
    std::string out;
    while (st.ok() && Row(*st))
      out += (st->Text(0) == "unused" ? "unused" : "used") + std::string("|") + st->Text(1) + "\n";
    return out;
  }

  int64_t CountKiosks() {
    auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
    auto st = db->Prepare("SELECT count(*) FROM kiosks");
    return st.ok() && Row(*st) ? st->Int(0) : -1;
  }

  std::string pin_;
};

TEST_F(EnrollJourneyTest, AScannedCodeEnrolsTheKioskAndOpensTheWallWithoutARestart) {
  const std::string code = MakeCode();
  const std::string kdir = tmp_.File("k1");  // does not exist yet
  CliRun r = Kiosk(kdir,
                   "expect #screen-enroll\n"
                   "expect #enroll-code =\n"
                   "shot enroll\n"
                   "scan " +
                       code +
                       "\n"
                       "expect #screen-wall\n"
                       "expect #deal-42 Sofa 42\n"
                       "tap #deal-42\n"
                       "tap #join\n"
                       "type 015112345678\n"
                       "tap #consent\n"
                       "tap #confirm\n"
                       "expect #done-title You are #1.\n");
  ASSERT_EQ(r.code, 0) << r.err;
  // Nothing of the code in the kiosk's log: it is a credential until used.
  EXPECT_EQ(r.err.find(code.substr(5, 40)), std::string::npos) << r.err;
  auto dir = config::KioskDir::Open(kdir);
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  ASSERT_TRUE(dir->settings().server.has_value());
  EXPECT_EQ(dir->settings().server->port, server_.port());
  EXPECT_EQ(dir->settings().server->cert_sha256, pin_);
  for (const char* secret : {"/kiosk.json", "/signing.key", "/phone.key"}) {
    EXPECT_EQ(Mode(kdir + secret), 0600) << secret;
  }
  EXPECT_EQ(CodeRows(), "used|" + dir->settings().kiosk_id + "\n");
  // The sign-up made after enrolment reached the store: sync started too.
  const json deal = ServerDeal(42, /*tls=*/true, pin_);
  EXPECT_EQ(deal["committed"], 1) << deal.dump();
  EXPECT_EQ(deal["by_kiosk"][dir->settings().kiosk_id]["committed"], 1) << deal.dump();
  // Started again, the kiosk goes straight to its wall.
  CliRun again = Kiosk(kdir, "expect #screen-wall\n");
  EXPECT_EQ(again.code, 0) << again.err;
}

TEST_F(EnrollJourneyTest, AUsedCodeIsRefusedOnScreenAndAFreshOneThenWorks) {
  const std::string code = MakeCode();
  ASSERT_EQ(Kiosk(tmp_.File("k1"), "scan " + code + "\nexpect #screen-wall\n").code, 0);
  const std::string fresh = MakeCode();
  const std::string kdir = tmp_.File("k2");
  CliRun r = Kiosk(kdir, "scan " + code +
                             "\n"
                             "expect #screen-enroll\n"
                             "expect #enroll-status already been used\n"
                             "tap #lang-ru\n"
                             "expect #enroll-status уже использован\n"
                             "scan " +
                             fresh +
                             "\n"
                             "expect #screen-wall\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("code_used"), std::string::npos) << r.err;
  EXPECT_EQ(CountKiosks(), 2);
  // A refusal the script does not expect fails the run, naming the line.
  const std::string kdir3 = tmp_.File("k3");
  CliRun wrong = Kiosk(kdir3, "scan " + code + "\nexpect #screen-wall\n");
  EXPECT_EQ(wrong.code, 1) << wrong.err;
  EXPECT_NE(wrong.err.find("line 2"), std::string::npos) << wrong.err;
  EXPECT_FALSE(std::filesystem::exists(kdir3 + "/kiosk.json"));
  EXPECT_FALSE(std::filesystem::exists(kdir3 + "/signing.key"));
  EXPECT_EQ(CountKiosks(), 2);
}

TEST_F(EnrollJourneyTest, AWrongFingerprintIsRefusedBeforeTheSecretReachesTheServer) {
  const std::string good = MakeCode();
  auto code = protocol::DecodeEnrollCode(good);
  ASSERT_TRUE(code.ok());
  code->cert_sha256[7] ^= 0x10;
  auto edited = protocol::EncodeEnrollCode(*code);
  ASSERT_TRUE(edited.ok());
  const std::string kdir = tmp_.File("k1");
  // Refused; then the installer types the right code on the keyboard (in
  // lower case, without "GBE1:") and enrols.
  std::string body = good.substr(5);
  for (char& c : body) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CliRun r = Kiosk(kdir, "scan " + *edited +
                             "\n"
                             "expect #enroll-status Wrong server\n"
                             "expect #enroll-status Nothing secret was sent\n"
                             "shot refused\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("pin_mismatch"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(kdir + "/kiosk.json"));
  // The server never saw the request: the code is unused, no kiosk was
  // added, and no /v1/enroll request was counted.
  EXPECT_EQ(CodeRows(), "unused|\n");
  EXPECT_EQ(CountKiosks(), 0);
  HttpResult metrics = Http(HttpTarget{server_.port(), true, pin_}, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body.find("/v1/enroll"), std::string::npos) << metrics.body;

  CliRun typed = Kiosk(kdir, "type " + body +
                                 "\n"
                                 "expect #enroll-code =" +
                                 good +
                                 "\n"
                                 "tap #enroll-submit\n"
                                 "expect #screen-wall\n");
  ASSERT_EQ(typed.code, 0) << typed.err;
  EXPECT_EQ(CountKiosks(), 1);
}

TEST_F(EnrollJourneyTest, AStoreThatCannotBeReachedIsSaidOnScreen) {
  auto code = protocol::DecodeEnrollCode(MakeCode());
  ASSERT_TRUE(code.ok());
  server_.Stop();
  CliRun r = Kiosk(tmp_.File("k1"), "scan " + *protocol::EncodeEnrollCode(*code) +
                                        "\n"
                                        "expect #enroll-status cannot be reached\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("k1") + "/kiosk.json"));
}

}  // namespace
}  // namespace gb::test
