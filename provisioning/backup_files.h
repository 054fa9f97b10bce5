// The two files of a store's backup (backup_command.cpp) and how they are
// read back:
//
//   FILE       a SQLite copy of store.db with one more table, backup_info
//              (key, value): kind ("store" or "hq"), name, fingerprint (the
//              SHA-256 of the store's TLS certificate: what kiosks pin, so
//              what makes a store that store), made_at (Unix seconds).
//   FILE.keys  JSON {"format": "groupbuy-backup-keys", "version": 1, "kind",
//              "fingerprint", "files": {NAME: {"mode": 384, "hex": "..."}}}:
//              the folder's settings and secrets (store.json, hq.json,
//              tls.key, tls.crt, admin.token, and any other file of mode 0600
//              up to 64 KiB), mode 0600.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/base/result.h"
#include "kiosk/ledger/sqlite.h"

namespace gb::provisioning {

struct BackupInfo {
  std::string kind;
  std::string name;
  std::string fingerprint;
  int64_t made_at = 0;
  int schema = 0;  // PRAGMA user_version of the copy (read only)
};

// Adds the backup_info table to a fresh copy.
base::Status WriteBackupInfo(ledger::Db& copy, const BackupInfo& info);

// Opens `path` as a backup: "not_a_backup" when it is no SQLite file or has
// no backup_info, "db_corrupt" when integrity_check fails.
base::Result<BackupInfo> ReadBackupInfo(const std::string& path);

// The folder's settings and secrets, as the keys file's JSON (no
// fingerprint or kind yet).
base::Result<nlohmann::json> ReadStoreKeys(const std::string& dir);

// Writes the files of a keys file's text into `dir` (made mode 0700), with
// their modes. "keys_mismatch" unless it is the keys file of `info`'s store,
// "not_a_backup" when it is no keys file.
base::Status WriteStoreKeys(const std::string& dir, const std::string& keys_text,
                            const BackupInfo& info);

// Copies the backup to `db_path` without its backup_info table, replacing
// any database there (and its -wal and -shm files) in one rename.
base::Status PlaceDatabase(const std::string& backup, const std::string& db_path);

}  // namespace gb::provisioning
