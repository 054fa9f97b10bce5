#include "sync/server/json_reply.h"

#include <atomic>
#include <mutex>
#include <set>

#include "core/base/log.h"
#include "core/base/text.h"

namespace gb::server {
namespace {

std::atomic<int64_t> g_repaired{0};

constexpr std::string_view kFallback =
    "{\"error\":\"internal\",\"message\":\"the reply could not be built\"}\n";

// Logs once per route: a doctored row would otherwise log at every kiosk poll.
void LogOnce(std::string_view where) {
  static std::mutex mu;
  static std::set<std::string, std::less<>> seen;
  std::lock_guard lock(mu);
  if (seen.size() > 64 || !seen.insert(std::string(where)).second) return;
  base::LogWarning("groupbuy-store: warning: a reply of " +
                   (where.empty() ? std::string("a route") : std::string(where)) +
                   " held text that is not valid UTF-8; it was replaced (look for names or "
                   "titles saved in another encoding)");
}

}  // namespace

std::string SafeDump(const nlohmann::json& body, std::string_view where) noexcept {
  try {
    try {
      return body.dump() + "\n";
    } catch (const nlohmann::json::type_error&) {
      // Only invalid UTF-8 makes dump() throw a type_error (316).
    }
    g_repaired.fetch_add(1, std::memory_order_relaxed);
    LogOnce(where);
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } catch (...) {
    try {
      return std::string(kFallback);
    } catch (...) {
      return {};
    }
  }
}

Response JsonResponse(int status, const nlohmann::json& body, std::string_view where) noexcept {
  Response r;
  r.status = status;
  r.body = SafeDump(body, where);
  return r;
}

Response StatusResponse(int status, const base::Status& s) noexcept {
  try {
    nlohmann::json body = {{"error", base::Abbreviate(s.reason(), 64)},
                           {"message", base::Abbreviate(s.message(), 300)}};
    return JsonResponse(status, body);
  } catch (...) {
    Response r;
    r.status = 500;
    return r;
  }
}

int64_t RepairedReplies() { return g_repaired.load(std::memory_order_relaxed); }

}  // namespace gb::server
