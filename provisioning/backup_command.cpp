// groupbuy-provision backup | restore: a consistent copy of a store's or a
// head office's database while its server runs, and putting one back. A
// kiosk's folder (or backup) goes to kiosk_backup.cpp.
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
// "keys_mismatch", "dir_not_empty", "db_in_use" (its server is running),
// "wrong_kind" (a kiosk's folder). What to do around them: docs/operations.md.
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "core/base/file_util.h"
#include "core/sqlite/sqlite.h"
#include "provisioning/backup_files.h"
#include "provisioning/command.h"
#include "provisioning/kiosk_backup.h"
#include "sync/store/schema.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

base::Status Backup(const BackupArgs& a, std::ostream& out) {
  if (IsKioskDir(a.dir)) return BackupKiosk(a, out);
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::string fingerprint, s.CertFingerprint());
  GB_ASSIGN_OR_RETURN(json keys, ReadFolderKeys(a.dir, s.settings().role));
  const BackupInfo made{.kind = s.settings().role,
                        .name = s.settings().name,
                        .fingerprint = fingerprint,
                        .made_at = static_cast<int64_t>(std::time(nullptr))};
  GB_RETURN_IF_ERROR(CopyDatabase(s.db_path(), a.file, made));
  GB_RETURN_IF_ERROR(WriteKeysFile(a.KeysPath(), std::move(keys), made, a.file));
  GB_ASSIGN_OR_RETURN(BackupInfo info, ReadBackupInfo(a.file));
  out << "backed up " << s.settings().role << " \"" << s.settings().name << "\" (schema "
      << info.schema << ") to " << a.file << "; its keys to " << a.KeysPath()
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
  if (info.kind == "kiosk") return RestoreKiosk(a, info, out);
  if (IsKioskDir(a.dir)) {
    return base::Status::FailedPrecondition("wrong_kind", a.file + " is a backup of " + info.kind +
                                                              " \"" + info.name + "\", and " +
                                                              a.dir + " holds a kiosk");
  }
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
    GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(a.KeysPath()));
    GB_RETURN_IF_ERROR(base::CheckSecretMode(a.KeysPath()));
    GB_RETURN_IF_ERROR(WriteFolderKeys(a.dir, text, info));
  }
  GB_RETURN_IF_ERROR(PlaceDatabase(a.file, a.dir + "/store.db", "its server"));
  out << "restored " << info.kind << " \"" << info.name << "\" (schema " << info.schema
      << ", backed up at " << info.made_at << " Unix time) into " << a.dir
      << "; start its server, and kiosks resend what it lacks\n";
  return base::Status::Ok();
}

}  // namespace

void RegisterBackup(CLI::App& app, Action& action) {
  auto a = std::make_shared<BackupArgs>();
  auto* backup = app.add_subcommand(
      "backup",
      "Copy a store's, head office's or kiosk's database (and, apart, its keys) while it runs");
  backup->add_option("--dir", a->dir, "The store's or kiosk's folder (SDIR, KDIR)")->required();
  backup->add_option("--out", a->file, "The backup file to make (refused if it exists)")
      ->required();
  backup->add_option("--keys", a->keys, "Where its keys go (default: OUT.keys), mode 0600");
  backup->callback([a, &action] { action = [a](std::ostream& out) { return Backup(*a, out); }; });

  auto r = std::make_shared<BackupArgs>();
  auto* restore = app.add_subcommand(
      "restore",
      "Put a backup back: into its store's or kiosk's folder, or a new one (stop it first)");
  restore->add_option("--dir", r->dir, "The store's or kiosk's folder, or a new or empty one")
      ->required();
  restore->add_option("--from", r->file, "The backup file (from backup --out)")->required();
  restore->add_option("--keys", r->keys, "Its keys, for a new folder (default: FROM.keys)");
  restore->add_flag("--replace-identity", r->replace_identity,
                    "A kiosk's backup into another kiosk's folder: that folder becomes the "
                    "backup's kiosk (its keys are replaced too)");
  restore->callback([r, &action] { action = [r](std::ostream& out) { return Restore(*r, out); }; });
}

}  // namespace gb::provisioning
