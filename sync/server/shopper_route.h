// POST /v1/shopper-check, as pure request handling like the router's (no
// sockets, no SQLite). The router checks the method, the body size and the
// token first, then hands over.
//
//   POST /v1/shopper-check  {"deal_id": 7, "phone_hash": "<64 hex>"}  (kiosk token)
//        -> {"deal_id", "joined", "limit", "allowed"}
//
// A kiosk asks before it prints a voucher whether the phone is still under
// the deal's per-shopper limit over every kiosk of the store (the hash is
// made with the store's phone key, so it is the same at every kiosk). The
// answer is a read (Backend::ShopperCheck), never the write lock.
//
// 400 "bad_json" / "bad_request" naming the member; 403 "kiosk_only" (the
// admin token asks nothing here); 404 "unknown_deal"; 429 "rate_limited"
// past the kiosk's shopper-check bucket (with Retry-After): a kiosk that
// gets no answer signs up on its own count, as offline. Thread-safe as the
// Backend and the limiter are.
#pragma once

#include <string>

#include "core/base/result.h"
#include "sync/server/backend.h"
#include "sync/server/http_types.h"
#include "sync/server/rate_limiter.h"

namespace gb::server {

// Per kiosk: a sign-up takes a shopper tens of seconds, so one check a
// second with a burst of 10 never slows a real kiosk, and a stolen token
// cannot sweep phone hashes fast.
inline constexpr RateLimit kShopperCheckLimit{1.0, 10.0};

struct ShopperCheckCall {
  uint32_t deal_id = 0;
  std::string phone_hash;  // 64 lower-case hex digits
};

// The body: an object with deal_id (an integer 1..2^32-1) and phone_hash
// (64 lower-case hex digits), nothing else.
base::Result<ShopperCheckCall> ParseShopperCheckBody(const std::string& body);

// `limiter` may be null (no limit).
Response HandleShopperCheck(const Request& request, const Principal& who, Backend& backend,
                            RateLimiter* limiter);

}  // namespace gb::server
