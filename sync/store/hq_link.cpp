#include "sync/store/hq_link.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/base/file_util.h"

namespace gb::store {
namespace {

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string HqLinkPath(const std::string& store_dir) { return store_dir + "/hq.json"; }

base::Result<std::optional<HqLink>> ReadHqLink(const std::string& store_dir) {
  const std::string path = HqLinkPath(store_dir);
  if (::access(path.c_str(), F_OK) != 0) return std::optional<HqLink>();
  GB_RETURN_IF_ERROR(base::CheckSecretMode(path));
  GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(path));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&](const std::string& why) {
    return base::Status::InvalidArgument("bad_settings", path + ": " + why);
  };
  if (!j.is_object()) return bad("is not a JSON object");
  HqLink l;
  auto text_of = [&](const char* key, std::string* out) -> base::Status {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
      return bad(std::string(key) + " must be non-empty text");
    }
    *out = it->get<std::string>();
    return base::Status::Ok();
  };
  GB_RETURN_IF_ERROR(text_of("store_id", &l.store_id));
  GB_RETURN_IF_ERROR(text_of("hq_name", &l.hq_name));
  GB_RETURN_IF_ERROR(text_of("host", &l.host));
  GB_RETURN_IF_ERROR(text_of("cert_sha256", &l.cert_sha256));
  GB_RETURN_IF_ERROR(text_of("token", &l.token));
  auto port = j.find("port");
  if (port == j.end() || !port->is_number_integer() || *port < 1 || *port > 65535) {
    return bad("port must be a whole number 1..65535");
  }
  l.port = port->get<uint16_t>();
  if (!IsHex64(l.cert_sha256)) return bad("cert_sha256 must be 64 lower-case hex digits");
  return std::optional<HqLink>(std::move(l));
}

base::Status WriteHqLink(const std::string& store_dir, const HqLink& l) {
  const std::string path = HqLinkPath(store_dir);
  if (::access(path.c_str(), F_OK) == 0) {
    return base::Status::AlreadyExists("already_linked",
                                       store_dir + " is already linked to a head office (" +
                                           path + ")");
  }
  nlohmann::json j = {{"store_id", l.store_id}, {"hq_name", l.hq_name},
                      {"host", l.host},         {"port", l.port},
                      {"cert_sha256", l.cert_sha256}, {"token", l.token}};
  return base::WriteFileAtomic(path, j.dump(2) + "\n", 0600, base::Overwrite::kNo);
}

}  // namespace gb::store
