// groupbuy-provision backup | restore: a consistent copy of a store's or a
// head office's database while its server runs, and putting one back.
//
//   backup --dir SDIR --out FILE   FILE: the database (VACUUM INTO, one read
//                                  transaction, so one moment of it), mode
//                                  0600, with a backup_info table naming the
//                                  store; FILE.keys: its folder's settings
//                                  and secrets as JSON, mode 0600.
//   restore --dir SDIR --from FILE into the same store's folder (its keys
//                                  stay), or into a new or empty folder
//                                  (then FILE.keys, or --keys, brings them).
//
// Refusals name the reason: "other_store" (the file is another store's),
// "schema_too_new" (a newer program wrote it), "not_a_backup", "db_corrupt",
// "keys_mismatch", "dir_not_empty". What to do around them: docs/operations.md.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "kiosk/base/file_util.h"
#include "kiosk/ledger/sqlite.h"
#include "provisioning/backup_files.h"
#include "provisioning/command.h"
#include "sync/store/schema.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct BackupArgs {
  std::string dir;
  std::string file;  // --out or --from
  std::string keys;  // default: file + ".keys"
};

std::string KeysPath(const BackupArgs& a) { return a.keys.empty() ? a.file + ".keys" : a.keys; }

// Both files, or neither: a half-written backup must not look like one.
void RemoveQuietly(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

base::Status Backup(const BackupArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::string fingerprint, s.CertFingerprint());
  GB_ASSIGN_OR_RETURN(json keys, ReadStoreKeys(a.dir));
  // The copy holds phone hashes: never readable by others, not even for a moment.
  const int fd = ::open(a.file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return base::ErrnoStatus("create", a.file, errno);
  ::close(fd);
  base::Status s_copy = [&]() -> base::Status {
    GB_ASSIGN_OR_RETURN(ledger::Db src, ledger::Db::Open(s.db_path(), false));
    GB_RETURN_IF_ERROR(src.Exec("PRAGMA busy_timeout = 10000"));
    // VACUUM INTO reads in one transaction: the copy is the database at one
    // moment, while the server goes on writing (WAL readers never block it).
    GB_ASSIGN_OR_RETURN(ledger::Stmt st, src.Prepare("VACUUM INTO ?"));
    GB_RETURN_IF_ERROR(st.Bind(1, a.file).Run());
    GB_ASSIGN_OR_RETURN(ledger::Db copy, ledger::Db::Open(a.file, false));
    return WriteBackupInfo(copy, {.kind = s.settings().role,
                                  .name = s.settings().name,
                                  .fingerprint = fingerprint,
                                  .made_at = static_cast<int64_t>(std::time(nullptr))});
  }();
  if (!s_copy.ok()) {
    RemoveQuietly(a.file);
    return s_copy;
  }
  keys["fingerprint"] = fingerprint;
  keys["kind"] = s.settings().role;
  base::Status s_keys =
      base::WriteFileAtomic(KeysPath(a), keys.dump(2) + "\n", 0600, base::Overwrite::kNo);
  if (!s_keys.ok()) {
    RemoveQuietly(a.file);
    return s_keys;
  }
  GB_ASSIGN_OR_RETURN(BackupInfo info, ReadBackupInfo(a.file));
  out << "backed up " << s.settings().role << " \"" << s.settings().name << "\" (schema "
      << info.schema << ") to " << a.file << "; its keys to " << KeysPath(a)
      << " (mode 0600: keep it as safe as the store's folder)\n";
  return base::Status::Ok();
}

bool EmptyOrMissing(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

base::Status Restore(const BackupArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(BackupInfo info, ReadBackupInfo(a.file));
  if (info.schema > store::kSchemaVersion) {
    return base::Status::Error(base::Code::kCorruption, "schema_too_new",
                               a.file + " has schema version " + std::to_string(info.schema) +
                                   "; this program knows " + std::to_string(store::kSchemaVersion) +
                                   ": restore it with the newer program");
  }
  if (store::StoreDir::IsStoreDir(a.dir)) {
    // Over the same store: its own keys stay; only the database goes back.
    GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
    GB_ASSIGN_OR_RETURN(std::string fingerprint, s.CertFingerprint());
    if (fingerprint != info.fingerprint) {
      return base::Status::Error(base::Code::kFailedPrecondition, "other_store",
                                 a.file + " is a backup of \"" + info.name + "\", not of \"" +
                                     s.settings().name + "\" in " + a.dir +
                                     " (their certificates differ)");
    }
  } else {
    if (!EmptyOrMissing(a.dir)) {
      return base::Status::Error(base::Code::kFailedPrecondition, "dir_not_empty",
                                 a.dir +
                                     " holds files but no store; restore into a store's "
                                     "own folder or a new one");
    }
    GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(KeysPath(a)));
    GB_RETURN_IF_ERROR(base::CheckSecretMode(KeysPath(a)));
    GB_RETURN_IF_ERROR(WriteStoreKeys(a.dir, text, info));
  }
  GB_RETURN_IF_ERROR(PlaceDatabase(a.file, a.dir + "/store.db"));
  out << "restored " << info.kind << " \"" << info.name << "\" (schema " << info.schema
      << ", backed up at " << info.made_at << " Unix time) into " << a.dir
      << "; start its server, and kiosks resend what it lacks\n";
  return base::Status::Ok();
}

}  // namespace

void RegisterBackup(CLI::App& app, Action& action) {
  auto a = std::make_shared<BackupArgs>();
  auto* backup = app.add_subcommand(
      "backup", "Copy a store's or head office's database (and, apart, its keys) while it runs");
  backup->add_option("--dir", a->dir, "The store's folder (SDIR)")->required();
  backup->add_option("--out", a->file, "The backup file to make (refused if it exists)")
      ->required();
  backup->add_option("--keys", a->keys, "Where its keys go (default: OUT.keys), mode 0600");
  backup->callback([a, &action] { action = [a](std::ostream& out) { return Backup(*a, out); }; });

  auto r = std::make_shared<BackupArgs>();
  auto* restore = app.add_subcommand(
      "restore",
      "Put a backup back: into its store's folder, or a new one (stop the server first)");
  restore->add_option("--dir", r->dir, "The store's folder, or a new or empty one")->required();
  restore->add_option("--from", r->file, "The backup file (from backup --out)")->required();
  restore->add_option("--keys", r->keys, "Its keys, for a new folder (default: FROM.keys)");
  restore->callback([r, &action] { action = [r](std::ostream& out) { return Restore(*r, out); }; });
}

}  // namespace gb::provisioning
