#include "provisioning/backup_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <span>
#include <vector>

#include "core/base/file_util.h"
#include "core/base/hex.h"
#include "provisioning/db_in_use.h"

namespace gb::provisioning {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kFormat = "groupbuy-backup-keys";
constexpr uintmax_t kMaxSecretBytes = 64 * 1024;

base::Status NotABackup(const std::string& path, const std::string& why) {
  return base::Status::Error(base::Code::kInvalidArgument, "not_a_backup",
                             path + " is not a groupbuy backup (" + why + ")");
}

bool IsKiosk(const std::string& kind) { return kind == "kiosk"; }

// Settings and secrets only: the database goes in the other file, and logs
// or stray files (a kiosk's printer folder) stay behind.
bool IsKeyFile(const fs::directory_entry& e, const std::string& kind) {
  static const char* kStore[] = {"store.json", "hq.json", "tls.key", "tls.crt", "admin.token"};
  static const char* kKiosk[] = {"kiosk.json", "signing.key", "signing.pub", "phone.key"};
  const std::string name = e.path().filename().string();
  for (const char* n : IsKiosk(kind) ? std::span<const char* const>(kKiosk)
                                     : std::span<const char* const>(kStore)) {
    if (name == n) return true;
  }
  std::error_code ec;
  if (!e.is_regular_file(ec) || e.file_size(ec) > kMaxSecretBytes) return false;
  if (name.rfind("store.db", 0) == 0 || name.rfind("ledger.db", 0) == 0) return false;
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".log") == 0) return false;
  struct stat st {};
  return ::stat(e.path().c_str(), &st) == 0 && (st.st_mode & 0777) == 0600;
}

}  // namespace

base::Status WriteBackupInfo(sqlite::Db& copy, const BackupInfo& info) {
  GB_RETURN_IF_ERROR(copy.Exec("CREATE TABLE backup_info (key TEXT PRIMARY KEY, value TEXT)"));
  GB_ASSIGN_OR_RETURN(sqlite::Stmt st, copy.Prepare("INSERT INTO backup_info VALUES (?, ?)"));
  for (const auto& [k, v] : {std::pair<const char*, std::string>{"kind", info.kind},
                             {"name", info.name},
                             {"fingerprint", info.fingerprint},
                             {"made_at", std::to_string(info.made_at)}}) {
    GB_RETURN_IF_ERROR(st.Bind(1, std::string_view(k)).Bind(2, v).Run());
    GB_RETURN_IF_ERROR(st.Reset());
  }
  return base::Status::Ok();
}

base::Result<BackupInfo> ReadBackupInfo(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return NotABackup(path, "no such file");
  auto db = sqlite::Db::Open(path, false);
  if (!db.ok()) return NotABackup(path, db.status().message());
  BackupInfo info;
  auto version = db->Prepare("PRAGMA user_version");
  if (!version.ok() || !version->Step().ok()) return NotABackup(path, "not a SQLite database");
  info.schema = static_cast<int>(version->Int(0));
  auto st = db->Prepare("SELECT key, value FROM backup_info");
  if (!st.ok())
    return NotABackup(path, "no backup_info table: make one with groupbuy-provision backup --out");
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    const std::string key = st->Text(0);
    if (key == "kind") info.kind = st->Text(1);
    if (key == "name") info.name = st->Text(1);
    if (key == "fingerprint") info.fingerprint = st->Text(1);
    if (key == "made_at") info.made_at = std::strtoll(st->Text(1).c_str(), nullptr, 10);
  }
  if (info.fingerprint.empty() || info.kind.empty())
    return NotABackup(path, "backup_info incomplete");
  GB_ASSIGN_OR_RETURN(sqlite::Stmt check, db->Prepare("PRAGMA integrity_check"));
  GB_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row || check.Text(0) != "ok") {
    return base::Status::Error(base::Code::kCorruption, "db_corrupt",
                               path + " fails SQLite's integrity check; use another backup");
  }
  return info;
}

base::Result<json> ReadFolderKeys(const std::string& dir, const std::string& kind) {
  json files = json::object();
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (!IsKeyFile(e, kind)) continue;
    GB_ASSIGN_OR_RETURN(std::string data, base::ReadFile(e.path().string()));
    struct stat st {};
    if (::stat(e.path().c_str(), &st) != 0) return base::ErrnoStatus("stat", e.path(), errno);
    const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
    files[e.path().filename().string()] = {{"mode", st.st_mode & 0777},
                                           {"hex", base::ToHex({bytes, data.size()})}};
  }
  if (ec) return base::ErrnoStatus("list", dir, ec.value());
  return json{{"format", kFormat}, {"version", 1}, {"files", files}};
}

base::Status WriteFolderKeys(const std::string& dir, const std::string& keys_text,
                             const BackupInfo& info, base::Overwrite overwrite) {
  const json keys = json::parse(keys_text, nullptr, false);
  if (!keys.is_object() || keys.value("format", "") != kFormat || !keys.contains("files") ||
      !keys["files"].is_object()) {
    return NotABackup("the keys file", "not JSON of format " + std::string(kFormat));
  }
  if (keys.value("fingerprint", "") != info.fingerprint || keys.value("kind", "") != info.kind) {
    return base::Status::Error(base::Code::kFailedPrecondition, "keys_mismatch",
                               "the keys file belongs to another " +
                                   std::string(IsKiosk(info.kind) ? "kiosk" : "store") +
                                   " than the backup of \"" + info.name + "\" (" +
                                   (IsKiosk(info.kind) ? info.fingerprint : info.kind) + ")");
  }
  const std::vector<std::string> needed =
      IsKiosk(info.kind) ? std::vector<std::string>{"kiosk.json", "signing.key", "phone.key"}
                         : std::vector<std::string>{"store.json", "tls.key"};
  for (const std::string& name : needed) {
    if (!keys["files"].contains(name)) return NotABackup("the keys file", name + " missing");
  }
  GB_RETURN_IF_ERROR(base::MakeDirs(dir, 0700));
  // Also an existing empty folder: it is about to hold the TLS key.
  if (::chmod(dir.c_str(), 0700) != 0) return base::ErrnoStatus("chmod", dir, errno);
  for (const auto& [name, f] : keys["files"].items()) {
    // A name is a file of the folder, never a path out of it.
    if (name.empty() || name.find('/') != std::string::npos || name[0] == '.' || !f.is_object() ||
        !f.contains("hex") || !f["hex"].is_string()) {
      return NotABackup("the keys file", "a bad entry");
    }
    GB_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, base::FromHex(f["hex"].get<std::string>()));
    const mode_t mode = static_cast<mode_t>(f.value("mode", 0600)) & 0644;
    GB_RETURN_IF_ERROR(base::WriteFileAtomic(
        dir + "/" + name, std::string(bytes.begin(), bytes.end()), mode, overwrite));
  }
  return base::Status::Ok();
}

base::Status CopyDatabase(const std::string& db_path, const std::string& out,
                          const BackupInfo& info) {
  // The copy holds phone hashes: never readable by others, not even for a moment.
  const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return base::ErrnoStatus("create", out, errno);
  ::close(fd);
  base::Status copied = [&]() -> base::Status {
    GB_ASSIGN_OR_RETURN(sqlite::Db src, sqlite::Db::Open(db_path, false));
    GB_RETURN_IF_ERROR(src.Exec("PRAGMA busy_timeout = 10000"));
    // VACUUM INTO reads in one transaction: the copy is the database at one
    // moment, while the writer goes on (WAL readers never block it).
    GB_ASSIGN_OR_RETURN(sqlite::Stmt st, src.Prepare("VACUUM INTO ?"));
    GB_RETURN_IF_ERROR(st.Bind(1, out).Run());
    GB_ASSIGN_OR_RETURN(sqlite::Db copy, sqlite::Db::Open(out, false));
    return WriteBackupInfo(copy, info);
  }();
  if (!copied.ok()) {
    std::error_code ec;
    fs::remove(out, ec);
  }
  return copied;
}

base::Status WriteKeysFile(const std::string& keys_path, json keys, const BackupInfo& info,
                           const std::string& backup) {
  keys["fingerprint"] = info.fingerprint;
  keys["kind"] = info.kind;
  base::Status s =
      base::WriteFileAtomic(keys_path, keys.dump(2) + "\n", 0600, base::Overwrite::kNo);
  if (!s.ok()) {
    std::error_code ec;
    fs::remove(backup, ec);
  }
  return s;
}

base::Status PlaceDatabase(const std::string& backup, const std::string& db_path,
                           const std::string& what,
                           const std::function<base::Status(sqlite::Db&)>& adjust) {
  GB_RETURN_IF_ERROR(CheckNotInUse(db_path, what));
  const std::string staging = db_path + ".restoring";
  std::error_code ec;
  fs::remove(staging, ec);
  fs::copy_file(backup, staging, ec);
  if (ec) return base::ErrnoStatus("copy to", staging, ec.value());
  ::chmod(staging.c_str(), 0600);
  base::Status changed = [&]() -> base::Status {
    GB_ASSIGN_OR_RETURN(sqlite::Db db, sqlite::Db::Open(staging, false));
    GB_RETURN_IF_ERROR(db.Exec("DROP TABLE backup_info"));
    return adjust ? adjust(db) : base::Status::Ok();
  }();
  if (!changed.ok()) {
    fs::remove(staging, ec);
    return changed;
  }
  // The old database's journal belongs to it: left beside the new file, SQLite
  // would replay it into the restored one.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) fs::remove(db_path + suffix, ec);
  if (std::rename(staging.c_str(), db_path.c_str()) != 0) {
    return base::ErrnoStatus("rename to", db_path, errno);
  }
  return base::Status::Ok();
}

}  // namespace gb::provisioning
