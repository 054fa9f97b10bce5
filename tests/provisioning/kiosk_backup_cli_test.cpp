// groupbuy-provision backup | restore --dir KDIR on a real kiosk folder
// (init-kiosk, catalog import) whose ledger another process keeps open and
// writes, as the running kiosk does: the backup is one moment of it; a
// restore under that process is refused and changes nothing; restored once
// it stopped, the ledger's vouchers and events continue after those of the
// ledger it replaced. And the refusals: another kiosk's file (unless
// --replace-identity), a newer schema, a folder that is not empty, a store's
// folder, a keys file of another kiosk.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <fstream>

#include "core/base/file_util.h"
#include "core/sqlite/sqlite.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/ledger/schema.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"

namespace gb::test {
namespace {

constexpr uint32_t kDeal = 7;

int Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 0777);
}

// The first column of the first row, as an integer (-1 and a failure when none).
int64_t Scalar(const std::string& db_path, const std::string& sql) {
  auto db = sqlite::Db::Open(db_path, false);
  EXPECT_TRUE(db.ok()) << db_path;
  if (!db.ok()) return -1;
  auto st = db->Prepare(sql);
  EXPECT_TRUE(st.ok()) << sql;
  if (!st.ok()) return -1;
  auto row = st->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return row.ok() && *row ? st->Int(0) : -1;
}

std::string Text(const std::string& db_path, const std::string& sql) {
  auto db = sqlite::Db::Open(db_path, false);
  if (!db.ok()) return "";
  auto st = db->Prepare(sql);
  if (!st.ok() || !*st->Step()) return "";
  return st->Text(0);
}

ledger::Ledger OpenLedger(const std::string& kdir) {
  auto dir = config::KioskDir::Open(kdir);
  EXPECT_TRUE(dir.ok()) << dir.status().ToString();
  auto id = dir->LoadIdentity();
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  auto l = ledger::Ledger::Open(dir->ledger_path(), std::move(id).value());
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  return std::move(l).value();
}

ledger::SignUpRequest Req(int n) {
  ledger::SignUpRequest req;
  req.deal_id = kDeal;
  req.phone_e164 = "+49151" + std::to_string(10000000 + n);
  req.now = static_cast<int64_t>(std::time(nullptr));
  return req;
}

// The child: the kiosk's writer. Signs up until `stop_fd` is readable,
// writing one byte to `out_fd` after each committed sign-up.
[[noreturn]] void SignUpUntilTold(const std::string& kdir, int stop_fd, int out_fd) {
  {
    auto dir = config::KioskDir::Open(kdir);
    if (!dir.ok()) _exit(2);
    auto id = dir->LoadIdentity();
    if (!id.ok()) _exit(2);
    auto l = ledger::Ledger::Open(dir->ledger_path(), std::move(id).value());
    if (!l.ok()) _exit(2);
    for (int n = 1;; ++n) {
      pollfd p{stop_fd, POLLIN, 0};
      if (::poll(&p, 1, 0) > 0) break;
      if (!l->SignUp(Req(n)).ok()) _exit(3);
      if (::write(out_fd, "s", 1) != 1) _exit(4);
    }
  }
  _exit(0);
}

class KioskBackupCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    MakeKiosk(Kdir());
  }

  void MakeKiosk(const std::string& kdir) {
    CliRun init = Provision("init-kiosk --dir " + kdir + " --store-name 'Test Store' --country DE",
                            tmp_.str());
    ASSERT_EQ(init.code, 0) << init.err;
    std::ofstream(tmp_.File("deal.json")) << R"({"deals": [{"id": 7, "title": {"en": "Lamp"},
      "currency": "EUR", "regular_price": 14900, "tiers": [{"participants": 2, "price": 9900}],
      "opens_at": "-1h", "stop_at": "+2d", "deadline": "+2d", "redeem_by": "+14d"}]})";
    CliRun import =
        Provision("catalog import --dir " + kdir + " " + tmp_.File("deal.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
  }

  std::string Kdir() const { return tmp_.File("kiosk"); }
  std::string Ledger() const { return Kdir() + "/ledger.db"; }
  std::string KioskId(const std::string& kdir) {
    auto dir = config::KioskDir::Open(kdir);
    EXPECT_TRUE(dir.ok());
    return dir.ok() ? dir->settings().kiosk_id : "";
  }

  ScopedTempDir tmp_;
};

TEST_F(KioskBackupCliTest, BackupWhileTheKioskWritesIsOneMomentAndRestoreWaitsForItToStop) {
  int stop[2], done[2];
  ASSERT_EQ(::pipe(stop), 0);
  ASSERT_EQ(::pipe(done), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(stop[1]);
    ::close(done[0]);
    SignUpUntilTold(Kdir(), stop[0], done[1]);
  }
  ::close(stop[0]);
  ::close(done[1]);
  int64_t signed_up = 0;
  auto await = [&](int64_t n) {
    char c;
    while (signed_up < n && ::read(done[0], &c, 1) == 1) ++signed_up;
    return signed_up >= n;
  };
  ASSERT_TRUE(await(20)) << "the writer stopped early";
  const int64_t before = signed_up;
  CliRun backup = Provision("backup --dir " + Kdir() + " --out " + tmp_.File("b.gbk"), tmp_.str());
  // Every sign-up reported by now was committed before the backup ended;
  // one more may be committed and not yet reported.
  for (pollfd p{done[0], POLLIN, 0}; ::poll(&p, 1, 0) > 0;) await(signed_up + 1);
  const int64_t after_backup = signed_up + 1;
  ASSERT_TRUE(await(after_backup + 20)) << "the writer stopped early";

  // The ledger is open in the writer: the restore is refused, nothing moves.
  const std::string ledger_bytes = base::ReadFile(Ledger()).value();
  CliRun busy = Provision("restore --dir " + Kdir() + " --from " + tmp_.File("b.gbk"), tmp_.str());
  EXPECT_EQ(busy.code, 1);
  EXPECT_NE(busy.err.find("db_in_use"), std::string::npos) << busy.err;
  EXPECT_NE(busy.err.find("process " + std::to_string(pid)), std::string::npos) << busy.err;
  EXPECT_TRUE(await(signed_up + 5)) << "the writer stopped after the refused restore";

  ASSERT_EQ(::write(stop[1], "x", 1), 1);
  char c;
  while (::read(done[0], &c, 1) == 1) ++signed_up;
  int wstatus = 0;
  ASSERT_EQ(::waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) << wstatus;
  ::close(stop[1]);
  ::close(done[0]);
  EXPECT_NE(base::ReadFile(Ledger()).value(), ledger_bytes);  // the writer went on

  ASSERT_EQ(backup.code, 0) << backup.err;
  EXPECT_NE(backup.out.find("backed up kiosk " + KioskId(Kdir())), std::string::npos) << backup.out;
  EXPECT_EQ(Mode(tmp_.File("b.gbk")), 0600);
  EXPECT_EQ(Mode(tmp_.File("b.gbk.keys")), 0600);
  // One moment: n pledges with serials 1..n, each with its outbox event, and
  // n between what was committed before and after the backup ran.
  const std::string b = tmp_.File("b.gbk");
  const int64_t n = Scalar(b, "SELECT count(*) FROM pledges");
  EXPECT_GE(n, before);
  EXPECT_LE(n, after_backup);
  EXPECT_EQ(Scalar(b, "SELECT max(serial) FROM pledges"), n);
  EXPECT_EQ(Scalar(b, "SELECT count(*) FROM outbox WHERE type = 'sign_up'"), n);
  EXPECT_EQ(Scalar(b, "SELECT max(seq) FROM outbox"), n);
  EXPECT_EQ(Scalar(b, "SELECT local_committed FROM deals WHERE id = 7"), n);
  EXPECT_EQ(Text(b, "PRAGMA integrity_check"), "ok");

  CliRun restore =
      Provision("restore --dir " + Kdir() + " --from " + tmp_.File("b.gbk"), tmp_.str());
  ASSERT_EQ(restore.code, 0) << restore.err;
  EXPECT_NE(restore.out.find("continue after those of the ledger it replaced"), std::string::npos)
      << restore.out;
  EXPECT_EQ(Mode(Ledger()), 0600);
  EXPECT_EQ(Text(Ledger(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(Scalar(Ledger(), "SELECT count(*) FROM sqlite_master WHERE name = 'backup_info'"), 0);
  // The kiosk opens it; the next voucher and event come after every one the
  // replaced ledger handed out, never a second time.
  ledger::Ledger l = OpenLedger(Kdir());
  EXPECT_EQ(l.CountVouchers().value(), n);
  auto next = l.SignUp(Req(100000));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->serial, static_cast<uint64_t>(signed_up + 1));
  auto events = l.OutboxAfter(n, 10).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].seq, signed_up + 1);
}

TEST_F(KioskBackupCliTest, IntoANewFolderTheKeysComeAlongAndCountersSkipPastTheUnknown) {
  {
    ledger::Ledger l = OpenLedger(Kdir());
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(l.SignUp(Req(i)).ok());
  }
  ASSERT_EQ(Provision("backup --dir " + Kdir() + " --out " + tmp_.File("b"), tmp_.str()).code, 0);
  const std::string fresh = tmp_.File("new/kiosk");
  CliRun restore = Provision("restore --dir " + fresh + " --from " + tmp_.File("b"), tmp_.str());
  ASSERT_EQ(restore.code, 0) << restore.err;
  EXPECT_NE(restore.out.find("there was no ledger before"), std::string::npos) << restore.out;
  EXPECT_EQ(Mode(fresh), 0700);
  for (const char* f : {"kiosk.json", "signing.key", "phone.key", "ledger.db"}) {
    EXPECT_EQ(Mode(fresh + "/" + f), 0600) << f;
  }
  for (const char* f : {"kiosk.json", "signing.key", "signing.pub", "phone.key"}) {
    EXPECT_EQ(base::ReadFile(fresh + "/" + f).value(), base::ReadFile(Kdir() + "/" + f).value())
        << f;
  }
  ledger::Ledger l = OpenLedger(fresh);
  EXPECT_EQ(l.CountVouchers().value(), 3);
  auto next = l.SignUp(Req(4));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->serial, 3u + 1000 + 1);
  EXPECT_EQ(l.OutboxAfter(3, 10).value().at(0).seq, 3 + 1000 + 1);
}

TEST_F(KioskBackupCliTest, RefusalsNameTheReasonAndAnotherKioskNeedsReplaceIdentity) {
  ASSERT_EQ(Provision("backup --dir " + Kdir() + " --out " + tmp_.File("b"), tmp_.str()).code, 0);
  EXPECT_EQ(Provision("backup --dir " + Kdir() + " --out " + tmp_.File("b"), tmp_.str()).code, 1);
  const std::string id = KioskId(Kdir());

  const std::string other = tmp_.File("other");
  MakeKiosk(other);
  const std::string other_id = KioskId(other);
  ASSERT_NE(other_id, id);
  const std::string other_ledger = base::ReadFile(other + "/ledger.db").value();
  CliRun refused = Provision("restore --dir " + other + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.err.find("other_kiosk"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--replace-identity"), std::string::npos) << refused.err;
  EXPECT_EQ(base::ReadFile(other + "/ledger.db").value(), other_ledger);
  EXPECT_EQ(KioskId(other), other_id);

  // The keys of another kiosk with this backup, into a new folder.
  ASSERT_EQ(Provision("backup --dir " + other + " --out " + tmp_.File("o"), tmp_.str()).code, 0);
  CliRun mixed = Provision("restore --dir " + tmp_.File("new") + " --from " + tmp_.File("b") +
                               " --keys " + tmp_.File("o.keys"),
                           tmp_.str());
  EXPECT_EQ(mixed.code, 1);
  EXPECT_NE(mixed.err.find("keys_mismatch"), std::string::npos) << mixed.err;

  // Told: the other folder becomes this kiosk, keys and all.
  CliRun told = Provision("restore --replace-identity --dir " + other + " --from " + tmp_.File("b"),
                          tmp_.str());
  ASSERT_EQ(told.code, 0) << told.err;
  EXPECT_NE(told.out.find("was kiosk " + other_id + " and is now kiosk " + id), std::string::npos)
      << told.out;
  EXPECT_EQ(KioskId(other), id);
  EXPECT_EQ(base::ReadFile(other + "/signing.key").value(),
            base::ReadFile(Kdir() + "/signing.key").value());
  EXPECT_EQ(Mode(other + "/signing.key"), 0600);
  EXPECT_EQ(OpenLedger(other).identity().origin, id);

  ASSERT_TRUE(base::MakeDirs(tmp_.File("full"), 0700).ok());
  ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("full/x"), "x", 0600, base::Overwrite::kNo).ok());
  CliRun full =
      Provision("restore --dir " + tmp_.File("full") + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(full.code, 1);
  EXPECT_NE(full.err.find("dir_not_empty"), std::string::npos) << full.err;

  ASSERT_FALSE(InitStore(tmp_.File("store"), tmp_.str()).empty());
  CliRun store =
      Provision("restore --dir " + tmp_.File("store") + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(store.code, 1);
  EXPECT_NE(store.err.find("wrong_kind"), std::string::npos) << store.err;
  ASSERT_EQ(
      Provision("backup --dir " + tmp_.File("store") + " --out " + tmp_.File("s"), tmp_.str()).code,
      0);
  CliRun into_kiosk =
      Provision("restore --dir " + Kdir() + " --from " + tmp_.File("s"), tmp_.str());
  EXPECT_EQ(into_kiosk.code, 1);
  EXPECT_NE(into_kiosk.err.find("wrong_kind"), std::string::npos) << into_kiosk.err;

  {
    auto db = sqlite::Db::Open(tmp_.File("b"), false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(
        db->Exec("PRAGMA user_version = " + std::to_string(ledger::kSchemaVersion + 1)).ok());
  }
  CliRun newer = Provision("restore --dir " + Kdir() + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(newer.code, 1);
  EXPECT_NE(newer.err.find("schema_too_new"), std::string::npos) << newer.err;
}

}  // namespace
}  // namespace gb::test
