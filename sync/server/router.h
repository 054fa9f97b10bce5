// Router: the server's request handling as a pure function of the request
// (shared/style.md point 8): no sockets, no Asio, no SQLite.
//
//   GET  /                   the dashboard page (dashboard.h), no token
//   GET  /healthz            200 "ok", no token
//   GET  /readyz             200 when the database takes writes, else 503; no token
//   GET  /metrics            Prometheus text, no token
//   POST /v1/events          a kiosk's batch -> {"acked_seq": N}, after commit
//   GET  /v1/state?since=REV what changed after REV
//   GET  /v1/tallies         per deal: state, participants, tier, price
//   GET  /v1/series          per deal: sign-ups over time (the dashboard's charts)
//   POST /v1/redeem          a till's redemption -> {"verdict": ...}, once per voucher
//   GET  /v1/live            WebSocket upgrade -> Response status kSwitchToLive (101):
//                            the adapter hands the connection on; 426 without Upgrade
//   POST /v1/enroll          a new kiosk's one-time code -> its identity (enroll_route.h; no token)
//   POST /v1/deposit, /v1/refund, GET /v1/rescue, POST /v1/rescue/resolve: till_routes.h
//   POST /v1/deals/stop      the admin stops a deal's sign-ups (deal_routes.h)
//   POST /v1/shopper-check   a kiosk asks a phone's seats in a deal (shopper_route.h)
//   POST /v1/staff/session   a till signs a staff member in (staff_routes.h); the
//                            redemptions, deposits and refunds that change something
//                            then carry X-Staff-Session (401/403 without a fit one)
//
// Every /v1 route needs "Authorization: Bearer <token>" of a kiosk or the
// admin (401 otherwise); POST /v1/events takes only a kiosk's token, for its
// own origin (403). Errors are JSON {"error": reason, "message": text}:
// 400 malformed (the protocol's reasons), 404 unknown route, 405 wrong
// method (with Allow), 413 body over 1 MiB, 500/503 store failures.
//
// Nothing a client sends ends the process: an exception from any handler is
// caught here, counted (gb_internal_failures_total{where="router"}), logged
// without the request's data, and answered 500 "internal"; every JSON body
// is built by json_reply.h, which replaces invalid UTF-8. Each request is
// answered exactly once, whichever path answers first.
//
// Strangers are limited per client address before any work that reaches
// the database: a failed token check (made from memory) and every POST
// /v1/enroll take one token of the address's bucket; an address without one
// gets 429 "too_many_failures" with Retry-After instead of 401 or an
// enrolment attempt. A good token is never refused by this limit.
//
// Thread-safety: Handle may run on several threads at once; the Backend and
// Metrics are thread-safe and outlive the router.
#pragma once

#include <optional>
#include <string>

#include "core/base/status.h"
#include "sync/server/backend.h"
#include "sync/server/http_types.h"
#include "sync/server/metrics.h"
#include "sync/server/rate_limiter.h"
#include "sync/server/shopper_route.h"

namespace gb::server {

inline constexpr size_t kMaxBodyBytes = size_t{1} << 20;

class Router {
 public:
  // `limiter` (may be null: no limit) is asked once per request of a kiosk
  // token, after authentication: over the limit -> 429 rate_limited with
  // Retry-After (whole seconds).
  // `per_address` (may be null) limits failed authentications and enrolment
  // attempts per client address (Request::peer).
  Router(Backend& backend, Metrics& metrics, RateLimiter* limiter = nullptr,
         RateLimiter* per_address = nullptr)
      : backend_(backend), metrics_(metrics), limiter_(limiter), per_address_(per_address) {}

  // Answers through `reply`, exactly once, possibly later and on another thread.
  void Handle(const Request& request, Reply reply);

 private:
  void Dispatch(const Request& request, Reply reply);
  // Takes one of the address's tokens: 429 with Retry-After when it has
  // none left; else nullopt.
  std::optional<Response> AddressRefusal(const Request& request);
  void Events(const Request& request, const Principal& who, Reply reply);
  void Redeem(const Request& request, const Principal& who, Reply reply);

  Backend& backend_;
  Metrics& metrics_;
  RateLimiter* limiter_;
  RateLimiter* per_address_;
  RateLimiter shopper_checks_{kShopperCheckLimit};  // per kiosk, on top of limiter_
};

// The error body and status for a failed Status: InvalidArgument 400,
// Unauthenticated 401, PermissionDenied 403, NotFound 404, FailedPrecondition
// 409,
// ResourceExhausted 413, Unavailable 503, anything else 500.
Response ErrorResponse(const base::Status& status);
int HttpStatusFor(base::Code code);

}  // namespace gb::server
