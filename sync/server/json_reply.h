// The one place every JSON answer of the server is serialised (shared/style.md
// point 16). Nothing here throws: text that is not valid UTF-8 (a path, a
// header, a name stored in the database by an older program) is replaced by
// U+FFFD instead of ending the process, and the first time each route needed
// that is logged once, without the bytes (they may be personal data).
// Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "sync/server/http_types.h"

namespace gb::server {

// `body` as compact JSON text plus "\n". Invalid UTF-8 is replaced; should
// even that fail (memory), a fixed {"error":"internal"} body comes back.
// `where` names the route for the one log line (e.g. "/v1/state").
std::string SafeDump(const nlohmann::json& body, std::string_view where = "") noexcept;

// A Response with `status` and SafeDump(body).
Response JsonResponse(int status, const nlohmann::json& body, std::string_view where = "") noexcept;

// The error body {"error": reason, "message": text} for a failed Status.
// Messages are cut to 300 bytes: many echo what a client sent.
Response StatusResponse(int status, const base::Status& s) noexcept;

// How many replies needed replacement since the start (for /metrics).
int64_t RepairedReplies();

}  // namespace gb::server
