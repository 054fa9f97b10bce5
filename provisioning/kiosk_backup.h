// groupbuy-provision backup | restore for a kiosk's folder (KDIR): the
// kiosk's half of backup_command.cpp, which hands a folder holding
// kiosk.json, or a backup of kind "kiosk", to these.
//
//   backup --dir KDIR --out FILE   FILE: the ledger (VACUUM INTO: one moment
//                                  of it while the kiosk runs), mode 0600,
//                                  with backup_info naming the kiosk;
//                                  FILE.keys: kiosk.json, signing.key,
//                                  signing.pub, phone.key, mode 0600.
//   restore --dir KDIR --from FILE into the same kiosk's folder (its keys
//                                  stay), or a new or empty one (FILE.keys,
//                                  or --keys, brings them); into the folder
//                                  of another kiosk only with
//                                  --replace-identity, which replaces that
//                                  folder's keys too.
//
// Refusals: "other_kiosk", "schema_too_new", "db_in_use" (the kiosk, or any
// process, has the ledger open: never overridden), "not_a_backup",
// "db_corrupt", "keys_mismatch", "dir_not_empty", "wrong_kind" (a store's
// folder or backup where a kiosk's is meant).
#pragma once

#include <ostream>
#include <string>

#include "core/base/result.h"
#include "provisioning/backup_files.h"

namespace gb::provisioning {

// The command line of backup and restore.
struct BackupArgs {
  std::string dir;
  std::string file;               // --out or --from
  std::string keys;               // default: file + ".keys"
  bool replace_identity = false;  // restore only: a kiosk's folder takes the backup's kiosk

  std::string KeysPath() const { return keys.empty() ? file + ".keys" : keys; }
};

// True when `dir` holds a kiosk (its kiosk.json).
bool IsKioskDir(const std::string& dir);

base::Status BackupKiosk(const BackupArgs& a, std::ostream& out);

// REQUIRES: info.kind == "kiosk" (ReadBackupInfo of a.file).
base::Status RestoreKiosk(const BackupArgs& a, const BackupInfo& info, std::ostream& out);

}  // namespace gb::provisioning
