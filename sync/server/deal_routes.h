// The admin's deal control, as pure request handling like the router's (no
// sockets, no SQLite). The router checks the method, the body size and the
// token first, then hands over.
//
//   POST /v1/deals/stop  {"deal_id": 77}  (admin token only)
//        -> {"deal_id", "stopped_at", "state", "revision"}
//
// Stops the deal's sign-ups now, for good (StoreDb::StopDeal): at a head
// office for every store of the chain and their kiosks, at a store for its
// kiosks. 400 "bad_json" / "bad_request"; 403 "admin_only"; 404
// "unknown_deal"; 409 "already_stopped", "chain_deal" (a store's copy of a
// head office's deal). Thread-safe as the Backend is.
#pragma once

#include <string>

#include "core/base/result.h"
#include "sync/server/backend.h"
#include "sync/server/http_types.h"

namespace gb::server {

// The body of /v1/deals/stop: an object with deal_id (an integer 1..2^32-1) only.
base::Result<uint32_t> ParseStopBody(const std::string& body);
Response HandleStopDeal(const Request& request, const Principal& who, Backend& backend);

// POST /v1/deals/pause (paused) and /v1/deals/resume, admin only, the same
// body {"deal_id": N}: the deal's sign-ups pause until resumed
// (StoreDb::PauseDeal); the reply says whether anything changed.
Response HandlePauseDeal(const Request& request, const Principal& who, Backend& backend,
                         bool paused);

}  // namespace gb::server
