#include "sync/store/store_dir.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/base/file_util.h"
#include "sync/store/store_db.h"
#include "sync/store/tls_cert.h"

namespace gb::store {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// Makes SDIR/phone.key when it is missing (Init, and Open of an older
// folder). Two processes opening an old folder at once: one writes, the
// other finds the file there and keeps it.
base::Status EnsurePhoneKey(const std::string& path) {
  if (::access(path.c_str(), F_OK) == 0) return base::Status::Ok();
  GB_ASSIGN_OR_RETURN(std::string key, NewToken());  // 32 random bytes, hex
  base::Status s = base::WriteFileAtomic(path, key + "\n", 0600, base::Overwrite::kNo);
  if (!s.ok() && s.reason() != "file_exists") return s;
  return base::Status::Ok();
}

}  // namespace

base::Result<HostPort> ParseHostPort(const std::string& text) {
  size_t colon = text.rfind(':');
  auto bad = [&] {
    return base::Status::InvalidArgument("bad_listen",
                                         "'" + text + "' is not HOST:PORT with a port 0..65535");
  };
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return bad();
  unsigned port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, port);
  if (ec != std::errc() || ptr != last || port > 65535) return bad();
  HostPort hp{text.substr(0, colon), static_cast<uint16_t>(port)};
  if (hp.host.size() > 2 && hp.host.front() == '[' && hp.host.back() == ']') {
    hp.host = hp.host.substr(1, hp.host.size() - 2);
  }
  return hp;
}

bool StoreDir::IsStoreDir(const std::string& dir) {
  return ::access((dir + "/store.json").c_str(), F_OK) == 0;
}

base::Result<StoreDir> StoreDir::Init(const std::string& dir, const StoreSettings& s,
                                      std::string* admin_token) {
  if (IsStoreDir(dir)) {
    return base::Status::AlreadyExists("store_exists", dir + " already holds a store");
  }
  if (s.name.empty())
    return base::Status::InvalidArgument("bad_settings", "the store needs a name");
  GB_ASSIGN_OR_RETURN(HostPort hp, ParseHostPort(s.listen));
  if (s.role != "store" && s.role != "hq") {
    return base::Status::InvalidArgument("bad_settings", "the role is \"store\" or \"hq\"");
  }
  GB_RETURN_IF_ERROR(base::MakeDirs(dir, 0700));
  std::vector<std::string> names = {"localhost", "127.0.0.1"};
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0 && host[0] != '\0') names.emplace_back(host);
  if (hp.host != "0.0.0.0" && hp.host != "::" && hp.host != "127.0.0.1") names.push_back(hp.host);
  GB_ASSIGN_OR_RETURN(TlsIdentity tls, MakeSelfSignedCert(s.name, names));
  GB_ASSIGN_OR_RETURN(std::string token, NewToken());
  // Secrets and database first, settings last: a store.json means the folder is complete.
  StoreDir out(dir, s);
  GB_RETURN_IF_ERROR(
      base::WriteFileAtomic(out.key_path(), tls.key_pem, 0600, base::Overwrite::kNo));
  GB_RETURN_IF_ERROR(
      base::WriteFileAtomic(out.cert_path(), tls.cert_pem, 0644, base::Overwrite::kNo));
  GB_RETURN_IF_ERROR(
      base::WriteFileAtomic(dir + "/admin.token", token + "\n", 0600, base::Overwrite::kNo));
  GB_RETURN_IF_ERROR(EnsurePhoneKey(out.phone_key_path()));
  {
    GB_ASSIGN_OR_RETURN(std::unique_ptr<StoreDb> db, StoreDb::Open(out.db_path()));
    if (s.role == "hq") GB_RETURN_IF_ERROR(db->SetHeadOffice());
  }
  // The database holds token and phone hashes: not for other users. SQLite
  // gives its -wal and -shm files the database file's mode.
  if (::chmod(out.db_path().c_str(), 0600) != 0) {
    return base::ErrnoStatus("chmod", out.db_path(), errno);
  }
  nlohmann::json j = {{"name", s.name}, {"listen", s.listen}, {"role", s.role}};
  GB_RETURN_IF_ERROR(
      base::WriteFileAtomic(dir + "/store.json", j.dump(2) + "\n", 0644, base::Overwrite::kNo));
  *admin_token = token;
  return out;
}

base::Result<StoreDir> StoreDir::Open(const std::string& dir) {
  const std::string path = dir + "/store.json";
  GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(path));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&](const std::string& why) {
    return base::Status::InvalidArgument("bad_settings", path + ": " + why);
  };
  if (!j.is_object()) return bad("is not a JSON object");
  StoreSettings s;
  auto name = j.find("name");
  auto listen = j.find("listen");
  if (name == j.end() || !name->is_string() || name->get<std::string>().empty()) {
    return bad("name must be non-empty text");
  }
  if (listen == j.end() || !listen->is_string()) return bad("listen must be HOST:PORT text");
  s.name = name->get<std::string>();
  s.listen = listen->get<std::string>();
  GB_RETURN_IF_ERROR(ParseHostPort(s.listen).status());
  if (auto role = j.find("role"); role != j.end()) {  // absent: made before head offices
    if (!role->is_string() || (*role != "store" && *role != "hq")) {
      return bad("role must be \"store\" or \"hq\"");
    }
    s.role = role->get<std::string>();
  }
  GB_RETURN_IF_ERROR(base::CheckSecretMode(dir + "/tls.key"));
  GB_RETURN_IF_ERROR(base::CheckSecretMode(dir + "/admin.token"));
  StoreDir out(dir, std::move(s));
  GB_RETURN_IF_ERROR(EnsurePhoneKey(out.phone_key_path()));
  GB_RETURN_IF_ERROR(out.PhoneKeyHex().status());
  return out;
}

base::Result<std::string> StoreDir::PhoneKeyHex() const {
  const std::string path = phone_key_path();
  GB_RETURN_IF_ERROR(base::CheckSecretMode(path));
  GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(path));
  std::string key = Trim(std::move(text));
  if (key.size() != 64 || key.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return base::Status::InvalidArgument("bad_settings",
                                         path + " must hold 64 lower-case hex digits");
  }
  return key;
}

base::Result<Digest> StoreDir::AdminTokenHash() const {
  const std::string path = dir_ + "/admin.token";
  GB_RETURN_IF_ERROR(base::CheckSecretMode(path));
  GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(path));
  std::string token = Trim(std::move(text));
  if (token.size() < 32) {
    return base::Status::InvalidArgument("bad_settings", path + " holds no token");
  }
  return Sha256(token);
}

base::Result<std::string> StoreDir::CertFingerprint() const {
  GB_ASSIGN_OR_RETURN(std::string pem, base::ReadFile(cert_path()));
  return store::CertFingerprint(pem);
}

}  // namespace gb::store
