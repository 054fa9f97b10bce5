#include "kiosk/config/kiosk_dir.h"

#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>

#include <nlohmann/json.hpp>

#include "core/base/file_util.h"
#include "core/base/hex.h"
#include "core/rules/phone.h"
#include "core/voucher/ed25519.h"

namespace gb::config {
namespace {

base::Status BadSettings(const std::string& path, const std::string& why) {
  return base::Status::InvalidArgument("bad_settings", path + ": " + why);
}

base::Result<std::string> RandomHex(size_t bytes) {
  std::vector<uint8_t> buf(bytes);
  if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1) {
    return base::Status::Internal("no_randomness", "the system gave no random bytes");
  }
  return base::ToHex(buf);
}

bool IsPhoneKey(const std::string& hex) {
  return hex.size() == 64 && hex.find_first_not_of("0123456789abcdef") == std::string::npos;
}

base::Status CheckSettings(const KioskSettings& s, const std::string& where) {
  if (s.store_name.empty()) return BadSettings(where, "store_name is empty");
  if (s.kiosk_id.empty()) return BadSettings(where, "kiosk_id is empty");
  if (!rules::IsKnownCountry(s.country)) {
    return BadSettings(where, "country '" + s.country + "' has no phone plan");
  }
  if (s.utc_offset_minutes < -14 * 60 || s.utc_offset_minutes > 14 * 60) {
    return BadSettings(where, "utc_offset_minutes must be within -840..840");
  }
  if (s.key_id == 0) return BadSettings(where, "key_id must be positive");
  if (s.server) {
    const ServerSettings& v = *s.server;
    if (v.host.empty()) return BadSettings(where, "server.host is empty");
    if (v.port == 0) return BadSettings(where, "server.port must be within 1..65535");
    auto hex64 = [](const std::string& t) {
      return t.size() == 64 && t.find_first_not_of("0123456789abcdef") == std::string::npos;
    };
    if (!hex64(v.cert_sha256)) {
      return BadSettings(where, "server.cert_sha256 must be 64 lower-case hex digits");
    }
    if (v.token.size() < 32) return BadSettings(where, "server.token is too short");
  }
  return base::Status::Ok();
}

nlohmann::json ToJson(const KioskSettings& s) {
  nlohmann::json j = {{"kiosk_id", s.kiosk_id}, {"key_id", s.key_id},
                      {"store_name", s.store_name}, {"country", s.country},
                      {"utc_offset_minutes", s.utc_offset_minutes},
                      {"printer", s.printer}, {"language", s.language}};
  if (s.server) {
    j["server"] = {{"host", s.server->host},
                   {"port", s.server->port},
                   {"cert_sha256", s.server->cert_sha256},
                   {"token", s.server->token},
                   {"offline_redeem", s.server->offline_redeem}};
  }
  return j;
}

// The optional "server" object; a kiosk folder without one is standalone.
base::Status ServerFromJson(const nlohmann::json& j, const std::string& where, KioskSettings& s) {
  auto it = j.find("server");
  if (it == j.end() || it->is_null()) return base::Status::Ok();
  if (!it->is_object()) return BadSettings(where, "server must be an object");
  ServerSettings v;
  for (auto [key, out] : {std::pair{"host", &v.host}, std::pair{"cert_sha256", &v.cert_sha256},
                          std::pair{"token", &v.token}}) {
    auto f = it->find(key);
    if (f == it->end() || !f->is_string()) {
      return BadSettings(where, std::string("server.") + key + " must be text");
    }
    *out = f->get<std::string>();
  }
  auto port = it->find("port");
  if (port == it->end() || !port->is_number_unsigned() || port->get<uint64_t>() < 1 ||
      port->get<uint64_t>() > 65535) {
    return BadSettings(where, "server.port must be within 1..65535");
  }
  v.port = port->get<uint16_t>();
  if (auto off = it->find("offline_redeem"); off != it->end()) {
    if (!off->is_boolean()) return BadSettings(where, "server.offline_redeem must be true or false");
    v.offline_redeem = off->get<bool>();
  }
  s.server = std::move(v);
  return base::Status::Ok();
}

base::Result<KioskSettings> FromJson(const std::string& text, const std::string& where) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return BadSettings(where, "is not a JSON object");
  KioskSettings s;
  auto str = [&](const char* key, std::string& out) -> base::Status {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return BadSettings(where, std::string(key) + " must be text");
    out = it->get<std::string>();
    return base::Status::Ok();
  };
  GB_RETURN_IF_ERROR(str("kiosk_id", s.kiosk_id));
  GB_RETURN_IF_ERROR(str("store_name", s.store_name));
  GB_RETURN_IF_ERROR(str("country", s.country));
  GB_RETURN_IF_ERROR(str("printer", s.printer));
  GB_RETURN_IF_ERROR(str("language", s.language));
  auto key_id = j.find("key_id");
  if (key_id == j.end() || !key_id->is_number_unsigned() || key_id->get<uint64_t>() > 0xffffffffu) {
    return BadSettings(where, "key_id must be a positive whole number");
  }
  s.key_id = key_id->get<uint32_t>();
  auto tz = j.find("utc_offset_minutes");
  if (tz == j.end() || !tz->is_number_integer()) {
    return BadSettings(where, "utc_offset_minutes must be a whole number");
  }
  int64_t offset = tz->get<int64_t>();
  if (offset < -14 * 60 || offset > 14 * 60) {
    return BadSettings(where, "utc_offset_minutes must be within -840..840");
  }
  s.utc_offset_minutes = static_cast<int>(offset);
  GB_RETURN_IF_ERROR(ServerFromJson(j, where, s));
  GB_RETURN_IF_ERROR(CheckSettings(s, where));
  return s;
}

}  // namespace

base::Result<KioskDir> KioskDir::Init(const std::string& dir, const InitOptions& o) {
  if (::access((dir + "/kiosk.json").c_str(), F_OK) == 0) {
    return base::Status::AlreadyExists("kiosk_exists", dir + " already holds a kiosk");
  }
  KioskSettings s;
  GB_ASSIGN_OR_RETURN(std::string id, RandomHex(3));
  s.kiosk_id = o.kiosk_id.empty() ? "kiosk-" + id : o.kiosk_id;
  s.store_name = o.store_name;
  s.country = o.country;
  s.utc_offset_minutes = o.utc_offset_minutes;
  s.printer = o.printer.empty() ? "png:" + dir + "/printer" : o.printer;
  GB_RETURN_IF_ERROR(CheckSettings(s, "init-kiosk"));

  GB_RETURN_IF_ERROR(base::MakeDirs(dir, 0700));
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key,
                      o.signing_key_pem.empty() ? voucher::SigningKey::Generate()
                                                : voucher::SigningKey::FromPem(o.signing_key_pem));
  if (!o.phone_key_hex.empty() && !IsPhoneKey(o.phone_key_hex)) {
    return BadSettings("init-kiosk", "the store's phone key must be 64 lower-case hex digits");
  }
  std::string phone_key = o.phone_key_hex;
  if (phone_key.empty()) {
    GB_ASSIGN_OR_RETURN(phone_key, RandomHex(32));
  }
  // Secrets first, settings last: a kiosk.json means the folder is complete.
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(dir + "/signing.key", key.PrivatePem(), 0600,
                                           base::Overwrite::kNo));
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(dir + "/signing.pub", key.Public().Pem(), 0644,
                                           base::Overwrite::kNo));
  GB_RETURN_IF_ERROR(
      base::WriteFileAtomic(dir + "/phone.key", phone_key + "\n", 0600, base::Overwrite::kNo));
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(dir + "/kiosk.json", ToJson(s).dump(2) + "\n", 0600,
                                           base::Overwrite::kNo));
  return KioskDir(dir, std::move(s));
}

base::Result<KioskDir> KioskDir::Open(const std::string& dir) {
  const std::string path = dir + "/kiosk.json";
  GB_RETURN_IF_ERROR(base::CheckSecretMode(path));
  GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(path));
  GB_ASSIGN_OR_RETURN(KioskSettings s, FromJson(text, path));
  return KioskDir(dir, std::move(s));
}

base::Status KioskDir::Enrol(uint32_t key_id, const ServerSettings& server) {
  KioskSettings s = settings_;
  s.key_id = key_id;
  s.server = server;
  GB_RETURN_IF_ERROR(CheckSettings(s, "add-kiosk"));
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(dir_ + "/kiosk.json", ToJson(s).dump(2) + "\n", 0600,
                                           base::Overwrite::kYes));
  settings_ = std::move(s);
  return base::Status::Ok();
}

base::Status KioskDir::AdoptPhoneKey(const std::string& hex) {
  if (!IsPhoneKey(hex)) {
    return BadSettings(dir_ + "/phone.key", "the store's phone key must be 64 lower-case hex digits");
  }
  return base::WriteFileAtomic(dir_ + "/phone.key", hex + "\n", 0600, base::Overwrite::kYes);
}

base::Result<voucher::SigningKey> KioskDir::StageKey() {
  const std::string path = staged_key_path();
  if (::access(path.c_str(), F_OK) == 0) {
    GB_RETURN_IF_ERROR(base::CheckSecretMode(path));
    return voucher::SigningKey::FromPemFile(path);
  }
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::Generate());
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(path, key.PrivatePem(), 0600, base::Overwrite::kNo));
  return key;
}

base::Status KioskDir::CommitKey(uint32_t key_id, const std::string& token) {
  const std::string path = staged_key_path();
  GB_RETURN_IF_ERROR(base::CheckSecretMode(path));
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::FromPemFile(path));
  KioskSettings s = settings_;
  s.key_id = key_id;
  if (!token.empty() && s.server) s.server->token = token;
  GB_RETURN_IF_ERROR(CheckSettings(s, "rotate-key"));
  // kiosk.json first: until signing.key.next is gone, LoadIdentity refuses,
  // so a crash between these steps never lets the kiosk sign with one key
  // under the other's id; running rotate-key again finishes the job.
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(dir_ + "/kiosk.json", ToJson(s).dump(2) + "\n", 0600,
                                           base::Overwrite::kYes));
  settings_ = std::move(s);
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(dir_ + "/signing.key", key.PrivatePem(), 0600,
                                           base::Overwrite::kYes));
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(dir_ + "/signing.pub", key.Public().Pem(), 0644,
                                           base::Overwrite::kYes));
  if (::unlink(path.c_str()) != 0) return base::ErrnoStatus("remove", path, errno);
  return base::Status::Ok();
}

base::Result<ledger::Identity> KioskDir::LoadIdentity() const {
  if (::access(staged_key_path().c_str(), F_OK) == 0) {
    return base::Status::FailedPrecondition(
        "rotation_unfinished",
        staged_key_path() + " exists: a key rotation was started and not finished; run "
                            "groupbuy-provision rotate-key --kiosk-dir " + dir_ + " again");
  }
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::FromPemFile(dir_ + "/signing.key"));
  const std::string phone_path = dir_ + "/phone.key";
  GB_RETURN_IF_ERROR(base::CheckSecretMode(phone_path));
  GB_ASSIGN_OR_RETURN(std::string phone_text, base::ReadFile(phone_path));
  while (!phone_text.empty() && (phone_text.back() == '\n' || phone_text.back() == ' ')) {
    phone_text.pop_back();
  }
  auto phone = base::FromHex(phone_text);
  if (!phone.ok() || phone->size() != 32) {
    return base::Status::InvalidArgument("bad_settings", phone_path + " must hold 64 hex digits");
  }
  ledger::Identity id{settings_.kiosk_id, settings_.key_id, std::move(key), {}};
  std::copy(phone->begin(), phone->end(), id.phone_key.begin());
  return id;
}

}  // namespace gb::config
