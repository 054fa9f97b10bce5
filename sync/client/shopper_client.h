// The kiosk's side of POST /v1/shopper-check (docs/sync-protocol.md): before
// it prints a voucher, an online kiosk asks the store how many seats the
// shopper's phone hash holds in the deal over every kiosk of the store.
//
// Errors: the transport's ("unreachable", "timeout", "tls_failed", ...: the
// store could not be asked; IsOffline() of till_client.h is true); the
// store's refusal with its reason ("unknown_deal", "rate_limited",
// "bad_request", "unauthenticated", ..., Unavailable for a 5xx and 429);
// "bad_reply" for a 200 that is not an answer. Whatever the error, the
// kiosk counts on its own, as offline.
// Pure over the HttpTransport seam; not thread-safe (as the transport).
#pragma once

#include <cstdint>
#include <string>

#include "core/base/result.h"
#include "sync/client/http_transport.h"

namespace gb::sync_client {

struct ShopperAnswer {
  int64_t joined = 0;  // seats the phone holds in the deal, every kiosk
  int64_t limit = 0;   // the deal's per-shopper limit
  bool allowed = true;  // joined < limit, as the store says
};

// `phone_hash_hex`: the phone's HMAC under the kiosk's phone key, 64 hex.
base::Result<ShopperAnswer> CheckShopper(HttpTransport& transport, uint32_t deal_id,
                                         const std::string& phone_hash_hex);

}  // namespace gb::sync_client
