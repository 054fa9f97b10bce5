// Smoke tests of the groupbuy-provision binary, run as a separate process.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/base/file_util.h"
#include "tests/support/provision_run.h"
#include "tests/support/scoped_temp_dir.h"

namespace {

using gb::test::CliRun;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }

  CliRun Provision(const std::string& args) { return gb::test::Provision(args, dir_); }

  std::string Keygen() {
    CliRun r = Provision("keygen --out " + dir_ + "/keys");
    EXPECT_EQ(r.code, 0) << r.err;
    return dir_ + "/keys";
  }

  std::string Issue(const std::string& keys, const std::string& extra = "") {
    CliRun r = Provision("voucher issue --key " + keys + "/signing.key --key-id 7 --deal 42 "
                      "--serial 9 --price 59900 --issued 1767225600 " + extra);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }

  gb::test::ScopedTempDir tmp_;
  const std::string dir_ = tmp_.str();
};

int Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 0777);
}

TEST_F(CliTest, HelpWorksEverywhere) {
  for (const char* args : {"--help", "keygen --help", "voucher --help", "voucher issue --help",
                           "printer --help", "printer list --help", "printer status --help",
                           "printer test --help", "init-kiosk --help", "catalog import --help",
                           "voucher verify --help", "voucher inspect --help"}) {
    CliRun r = Provision(args);
    EXPECT_EQ(r.code, 0) << args;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << args;
  }
}

TEST_F(CliTest, MissingAndBadArgumentsSayWhatIsWrong) {
  struct Row {
    std::string args;
    std::string needle;  // in stderr
  };
  const Row rows[] = {
      {"", "subcommand"},
      {"frobnicate", "frobnicate"},
      {"keygen", "--out"},
      {"voucher", "subcommand"},
      {"voucher issue --key k --key-id 1 --deal 1 --serial x --price 5", "--serial"},
      {"voucher issue --key k --key-id 1 --deal 1 --serial 1", "--price"},
      {"voucher verify GB1:AAA", "--pub"},
      {"voucher inspect", "text"},
  };
  for (const Row& r : rows) {
    CliRun got = Provision(r.args);
    EXPECT_NE(got.code, 0) << r.args;
    EXPECT_NE(got.err.find(r.needle), std::string::npos) << r.args << "\n" << got.err;
  }
}

TEST_F(CliTest, KeygenWritesModesAndRefusesToOverwrite) {
  std::string keys = Keygen();
  EXPECT_EQ(Mode(keys + "/signing.key"), 0600);
  EXPECT_EQ(Mode(keys + "/signing.pub"), 0644);
  EXPECT_EQ(Mode(keys), 0700);
  std::string before = gb::base::ReadFile(keys + "/signing.key").value();
  EXPECT_NE(before.find("BEGIN PRIVATE KEY"), std::string::npos);
  CliRun again = Provision("keygen --out " + keys);
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("file_exists"), std::string::npos) << again.err;
  EXPECT_EQ(gb::base::ReadFile(keys + "/signing.key").value(), before);
}

TEST_F(CliTest, IssueVerifyInspectRoundTrip) {
  std::string keys = Keygen();
  std::string text = Issue(keys, "--terms-hash 0011223344556677 --offline");
  EXPECT_EQ(text.size(), 151u);
  EXPECT_EQ(text.rfind("GB1:", 0), 0u);

  CliRun v = Provision("voucher verify '" + text + "' --pub " + keys + "/signing.pub");
  ASSERT_EQ(v.code, 0) << v.err;
  for (const char* want : {"deal_id:     42", "serial:      9", "price_minor: 59900",
                           "terms_hash:  0011223344556677", "issued offline",
                           "2026-01-01T00:00:00Z", "signature:   valid"}) {
    EXPECT_NE(v.out.find(want), std::string::npos) << want << "\n" << v.out;
  }
  CliRun i = Provision("voucher inspect '" + text + "'");
  ASSERT_EQ(i.code, 0) << i.err;
  EXPECT_NE(i.out.find("not checked"), std::string::npos);
}

TEST_F(CliTest, VerifyNamesEachReason) {
  std::string keys = Keygen();
  std::string text = Issue(keys);
  std::string other = dir_ + "/other";
  ASSERT_EQ(Provision("keygen --out " + other).code, 0);
  std::string pub = " --pub " + keys + "/signing.pub";
  struct Row {
    std::string args;
    std::string reason;
  };
  std::string tampered = text;
  tampered[20] = tampered[20] == 'A' ? 'B' : 'A';
  const Row rows[] = {
      {"'" + text + "' --pub " + other + "/signing.pub", "bad_signature"},
      {"'" + tampered + "'" + pub, "bad_signature"},
      {"'hello'" + pub, "bad_prefix"},
      {"'GB1:abc'" + pub, "bad_base45"},
      {"'GB1:ABC'" + pub, "wrong_length"},
      {"'GB1:GGW'" + pub, "bad_base45_triple"},
      {"'" + text + "'" + pub + " --key-id 8", "unknown_key"},
      {"'" + text + "' --pub " + dir_ + "/nope.pub", "file_missing"},
  };
  for (const Row& r : rows) {
    CliRun got = Provision("voucher verify " + r.args);
    EXPECT_EQ(got.code, 1) << r.args;
    EXPECT_NE(got.err.find(r.reason), std::string::npos) << r.args << "\n" << got.err;
  }
}

TEST_F(CliTest, IssueRefusesAnInsecureKeyAndABadHash) {
  std::string keys = Keygen();
  ASSERT_EQ(::chmod((keys + "/signing.key").c_str(), 0644), 0);
  CliRun r = Provision("voucher issue --key " + keys + "/signing.key --key-id 1 --deal 1 "
                    "--serial 1 --price 5");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("insecure_mode"), std::string::npos) << r.err;
  ASSERT_EQ(::chmod((keys + "/signing.key").c_str(), 0600), 0);
  r = Provision("voucher issue --key " + keys + "/signing.key --key-id 1 --deal 1 --serial 1 "
                "--price 5 --terms-hash xyz");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("terms-hash"), std::string::npos) << r.err;
}

}  // namespace

namespace {

TEST_F(CliTest, PrinterCommandsOnTheVirtualPrinter) {
  const std::string dir = dir_ + "/paper";
  CliRun s = Provision("printer status --printer png:" + dir);
  EXPECT_EQ(s.code, 0) << s.err;
  EXPECT_NE(s.out.find("ready"), std::string::npos);

  ASSERT_TRUE(gb::base::WriteFileAtomic(dir + "/paper-out", "", 0644, gb::base::Overwrite::kNo).ok());
  CliRun out = Provision("printer test --printer png:" + dir);
  EXPECT_EQ(out.code, 1);
  EXPECT_NE(out.err.find("paper_out"), std::string::npos) << out.err;
  EXPECT_NE(out.err.find("paper roll"), std::string::npos) << "says what to do: " << out.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/0001.png")) << "nothing printed without paper";
  std::filesystem::remove(dir + "/paper-out");

  CliRun t = Provision("printer test --printer png:" + dir + " --profile generic-58mm --text HELLO");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("384 dots"), std::string::npos) << t.out;
  ASSERT_TRUE(std::filesystem::exists(dir + "/0001.png"));
  // The page's QR holds the text asked for, read by zbar from the PNG.
  std::string cmd = "zbarimg --raw -q --nodbus " + dir + "/0001.png > " + dir_ + "/qr.txt";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(gb::base::ReadFile(dir_ + "/qr.txt").value(), "HELLO\n");
}

TEST_F(CliTest, PrinterErrorsNameTheProblem) {
  struct Row {
    std::string args;
    std::string reason;
  };
  const Row rows[] = {
      {"printer status --printer lpt1", "bad_printer_spec"},
      {"printer status --printer file:" + dir_ + "/nope", "no_device"},
      {"printer test --printer usb:04b8:0e15", "no_device"},
      {"printer status --printer png:" + dir_ + " --profile epson-tm-t1000", "profile"},
      {"printer status", "--printer"},
  };
  for (const Row& r : rows) {
    CliRun got = Provision(r.args);
    EXPECT_NE(got.code, 0) << r.args;
    EXPECT_NE(got.err.find(r.reason), std::string::npos) << r.args << "\n" << got.err;
  }
  CliRun list = Provision("printer list");
  EXPECT_EQ(list.code, 0) << list.err;
}

}  // namespace

namespace {

TEST_F(CliTest, InitKioskAndImportTheExampleCatalogs) {
  const std::string k = dir_ + "/kiosk";
  CliRun init = Provision("init-kiosk --dir " + k + " --store-name 'Sofa & Co' --country RU");
  ASSERT_EQ(init.code, 0) << init.err;
  EXPECT_NE(init.out.find("Sofa & Co"), std::string::npos);
  for (const char* file : {"catalog.json", "catalog.csv"}) {
    CliRun imp = Provision("catalog import --dir " + k + " " + GB_SOURCE_DIR + "/docs/examples/" + file);
    ASSERT_EQ(imp.code, 0) << file << ": " << imp.err;
    EXPECT_NE(imp.out.find("imported"), std::string::npos);
  }
  CliRun again = Provision("init-kiosk --dir " + k + " --store-name Other");
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("kiosk_exists"), std::string::npos);
}

TEST_F(CliTest, CatalogImportErrorsNameTheProblemAndStoreNothing) {
  const std::string k = dir_ + "/kiosk";
  ASSERT_EQ(Provision("init-kiosk --dir " + k + " --store-name S").code, 0);
  ASSERT_TRUE(gb::base::WriteFileAtomic(dir_ + "/bad.csv",
                                        "id,title_en,currency,regular_price,tiers,opens_at,"
                                        "stop_at,deadline,redeem_by\n"
                                        "1,Lamp,EUR,89.00,4:59.00,+0,+1d,+1d,+2d\n"
                                        "2,Rug,EUR,12.345,4:9.00,+0,+1d,+1d,+2d\n",
                                        0644, gb::base::Overwrite::kNo)
                  .ok());
  CliRun bad = Provision("catalog import --dir " + k + " " + dir_ + "/bad.csv");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("line 3, column 'regular_price'"), std::string::npos) << bad.err;
  std::string cmd = "sqlite3 " + k + "/ledger.db 'select count(*) from deals' > " + dir_ + "/n.txt";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(gb::base::ReadFile(dir_ + "/n.txt").value(), "0\n") << "all or nothing";
  CliRun missing = Provision("catalog import --dir " + dir_ + "/nokiosk " + dir_ + "/bad.csv");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("file_missing"), std::string::npos) << missing.err;
}

}  // namespace
