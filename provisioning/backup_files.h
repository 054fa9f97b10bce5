// The two files of a backup of a store, a head office (backup_command.cpp)
// or a kiosk (kiosk_backup.cpp) and how they are read back:
//
//   FILE       a SQLite copy of store.db or ledger.db with one more table,
//              backup_info (key, value): kind ("store", "hq" or "kiosk"),
//              name (the store's name), fingerprint (what makes that folder
//              that one: for a store the SHA-256 of its TLS certificate, which
//              kiosks pin; for a kiosk its kiosk id, the origin of its
//              events), made_at (Unix seconds).
//   FILE.keys  JSON {"format": "groupbuy-backup-keys", "version": 1, "kind",
//              "fingerprint", "files": {NAME: {"mode": 384, "hex": "..."}}}:
//              the folder's settings and secrets (a store's store.json,
//              hq.json, tls.key, tls.crt, admin.token; a kiosk's kiosk.json,
//              signing.key, signing.pub, phone.key; and any other file of
//              mode 0600 up to 64 KiB), mode 0600.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/file_util.h"
#include "core/base/result.h"
#include "core/sqlite/sqlite.h"

namespace gb::provisioning {

struct BackupInfo {
  std::string kind;
  std::string name;
  std::string fingerprint;
  int64_t made_at = 0;
  int schema = 0;  // PRAGMA user_version of the copy (read only)
};

// Adds the backup_info table to a fresh copy.
base::Status WriteBackupInfo(sqlite::Db& copy, const BackupInfo& info);

// Opens `path` as a backup: "not_a_backup" when it is no SQLite file or has
// no backup_info, "db_corrupt" when integrity_check fails.
base::Result<BackupInfo> ReadBackupInfo(const std::string& path);

// The settings and secrets of a folder of `kind` ("store", "hq", "kiosk"),
// as the keys file's JSON (no fingerprint or kind yet).
base::Result<nlohmann::json> ReadFolderKeys(const std::string& dir, const std::string& kind);

// Writes the files of a keys file's text into `dir` (made mode 0700), with
// their modes. "keys_mismatch" unless it is the keys file of `info`'s store
// or kiosk, "not_a_backup" when it is no keys file or lacks a file that
// folder cannot be without. A file already there is "file_exists" unless
// `overwrite` (a kiosk taking another's identity when told).
base::Status WriteFolderKeys(const std::string& dir, const std::string& keys_text,
                             const BackupInfo& info,
                             base::Overwrite overwrite = base::Overwrite::kNo);

// Copies the database at `db_path` into `out`, a new file of mode 0600
// (refused if it exists), with VACUUM INTO: one read transaction, so one
// moment of it while its server or kiosk goes on writing; then adds
// backup_info. On failure `out` is removed.
base::Status CopyDatabase(const std::string& db_path, const std::string& out,
                          const BackupInfo& info);

// Writes the keys file (mode 0600, never over a file): `keys` from
// ReadFolderKeys stamped with info's kind and fingerprint. On failure
// removes `backup` too: both files, or neither.
base::Status WriteKeysFile(const std::string& keys_path, nlohmann::json keys,
                           const BackupInfo& info, const std::string& backup);

// Copies the backup to `db_path` without its backup_info table, replacing
// any database there (and its -wal and -shm files) in one rename.
// "db_in_use" (db_in_use.h) while another process has `db_path` open:
// `what` names it for the message ("the store's server", "the kiosk").
// `adjust`, when given, changes the copy before it takes the place.
base::Status PlaceDatabase(const std::string& backup, const std::string& db_path,
                           const std::string& what,
                           const std::function<base::Status(sqlite::Db&)>& adjust = {});

}  // namespace gb::provisioning
