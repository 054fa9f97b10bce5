// groupbuy-provision backup | restore against a real groupbuy-store: a backup
// taken while two kiosks keep signing people up is one consistent moment of
// the store; restored into a new folder and started, the store shows the
// tallies of that moment; the kiosks then resend what it lost and nothing is
// counted twice. And the refusals: another store's file, a newer schema, a
// folder that is not empty, a keys file of another store.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "core/sqlite/sqlite.h"
#include "sync/protocol/batch_codec.h"
#include "sync/store/schema.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"
#include "tests/sync/store/event_maker.h"

namespace gb::test {
namespace {

using nlohmann::json;

constexpr uint32_t kDeal = 43;

int Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return static_cast<int>(st.st_mode & 0777);
}

class BackupCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    admin_ = InitStore(Sdir(), tmp_.str());
    ASSERT_FALSE(admin_.empty());
    now_ = static_cast<int64_t>(std::time(nullptr));
    deal_ = MakeDeal(kDeal, 100000);
    deal_.opens_at = now_ - 3600;
    deal_.stop_at = now_ + 7 * 86400;
    deal_.deadline = now_ + 8 * 86400;
    deal_.redeem_by = now_ + 30 * 86400;
    ASSERT_TRUE(
        base::WriteFileAtomic(tmp_.File("catalog.json"),
                              json{{"deals", json::array({rules::DealToJson(deal_)})}}.dump(), 0644,
                              base::Overwrite::kNo)
            .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
    for (int i = 0; i < 2; ++i) {
      kiosks_.push_back(EnrolKiosk(Sdir(), tmp_.File("k" + std::to_string(i))));
      ASSERT_FALSE(kiosks_.back().token.empty());
    }
  }

  std::string Sdir() const { return tmp_.File("store"); }

  HttpResult Post(uint16_t port, int k, int64_t first, int64_t last) {
    Kiosk& kiosk = kiosks_[static_cast<size_t>(k)];
    std::vector<protocol::Event> events;
    for (int64_t s = first; s <= last; ++s) {
      events.push_back(SignUp(*kiosk.key, kiosk.key_id, kiosk.kiosk_id, s, static_cast<uint64_t>(s),
                              deal_, now_ - 60, static_cast<uint64_t>(k * 1'000'000 + s)));
    }
    return Http(HttpTarget{port, false, ""}, "POST", "/v1/events", kiosk.token,
                protocol::EncodeBatch(events));
  }
  static int64_t Acked(const HttpResult& r) {
    return r.status == 200 ? json::parse(r.body)["acked_seq"].get<int64_t>() : -1;
  }
  int64_t Committed(uint16_t port) {
    HttpResult r = Http(HttpTarget{port, false, ""}, "GET", "/v1/tallies", admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return -1;
    const json tallies = json::parse(r.body);  // the loop must not outlive it
    for (const json& d : tallies["deals"]) {
      if (d["id"] == kDeal) return d["committed"].get<int64_t>();
    }
    ADD_FAILURE() << "no deal " << kDeal << " in " << r.body;
    return -1;
  }
  // Sign-ups of each kiosk in a database file: count and highest seq.
  std::map<std::string, std::pair<int64_t, int64_t>> EventsIn(const std::string& db_path) {
    std::map<std::string, std::pair<int64_t, int64_t>> out;
    auto db = sqlite::Db::Open(db_path, false);
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return out;
    auto st = db->Prepare("SELECT origin, count(*), max(seq) FROM events GROUP BY origin");
    EXPECT_TRUE(st.ok());
    while (st.ok() && *st->Step()) out[st->Text(0)] = {st->Int(1), st->Int(2)};
    return out;
  }

  ScopedTempDir tmp_;
  std::string admin_;
  int64_t now_ = 0;
  rules::Deal deal_;
  std::vector<Kiosk> kiosks_;
};

TEST_F(BackupCliTest, BackupUnderLoadRestoresToThatMomentAndKiosksRefillIt) {
  StoreProcess server;
  ASSERT_TRUE(server.Start(Sdir())) << server.Output();
  const uint16_t port = server.port();
  std::atomic<bool> stop = false;
  std::atomic<int64_t> acked[2] = {0, 0};
  std::vector<std::thread> kiosks;
  for (int k = 0; k < 2; ++k) {
    kiosks.emplace_back([&, k] {
      // One sign-up a request, as a busy store's kiosks send them.
      for (int64_t seq = 1; !stop; ++seq) {
        HttpResult r = Post(port, k, seq, seq);
        if (Acked(r) != seq) {
          ADD_FAILURE() << "seq " << seq << ": " << r.status << " " << r.body;
          stop = true;
          return;
        }
        acked[k] = seq;
      }
    });
  }
  while (!stop && acked[0] + acked[1] < 40) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  CliRun backup = Provision("backup --dir " + Sdir() + " --out " + tmp_.File("b.gbk"), tmp_.str());
  const int64_t during = acked[0] + acked[1];
  // Sign-ups go on after the backup: the restored store will lack them.
  while (!stop && acked[0] + acked[1] < during + 40) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  stop = true;
  for (auto& t : kiosks) t.join();
  ASSERT_EQ(backup.code, 0) << backup.err;
  EXPECT_NE(backup.out.find("backed up store \"Test\""), std::string::npos) << backup.out;
  EXPECT_EQ(Mode(tmp_.File("b.gbk")), 0600);
  EXPECT_EQ(Mode(tmp_.File("b.gbk.keys")), 0600);
  const int64_t total = acked[0] + acked[1];
  EXPECT_EQ(Committed(port), total);
  EXPECT_EQ(server.Stop(), 0);

  // One moment: each kiosk's sign-ups in the copy are 1..n without a gap,
  // and n lies between what was acked before and after the backup ran.
  auto in_backup = EventsIn(tmp_.File("b.gbk"));
  int64_t at_backup = 0;
  for (const Kiosk& k : kiosks_) {
    auto [count, max_seq] = in_backup[k.kiosk_id];
    EXPECT_EQ(count, max_seq) << k.kiosk_id;
    at_backup += count;
  }
  EXPECT_GT(at_backup, 0);
  EXPECT_LT(at_backup, total);

  const std::string restored = tmp_.File("restored");
  CliRun restore =
      Provision("restore --dir " + restored + " --from " + tmp_.File("b.gbk"), tmp_.str());
  ASSERT_EQ(restore.code, 0) << restore.err;
  EXPECT_EQ(Mode(restored), 0700);
  EXPECT_EQ(Mode(restored + "/tls.key"), 0600);
  EXPECT_EQ(Mode(restored + "/admin.token"), 0600);
  EXPECT_EQ(Mode(restored + "/store.db"), 0600);

  StoreProcess again;
  ASSERT_TRUE(again.Start(restored)) << again.Output();
  EXPECT_EQ(Committed(again.port()), at_backup);
  // The kiosks resend everything they hold (their outbox after the
  // restored store's lower ack): only what it lost counts.
  for (int k = 0; k < 2; ++k) {
    for (int round = 0; round < 2; ++round) {
      for (int64_t from = 1; from <= acked[k]; from += 50) {
        HttpResult r = Post(again.port(), k, from, std::min<int64_t>(acked[k], from + 49));
        ASSERT_EQ(r.status, 200) << r.body;
      }
    }
  }
  EXPECT_EQ(Committed(again.port()), total);
  // Not under the running server: it would go on writing the replaced file.
  CliRun busy = Provision("restore --dir " + restored + " --from " + tmp_.File("b.gbk"), tmp_.str());
  EXPECT_EQ(busy.code, 1);
  EXPECT_NE(busy.err.find("db_in_use"), std::string::npos) << busy.err;
  EXPECT_EQ(Committed(again.port()), total);
  EXPECT_EQ(again.Stop(), 0);
  auto db = sqlite::Db::Open(restored + "/store.db", false);
  ASSERT_TRUE(db.ok());
  auto check = db->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok() && *check->Step());
  EXPECT_EQ(check->Text(0), "ok");
  auto info = db->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'backup_info'");
  ASSERT_TRUE(info.ok() && *info->Step());
  EXPECT_EQ(info->Int(0), 0);  // the restored database is the store's, nothing more
}

TEST_F(BackupCliTest, RestoreRefusesAnotherStoresFileANewerSchemaAndAFullFolder) {
  ASSERT_EQ(Provision("backup --dir " + Sdir() + " --out " + tmp_.File("b"), tmp_.str()).code, 0);
  // A second backup never overwrites the first.
  CliRun twice = Provision("backup --dir " + Sdir() + " --out " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(twice.code, 1);

  // Over its own store: accepted.
  CliRun own = Provision("restore --dir " + Sdir() + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(own.code, 0) << own.err;

  ASSERT_FALSE(InitStore(tmp_.File("other"), tmp_.str()).empty());
  CliRun other =
      Provision("restore --dir " + tmp_.File("other") + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(other.code, 1);
  EXPECT_NE(other.err.find("other_store"), std::string::npos) << other.err;
  EXPECT_NE(other.err.find("\"Test\""), std::string::npos) << other.err;

  // The keys of another store with this backup.
  ASSERT_EQ(
      Provision("backup --dir " + tmp_.File("other") + " --out " + tmp_.File("o"), tmp_.str()).code,
      0);
  CliRun mixed = Provision("restore --dir " + tmp_.File("new") + " --from " + tmp_.File("b") +
                               " --keys " + tmp_.File("o.keys"),
                           tmp_.str());
  EXPECT_EQ(mixed.code, 1);
  EXPECT_NE(mixed.err.find("keys_mismatch"), std::string::npos) << mixed.err;

  ASSERT_TRUE(base::MakeDirs(tmp_.File("full"), 0700).ok());
  ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("full/x"), "x", 0600, base::Overwrite::kNo).ok());
  CliRun full =
      Provision("restore --dir " + tmp_.File("full") + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(full.code, 1);
  EXPECT_NE(full.err.find("dir_not_empty"), std::string::npos) << full.err;

  {
    auto db = sqlite::Db::Open(tmp_.File("b"), false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(
        db->Exec("PRAGMA user_version = " + std::to_string(store::kSchemaVersion + 1)).ok());
  }
  CliRun newer = Provision("restore --dir " + Sdir() + " --from " + tmp_.File("b"), tmp_.str());
  EXPECT_EQ(newer.code, 1);
  EXPECT_NE(newer.err.find("schema_too_new"), std::string::npos) << newer.err;

  ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("junk"), "not a database at all, sorry", 0600,
                                    base::Overwrite::kNo)
                  .ok());
  CliRun junk = Provision("restore --dir " + Sdir() + " --from " + tmp_.File("junk"), tmp_.str());
  EXPECT_EQ(junk.code, 1);
  EXPECT_NE(junk.err.find("not_a_backup"), std::string::npos) << junk.err;
}

}  // namespace
}  // namespace gb::test
