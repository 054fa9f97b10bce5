#include "sync/server/router.h"

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>

#include "core/base/log.h"
#include "core/base/text.h"
#include "sync/server/dashboard.h"
#include "sync/server/deal_routes.h"
#include "sync/server/enroll_route.h"
#include "sync/server/json_reply.h"
#include "sync/server/shopper_route.h"
#include "sync/server/staff_routes.h"
#include "sync/server/till_routes.h"

namespace gb::server {
namespace {

struct Route {
  std::string_view path;
  std::string_view method;
  bool needs_token;
};

constexpr auto kRoutes = std::to_array<Route>({
    {"/", "GET", false},  // the dashboard page; its data needs the token
    {"/healthz", "GET", false},
    {"/readyz", "GET", false},
    {"/metrics", "GET", false},
    {"/v1/events", "POST", true},
    {"/v1/state", "GET", true},
    {"/v1/tallies", "GET", true},
    {"/v1/series", "GET", true},
    {"/v1/redeem", "POST", true},
    {"/v1/live", "GET", true},      // a WebSocket upgrade (live_session.h)
    {"/v1/enroll", "POST", false},  // the one-time code is the credential
    {"/v1/rotate-key", "POST", true},
    {"/v1/deposit", "POST", true},
    {"/v1/refund", "POST", true},
    {"/v1/rescue", "GET", true},
    {"/v1/rescue/resolve", "POST", true},
    {"/v1/report.csv", "GET", true},  // a head office's roll-up, for the admin
    {"/v1/deals/stop", "POST", true},  // the admin stops a deal's sign-ups
    {"/v1/deals/pause", "POST", true},
    {"/v1/deals/resume", "POST", true},
    {"/v1/shopper-check", "POST", true},  // shopper_route.h
    {"/v1/staff/session", "POST", true},  // a till signs a staff member in (staff_routes.h)
});

Response Json(int status, const nlohmann::json& body, std::string_view where = "") {
  return JsonResponse(status, body, where);
}

Response Text(int status, std::string body, std::string type = "text/plain; charset=utf-8") {
  Response r;
  r.status = status;
  r.content_type = std::move(type);
  r.body = std::move(body);
  return r;
}

// "Bearer <token>", the scheme case-insensitive (RFC 7235); "" when absent.
std::string_view BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = header[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return {};
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

// The `since` of "since=REV"; 0 when there is no query.
base::Result<int64_t> ParseSince(std::string_view query) {
  if (query.empty()) return int64_t{0};
  constexpr std::string_view kKey = "since=";
  auto bad = [&] {
    return base::Status::InvalidArgument(
        "bad_query", "the query must be since=REV with REV a whole number >= 0");
  };
  if (query.substr(0, kKey.size()) != kKey) return bad();
  std::string_view digits = query.substr(kKey.size());
  int64_t since = -1;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), since);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || since < 0) {
    return bad();
  }
  return since;
}

}  // namespace

int HttpStatusFor(base::Code code) {
  switch (code) {
    case base::Code::kOk:
      return 200;
    case base::Code::kInvalidArgument:
      return 400;
    case base::Code::kUnauthenticated:
      return 401;
    case base::Code::kPermissionDenied:
      return 403;
    case base::Code::kNotFound:
      return 404;
    case base::Code::kFailedPrecondition:
      // Not kAlreadyExists: SQLite's constraint errors carry it, and those
      // are the server's faults (500), not the client's.
      return 409;
    case base::Code::kResourceExhausted:
      return 413;
    case base::Code::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

Response ErrorResponse(const base::Status& status) {
  return StatusResponse(HttpStatusFor(status.code()), status);
}

void Router::Handle(const Request& request, Reply reply) {
  // Exactly once: a handler that threw after handing its reply on must not
  // answer twice, nor leave the connection waiting.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  Reply once = [answered, reply = std::move(reply)](Response r) {
    if (answered->exchange(true)) return;
    reply(std::move(r));
  };
  // A copy: e.what() points into the exception, which is gone after its
  // catch block (ASan: heap-use-after-free).
  std::string what;
  try {
    return Dispatch(request, once);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  metrics_.CountFailure("router");
  metrics_.CountRequest("internal", 500);
  // The exception's text names a byte or a type, never the request's data.
  base::LogError("groupbuy-store: error: a request handler failed (" +
                 base::Abbreviate(what, 200) + "); answered 500 and went on");
  once(ErrorResponse(base::Status::Internal(
      "internal", "the server could not handle this request; it was not applied")));
}

std::optional<Response> Router::AddressRefusal(const Request& request) {
  if (per_address_ == nullptr) return std::nullopt;
  RateDecision d = per_address_->Take(request.peer);
  if (d.allowed) return std::nullopt;
  metrics_.CountLimit("auth_failures");
  Response r = ErrorResponse(base::Status::Error(
      base::Code::kResourceExhausted, "too_many_failures",
      "too many failed authentications or enrolment attempts from this address; wait"));
  r.status = 429;
  r.headers.emplace_back("Retry-After", std::to_string(static_cast<int64_t>(d.retry_after_s) + 1));
  return r;
}

void Router::Dispatch(const Request& request, Reply reply) {
  std::string_view target = request.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  const Route* route = nullptr;
  for (const Route& r : kRoutes) {
    if (r.path == path) route = &r;
  }
  // Counting happens as the answer leaves, whichever thread gives it.
  std::string label = route ? std::string(route->path) : "unknown";
  const auto started = std::chrono::steady_clock::now();
  Reply counted = [this, label, started, reply = std::move(reply)](Response r) {
    metrics_.CountRequest(
        label, r.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    reply(std::move(r));
  };
  if (route == nullptr) {
    counted(ErrorResponse(base::Status::NotFound("no_route", "no route " + base::Abbreviate(path, 100))));
    return;
  }
  if (request.method != route->method) {
    Response r = ErrorResponse(base::Status::Error(
        base::Code::kInvalidArgument, "method_not_allowed",
        std::string(path) + " takes " + std::string(route->method) + ", not " +
            base::Abbreviate(request.method, 16)));
    r.status = 405;
    r.headers.emplace_back("Allow", std::string(route->method));
    counted(std::move(r));
    return;
  }
  if (request.body_too_large || request.body.size() > kMaxBodyBytes) {
    counted(ErrorResponse(base::Status::ResourceExhausted(
        "too_large", "the body is over " + std::to_string(kMaxBodyBytes) + " bytes")));
    return;
  }
  std::optional<Principal> who;
  if (route->needs_token) {
    std::string_view token = BearerToken(request.authorization);
    // A token that matches nothing is refused from memory (Backend contract);
    // an address that keeps failing is then told to wait (429), while a good
    // token from the same address still gets in.
    if (!token.empty()) who = backend_.Authenticate(token);
    if (!who) {
      if (auto refused = AddressRefusal(request)) return counted(std::move(*refused));
      Response r = ErrorResponse(base::Status::Error(
          base::Code::kUnauthenticated, "unauthenticated",
          token.empty() ? "an Authorization: Bearer token is required" : "the token is not known"));
      r.headers.emplace_back("WWW-Authenticate", "Bearer");
      counted(std::move(r));
      return;
    }
    // Per kiosk, after authentication (so only enrolled kiosks have buckets);
    // the admin token is the store's own operator and is not limited.
    if (limiter_ != nullptr && !who->admin) {
      RateDecision d = limiter_->Take(who->kiosk_id);
      if (!d.allowed) {
        Response r = ErrorResponse(base::Status::Error(
            base::Code::kResourceExhausted, "rate_limited",
            "more than " + std::to_string(static_cast<int64_t>(limiter_->limit().rate)) +
                " requests a second from " + who->kiosk_id));
        r.status = 429;
        r.headers.emplace_back("Retry-After",
                               std::to_string(static_cast<int64_t>(d.retry_after_s) + 1));
        counted(std::move(r));
        return;
      }
    }
    if (!who->admin && (path == "/v1/events" || path == "/v1/state")) {
      counted = [this, kiosk = who->kiosk_id, inner = std::move(counted)](Response r) {
        if (r.status == 200) metrics_.KioskSynced(kiosk);  // gb_sync_lag_seconds
        inner(std::move(r));
      };
    }
  }
  if (path == "/v1/live") {
    if (request.websocket) return counted(Response{kSwitchToLive, "", "", {}, who->kiosk_id});
    Response r = ErrorResponse(base::Status::InvalidArgument(
        "upgrade_required", "/v1/live is a WebSocket: send Upgrade: websocket"));
    r.status = 426;
    r.headers.emplace_back("Upgrade", "websocket");
    return counted(std::move(r));
  }
  if (path == "/") return counted(DashboardResponse());
  if (path == "/healthz") return counted(Text(200, "ok\n"));
  if (path == "/readyz") {
    base::Status s = backend_.Ready();
    return counted(s.ok() ? Text(200, "ready\n") : Text(503, "not ready: " + s.ToString() + "\n"));
  }
  if (path == "/metrics") {
    return counted(Text(200, metrics_.Text() + backend_.MetricsText(),
                        "text/plain; version=0.0.4; charset=utf-8"));
  }
  if (path == "/v1/events") return Events(request, *who, std::move(counted));
  if (path == "/v1/redeem") return Redeem(request, *who, std::move(counted));
  if (path == "/v1/enroll") {
    if (auto refused = AddressRefusal(request)) return counted(std::move(*refused));
    return counted(HandleEnroll(request, backend_));
  }
  if (path == "/v1/state") {
    auto since = ParseSince(query);
    if (!since.ok()) return counted(ErrorResponse(since.status()));
    return backend_.StateAsync(
        *who, *since, [counted = std::move(counted)](base::Result<nlohmann::json> state) {
          counted(state.ok() ? Json(200, *state, "/v1/state") : ErrorResponse(state.status()));
        });
  }
  if (!query.empty()) {
    return counted(ErrorResponse(
        base::Status::InvalidArgument("bad_query", std::string(path) + " takes no query")));
  }
  if (path == "/v1/deposit") return counted(HandleMoney(Money::kDeposit, request, *who, backend_));
  if (path == "/v1/refund") return counted(HandleMoney(Money::kRefund, request, *who, backend_));
  if (path == "/v1/rescue") return counted(HandleRescueList(*who, backend_));
  if (path == "/v1/shopper-check") {
    return counted(HandleShopperCheck(request, *who, backend_, &shopper_checks_));
  }
  if (path == "/v1/staff/session") return counted(HandleStaffSignIn(request, *who, backend_));
  if (path == "/v1/rotate-key") return counted(HandleRotateKey(request, *who, backend_));
  if (path == "/v1/rescue/resolve") return counted(HandleRescueResolve(request, *who, backend_));
  if (path == "/v1/deals/stop") return counted(HandleStopDeal(request, *who, backend_));
  if (path == "/v1/deals/pause" || path == "/v1/deals/resume") {
    return counted(HandlePauseDeal(request, *who, backend_, path == "/v1/deals/pause"));
  }
  if (path == "/v1/report.csv") {
    if (!who->admin) {
      return counted(ErrorResponse(base::Status::Error(
          base::Code::kPermissionDenied, "admin_only", "the report is for the admin token")));
    }
    auto csv = backend_.ReportCsv();
    if (!csv.ok()) return counted(ErrorResponse(csv.status()));
    Response r = Text(200, std::move(csv).value(), "text/csv; charset=utf-8");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"report.csv\"");
    return counted(std::move(r));
  }
  if (path == "/v1/series") {
    auto series = backend_.Series();
    return counted(series.ok() ? Json(200, *series, "/v1/series") : ErrorResponse(series.status()));
  }
  auto tallies = backend_.Tallies();
  counted(tallies.ok() ? Json(200, *tallies, "/v1/tallies") : ErrorResponse(tallies.status()));
}

}  // namespace gb::server
