// groupbuy-provision enroll-code | enroll | revoke as a separate process, with
// no server running: what the store's side writes and prints, and what the
// kiosk's side refuses before it dials anything. With a server: the process
// tests in tests/sync/server/enroll_process_test.cpp.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <string>

#include "core/base/file_util.h"
#include "core/base/hex.h"
#include "core/sqlite/sqlite.h"
#include "drivers/virtual/png_codec.h"
#include "sync/protocol/enroll_code.h"
#include "sync/store/token.h"
#include "tests/support/provision_run.h"
#include "tests/support/qr_scan.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb {
namespace {

using test::CliRun;

// True when the statement has a row ready; false when done or failed.
bool Row(sqlite::Stmt& st) {
  base::Result<bool> r = st.Step();
  return r.ok() && *r;
}

std::string LastLine(const std::string& out) {
  std::string text = out;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.substr(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1);
}

int Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 0777);
}

class EnrollCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun init = Provision("init-store --dir " + Sdir() + " --name Sofa --listen 127.0.0.1:8443");
    ASSERT_EQ(init.code, 0) << init.err;
    const std::string marker = "certificate sha256 ";
    size_t at = init.out.find(marker);
    ASSERT_NE(at, std::string::npos) << init.out;
    fingerprint_ = init.out.substr(at + marker.size(), 64);
  }

  CliRun Provision(const std::string& args) { return test::Provision(args, tmp_.str()); }

  std::string Sdir() const { return tmp_.File("store"); }

  // The enroll_codes rows as "used_at|expires_at|hash-hex", one a line.
  std::string Codes() {
    auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return "";
    auto st = db->Prepare(
        "SELECT coalesce(used_at, 'unused'), expires_at, hex(secret_sha256) FROM enroll_codes");
    EXPECT_TRUE(st.ok());
    std::string out;
    while (st.ok() && Row(*st)) {
      out += st->Text(0) + "|" + st->Text(1) + "|" + st->Text(2) + "\n";
    }
    return out;
  }

  test::ScopedTempDir tmp_;
  std::string fingerprint_;
};

TEST_F(EnrollCliTest, TheCodeIsAloneOnTheLastLineAndTheStoreKeepsOnlyItsHash) {
  const int64_t before = static_cast<int64_t>(std::time(nullptr));
  CliRun r = Provision("enroll-code --dir " + Sdir());
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = LastLine(r.out);
  auto code = protocol::DecodeEnrollCode(text);
  ASSERT_TRUE(code.ok()) << code.status().ToString() << "\n" << r.out;
  EXPECT_EQ(text.rfind("GBE1:", 0), 0u);
  EXPECT_EQ(code->host, "127.0.0.1");
  EXPECT_EQ(code->port, 8443);
  EXPECT_EQ(base::ToHex(code->cert_sha256), fingerprint_);
  // The default ttl is 15 minutes.
  EXPECT_GE(code->expires_at, before + 900);
  EXPECT_LE(code->expires_at, static_cast<int64_t>(std::time(nullptr)) + 900);
  const store::Digest hash = store::Sha256(
      std::string_view(reinterpret_cast<const char*>(code->secret.data()), code->secret.size()));
  std::string hex = base::ToHex(hash);
  for (char& c : hex) c = static_cast<char>(std::toupper(c));
  EXPECT_EQ(Codes(), "unused|" + std::to_string(code->expires_at) + "|" + hex + "\n");
  // The secret itself is nowhere in the database.
  auto raw = base::ReadFile(Sdir() + "/store.db");
  ASSERT_TRUE(raw.ok());
  const std::string secret(reinterpret_cast<const char*>(code->secret.data()), code->secret.size());
  EXPECT_EQ(raw->find(secret), std::string::npos);
  // Each run makes another code.
  CliRun again = Provision("enroll-code --dir " + Sdir() + " --ttl 2h --address kiosk.lan:9443");
  ASSERT_EQ(again.code, 0) << again.err;
  auto second = protocol::DecodeEnrollCode(LastLine(again.out));
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->secret, code->secret);
  EXPECT_EQ(second->host, "kiosk.lan");
  EXPECT_EQ(second->port, 9443);
  EXPECT_GE(second->expires_at, before + 7200);
}

TEST_F(EnrollCliTest, TheQrPngAndThePrintedReceiptScanToTheCode) {
  const std::string png = tmp_.File("code.png");
  const std::string printer = tmp_.File("printer");
  CliRun r =
      Provision("enroll-code --dir " + Sdir() + " --qr " + png + " --printer png:" + printer);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = LastLine(r.out);
  ASSERT_TRUE(protocol::DecodeEnrollCode(text).ok()) << r.out;
  EXPECT_EQ(Mode(png), 0600);
  for (const std::string& file : {png, printer + "/0001.png"}) {
    auto bytes = base::ReadFile(file);
    ASSERT_TRUE(bytes.ok()) << file;
    auto image = virtual_printer::DecodePng(*bytes);
    ASSERT_TRUE(image.ok()) << file;
    const std::vector<std::string> codes = virtual_printer::ScanQrCodes(*image);
    ASSERT_EQ(codes.size(), 1u) << file;
    EXPECT_EQ(codes[0], text) << file;
  }
}

TEST_F(EnrollCliTest, BadTtlsAndAnUndialableAddressStoreNothing) {
  for (const char* ttl : {"0", "15x", "-5m", "8d", "m", "99999999999999999999"}) {
    CliRun r = Provision("enroll-code --dir " + Sdir() + " --ttl " + ttl);
    EXPECT_EQ(r.code, 1) << ttl;
    EXPECT_NE(r.err.find("bad_ttl"), std::string::npos) << ttl << ": " << r.err;
  }
  CliRun wild = Provision("init-store --dir " + tmp_.File("wild") + " --name W");
  ASSERT_EQ(wild.code, 0) << wild.err;
  CliRun r = Provision("enroll-code --dir " + tmp_.File("wild"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no_address"), std::string::npos) << r.err;
  EXPECT_EQ(Codes(), "");
  CliRun missing = Provision("enroll-code --dir " + tmp_.File("nope") + " --address 1.2.3.4:5");
  EXPECT_EQ(missing.code, 1);
  EXPECT_FALSE(missing.err.empty());
}

TEST_F(EnrollCliTest, RevokeNamesAnUnknownKioskAndKeepsTheFirstTime) {
  CliRun unknown = Provision("revoke --dir " + Sdir() + " --kiosk kiosk-nobody");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("unknown_kiosk"), std::string::npos) << unknown.err;
  const std::string kdir = tmp_.File("kiosk");
  ASSERT_EQ(Provision("init-kiosk --dir " + kdir + " --store-name Sofa").code, 0);
  ASSERT_EQ(Provision("add-kiosk --dir " + Sdir() + " --kiosk-dir " + kdir).code, 0);
  auto json = base::ReadFile(kdir + "/kiosk.json");
  ASSERT_TRUE(json.ok());
  const size_t at = json->find("kiosk-");
  ASSERT_NE(at, std::string::npos);
  const std::string id = json->substr(at, 12);
  CliRun first = Provision("revoke --dir " + Sdir() + " --kiosk " + id);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("revoked at"), std::string::npos) << first.out;
  CliRun second = Provision("revoke --dir " + Sdir() + " --kiosk " + id);
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("already revoked"), std::string::npos) << second.out;
  auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
  ASSERT_TRUE(db.ok());
  auto st = db->Prepare("SELECT revoked_at FROM kiosks WHERE kiosk_id='" + id + "'");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(Row(*st));
  EXPECT_FALSE(st->IsNull(0));
}

TEST_F(EnrollCliTest, ReinstateLiftsASuspensionOnceAndNamesAnUnknownKiosk) {
  CliRun unknown = Provision("reinstate --dir " + Sdir() + " --kiosk kiosk-nobody");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("unknown_kiosk"), std::string::npos) << unknown.err;
  const std::string kdir = tmp_.File("kiosk");
  ASSERT_EQ(Provision("init-kiosk --dir " + kdir + " --store-name Sofa").code, 0);
  ASSERT_EQ(Provision("add-kiosk --dir " + Sdir() + " --kiosk-dir " + kdir).code, 0);
  auto json = base::ReadFile(kdir + "/kiosk.json");
  ASSERT_TRUE(json.ok());
  const std::string id = json->substr(json->find("kiosk-"), 12);
  {
    // As the store suspends a clone (a reused serial) for its current key.
    auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE kiosks SET suspended_at=1, suspended_key_id=key_id,"
                         " suspend_reason='serial_reuse', rev=rev+1 WHERE kiosk_id='" + id + "'")
                    .ok());
  }
  CliRun first = Provision("reinstate --dir " + Sdir() + " --kiosk " + id);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("reinstated"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("rotate its key now"), std::string::npos) << first.out;
  CliRun second = Provision("reinstate --dir " + Sdir() + " --kiosk " + id);
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("was not suspended"), std::string::npos) << second.out;
  auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
  ASSERT_TRUE(db.ok());
  auto st = db->Prepare("SELECT suspended_key_id FROM kiosks WHERE kiosk_id='" + id + "'");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(Row(*st));
  EXPECT_TRUE(st->IsNull(0));
}

TEST_F(EnrollCliTest, TheKioskRefusesBeforeDiallingWhatItCanCheckItself) {
  protocol::EnrollCode code;
  code.host = "127.0.0.1";
  code.port = 1;  // nothing listens there; none of these may get that far
  code.expires_at = static_cast<int64_t>(std::time(nullptr)) - 5;
  auto expired = protocol::EncodeEnrollCode(code);
  ASSERT_TRUE(expired.ok());
  const std::string kdir = tmp_.File("k1");
  CliRun r = Provision("enroll --kiosk-dir " + kdir + " --code " + *expired);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("code_expired"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(kdir + "/kiosk.json"));

  CliRun typo = Provision("enroll --kiosk-dir " + kdir + " --code GBE1:AAAA");
  EXPECT_EQ(typo.code, 1);
  EXPECT_NE(typo.err.find("bad_enroll_code"), std::string::npos) << typo.err;

  code.expires_at += 3600;
  auto fresh = protocol::EncodeEnrollCode(code);
  ASSERT_TRUE(fresh.ok());
  ASSERT_EQ(Provision("init-kiosk --dir " + tmp_.File("k2") + " --store-name X").code, 0);
  CliRun exists = Provision("enroll --kiosk-dir " + tmp_.File("k2") + " --code " + *fresh);
  EXPECT_EQ(exists.code, 1);
  EXPECT_NE(exists.err.find("kiosk_exists"), std::string::npos) << exists.err;
  CliRun country = Provision("enroll --kiosk-dir " + kdir + " --country XX --code " + *fresh);
  EXPECT_EQ(country.code, 1);
  EXPECT_NE(country.err.find("bad_settings"), std::string::npos) << country.err;

  // Now it dials, and nobody answers: nothing is written.
  CliRun down = Provision("enroll --kiosk-dir " + kdir + " --code " + *fresh);
  EXPECT_EQ(down.code, 1);
  EXPECT_NE(down.err.find("unreachable"), std::string::npos) << down.err;
  EXPECT_FALSE(std::filesystem::exists(kdir + "/kiosk.json"));
  EXPECT_FALSE(std::filesystem::exists(kdir + "/signing.key"));
}

TEST_F(EnrollCliTest, HelpAndMissingArguments) {
  for (const char* args : {"enroll-code --help", "enroll --help", "revoke --help"}) {
    CliRun r = Provision(args);
    EXPECT_EQ(r.code, 0) << args;
    EXPECT_TRUE(r.out.find("--dir") != std::string::npos ||
                r.out.find("--kiosk-dir") != std::string::npos)
        << args;
  }
  for (const char* args : {"enroll-code", "enroll --kiosk-dir x", "revoke --dir x"}) {
    CliRun r = Provision(args);
    EXPECT_NE(r.code, 0) << args;
    EXPECT_NE(r.err.find("required"), std::string::npos) << args << ": " << r.err;
  }
}

}  // namespace
}  // namespace gb
