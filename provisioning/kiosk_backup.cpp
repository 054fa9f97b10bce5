#include "provisioning/kiosk_backup.h"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>

#include "core/base/file_util.h"
#include "core/sqlite/sqlite.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/schema.h"
#include "provisioning/db_in_use.h"
#include "sync/client/cursor_file.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

namespace fs = std::filesystem;

// A restored ledger is older than the one it replaces: the kiosk may have
// printed vouchers and sent events after the backup. Its counters must not
// hand those serials and seqs out again (a second voucher with the same
// serial, an event the store files as seq_reuse). When the replaced ledger
// can be read its counters are the floor; when it cannot (a new machine, a
// damaged file) the counters jump this far past the highest known, which
// stays well under the store's review flag for jumps (10,000).
constexpr int64_t kSkipWhenUnknown = 1000;

struct Floors {
  int64_t seq = 0;                     // the next outbox event comes after it
  std::map<int64_t, int64_t> serials;  // key id -> the next voucher comes after it
  bool exact = false;                  // read from the ledger being replaced
};

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

base::Result<int64_t> ScalarOr0(sqlite::Db& db, const std::string& sql) {
  GB_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare(sql));
  GB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row && !st.IsNull(0) ? st.Int(0) : 0;
}

// The counters of the ledger being replaced; an error when it cannot be read.
base::Result<Floors> ReadFloors(const std::string& path) {
  if (::access(path.c_str(), F_OK) != 0) {
    return base::Status::NotFound("no_ledger", path + " does not exist");
  }
  GB_ASSIGN_OR_RETURN(sqlite::Db db, sqlite::Db::Open(path, false));
  Floors f;
  GB_ASSIGN_OR_RETURN(f.seq, ScalarOr0(db, "SELECT max(seq) FROM outbox"));
  GB_ASSIGN_OR_RETURN(int64_t used, ScalarOr0(db,
                                              "SELECT seq FROM sqlite_sequence "
                                              "WHERE name = 'outbox'"));
  f.seq = std::max(f.seq, used);
  GB_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare("SELECT key_id, last FROM serials"));
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    f.serials[st.Int(0)] = st.Int(1);
  }
  f.exact = true;
  return f;
}

// Raises the copy's counters to the floors (never lowers them). Without
// exact floors, past the highest of the copy, the floors and the store's
// acknowledgement, by kSkipWhenUnknown, for every key and the current one.
base::Status RaiseCounters(sqlite::Db& copy, Floors f, int64_t acked_seq, int64_t key_id) {
  f.seq = std::max(f.seq, acked_seq);
  if (!f.exact) {
    GB_ASSIGN_OR_RETURN(int64_t copy_seq, ScalarOr0(copy,
                                                    "SELECT seq FROM sqlite_sequence "
                                                    "WHERE name = 'outbox'"));
    f.seq = std::max(f.seq, copy_seq) + kSkipWhenUnknown;
    GB_ASSIGN_OR_RETURN(sqlite::Stmt st, copy.Prepare("SELECT key_id, last FROM serials"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      f.serials[st.Int(0)] = std::max(f.serials[st.Int(0)], st.Int(1));
    }
    f.serials.try_emplace(key_id, 0);
    for (auto& [key, last] : f.serials) last += kSkipWhenUnknown;
  }
  // AUTOINCREMENT keeps the outbox's counter in sqlite_sequence; its row
  // appears with the first event, so a copy without events gets one.
  GB_RETURN_IF_ERROR(copy.Exec("DELETE FROM sqlite_sequence WHERE name = 'outbox' AND seq < " +
                               std::to_string(f.seq)));
  GB_RETURN_IF_ERROR(
      copy.Exec("INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox', " + std::to_string(f.seq) +
                " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')"));
  GB_ASSIGN_OR_RETURN(
      sqlite::Stmt up,
      copy.Prepare("INSERT INTO serials(key_id, last) VALUES (?, ?) "
                   "ON CONFLICT(key_id) DO UPDATE SET last = max(last, excluded.last)"));
  for (const auto& [key, last] : f.serials) {
    GB_RETURN_IF_ERROR(up.Bind(1, key).Bind(2, last).Run());
    GB_RETURN_IF_ERROR(up.Reset());
  }
  return base::Status::Ok();
}

// The kiosk id the copy's ledger itself names (meta 'origin'): what the
// kiosk checks when it opens it, so what the restore must match.
base::Result<std::string> LedgerOrigin(const std::string& path) {
  GB_ASSIGN_OR_RETURN(sqlite::Db db, sqlite::Db::Open(path, false));
  GB_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare("SELECT value FROM meta WHERE key = 'origin'"));
  GB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Text(0) : std::string();
}

bool EmptyOrMissing(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

}  // namespace

bool IsKioskDir(const std::string& dir) {
  return ::access((dir + "/kiosk.json").c_str(), F_OK) == 0;
}

base::Status BackupKiosk(const BackupArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(a.dir));
  if (::access(k.ledger_path().c_str(), F_OK) != 0) {
    return base::Status::NotFound("no_ledger", a.dir +
                                                   " has no ledger.db yet (the kiosk makes it "
                                                   "when it first starts): nothing to back up");
  }
  GB_ASSIGN_OR_RETURN(nlohmann::json keys, ReadFolderKeys(a.dir, "kiosk"));
  const BackupInfo made{.kind = "kiosk",
                        .name = k.settings().store_name,
                        .fingerprint = k.settings().kiosk_id,
                        .made_at = static_cast<int64_t>(std::time(nullptr))};
  GB_RETURN_IF_ERROR(CopyDatabase(k.ledger_path(), a.file, made));
  GB_RETURN_IF_ERROR(WriteKeysFile(a.KeysPath(), std::move(keys), made, a.file));
  GB_ASSIGN_OR_RETURN(BackupInfo info, ReadBackupInfo(a.file));
  out << "backed up kiosk " << made.fingerprint << " of " << Quote(made.name) << " (schema "
      << info.schema << ") to " << a.file << "; its keys to " << a.KeysPath()
      << " (mode 0600: keep it as safe as the kiosk's folder)\n";
  return base::Status::Ok();
}

base::Status RestoreKiosk(const BackupArgs& a, const BackupInfo& info, std::ostream& out) {
  const std::string& id = info.fingerprint;
  if (info.schema > ledger::kSchemaVersion) {
    return base::Status::Error(base::Code::kCorruption, "schema_too_new",
                               a.file + " has ledger schema version " +
                                   std::to_string(info.schema) + "; this program knows " +
                                   std::to_string(ledger::kSchemaVersion) +
                                   ": restore it with the newer program");
  }
  GB_ASSIGN_OR_RETURN(std::string origin, LedgerOrigin(a.file));
  if (origin != id) {
    return base::Status::InvalidArgument(
        "not_a_backup", a.file + " is not a groupbuy backup (its ledger belongs to " +
                            Quote(origin) + " but its backup_info names " + Quote(id) + ")");
  }
  if (store::StoreDir::IsStoreDir(a.dir)) {
    return base::Status::FailedPrecondition(
        "wrong_kind", a.file + " is a backup of kiosk " + id + ", and " + a.dir + " holds a store");
  }
  const std::string ledger_path = a.dir + "/ledger.db";
  std::string replaced;  // the kiosk whose folder takes this one's identity
  if (IsKioskDir(a.dir)) {
    GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(a.dir));
    // Before anything is written: never under a running kiosk.
    GB_RETURN_IF_ERROR(CheckNotInUse(ledger_path, "the kiosk (systemctl stop groupbuy-kiosk)"));
    if (k.settings().kiosk_id != id) {
      if (!a.replace_identity) {
        return base::Status::FailedPrecondition(
            "other_kiosk", a.file + " is a backup of kiosk " + id + " of " + Quote(info.name) +
                               ", not of kiosk " + k.settings().kiosk_id + " in " + a.dir +
                               "; to make this folder kiosk " + id +
                               " (its keys replaced too), add --replace-identity");
      }
      GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(a.KeysPath()));
      GB_RETURN_IF_ERROR(base::CheckSecretMode(a.KeysPath()));
      // A half-done rotation of the kiosk that leaves must not follow it.
      std::error_code ec;
      fs::remove(k.staged_key_path(), ec);
      GB_RETURN_IF_ERROR(WriteFolderKeys(a.dir, text, info, base::Overwrite::kYes));
      replaced = k.settings().kiosk_id;
    }
  } else {
    if (!EmptyOrMissing(a.dir)) {
      return base::Status::FailedPrecondition(
          "dir_not_empty",
          a.dir + " holds files but no kiosk; restore into a kiosk's own folder or a new one");
    }
    GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(a.KeysPath()));
    GB_RETURN_IF_ERROR(base::CheckSecretMode(a.KeysPath()));
    GB_RETURN_IF_ERROR(WriteFolderKeys(a.dir, text, info));
  }
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(a.dir));
  // The floors come from the ledger being replaced only when it is this
  // kiosk's own: another kiosk's counters say nothing about this one's.
  base::Result<Floors> floors =
      replaced.empty() ? ReadFloors(ledger_path) : base::Result<Floors>(Floors{});
  Floors f = floors.ok() ? *floors : Floors{};
  // The store's acknowledgement survives in the folder when the ledger does not.
  int64_t acked = 0;
  if (replaced.empty()) {
    if (auto c = sync_client::CursorFile(a.dir + "/sync-cursor.json").Load(); c.ok()) {
      acked = c->acked_seq;
    }
  } else {
    // The cursor counted another kiosk's events.
    std::error_code ec;
    fs::remove(a.dir + "/sync-cursor.json", ec);
  }
  GB_RETURN_IF_ERROR(PlaceDatabase(a.file, ledger_path, "the kiosk", [&](sqlite::Db& copy) {
    return RaiseCounters(copy, f, acked, k.settings().key_id);
  }));
  if (!replaced.empty()) {
    out << "the folder " << a.dir << " was kiosk " << replaced << " and is now kiosk " << id
        << "; revoke " << replaced << " at its store if it is not coming back\n";
  }
  out << "restored kiosk " << id << " of " << Quote(info.name) << " (schema " << info.schema
      << ", backed up at " << info.made_at << " Unix time) into " << a.dir << "; ";
  if (f.exact) {
    out << "its vouchers and events continue after those of the ledger it replaced\n";
  } else {
    out << (!replaced.empty()                         ? "the ledger it replaced was another kiosk's"
            : floors.status().reason() == "no_ledger" ? "there was no ledger before"
                                                      : "the ledger it replaced could not be read")
        << ", so its vouchers and events continue " << kSkipWhenUnknown
        << " past the highest known (none is handed out twice)\n";
  }
  return base::Status::Ok();
}

}  // namespace gb::provisioning
