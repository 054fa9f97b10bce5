// Backend: what the router needs from the store, as an interface so the
// router is tested with an in-memory fake (tests/sync/server/router_test.cpp)
// and runs against StoreBackend (store_backend.h) in the server.
//
// Thread-safety: every method may be called from several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "sync/protocol/batch_codec.h"

namespace gb::server {

// Who a bearer token belongs to.
struct Principal {
  bool admin = false;
  std::string kiosk_id;  // empty for the admin
};

// What storing one batch did (sync/store IngestResult, without the store).
struct EventsOutcome {
  int64_t acked_seq = 0;
  int new_events = 0;
  int duplicates = 0;
  int conflicts = 0;
};

// POST /v1/redeem, as the router parsed it: exactly one of voucher and
// short_code is set; origin is the kiosk whose token asked.
struct RedeemCall {
  std::string voucher;
  std::string short_code;
  std::string place;
  std::string origin;
  bool dry_run = false;  // say what a redemption, deposit or refund would be, change nothing
  std::string staff = "";  // who acted: the staff session's member (the router sets it)
};

// POST /v1/enroll, as the route parsed it (enroll_route.h): the code's
// one-time secret, the kiosk's Ed25519 public key as PEM, an optional name.
struct EnrollCall {
  std::array<uint8_t, 16> secret{};
  std::string public_key_pem;
  std::string name;
  // What enrols: "kiosk" at a store, or "store" at a head office (link-store
  // --code). A code presented at the wrong kind of server is refused unused.
  std::string kind = "kiosk";
};

// POST /v1/deposit and /v1/refund take the same body as /v1/redeem; `place`
// is the till's id there (1..64 bytes).
using TillCall = RedeemCall;

// POST /v1/rescue/resolve, as the route parsed it.
struct RescueCall {
  int64_t id = 0;
  std::string resolution;  // "accept" or "reject" (the store checks)
  std::string note;
};

// POST /v1/staff/session, as the router parsed it (staff_routes.h).
struct StaffSignInCall {
  std::string kiosk_id;  // whose token asked; the session is bound to it
  std::string name;
  std::string pin;
};

// Its outcome: a session, or a refusal staff can act on.
struct StaffSignInResult {
  bool ok = false;
  std::string session;  // 64 hex digits, when ok
  std::string name;
  std::string role;  // "cashier" or "manager"
  double idle_seconds = 0;
  double max_seconds = 0;
  std::string refusal;        // "wrong_pin" (401) or "locked_out" (429) when not ok
  int attempts_left = 0;      // after "wrong_pin"
  int64_t retry_after_s = 0;  // after "locked_out"
};

// Who a staff session speaks for (staff_sessions.h).
struct StaffSessionActor {
  std::string name;
  std::string role;  // "cashier" or "manager"
};

using EventsDone = std::function<void(base::Result<EventsOutcome>)>;

class Backend {
 public:
  virtual ~Backend() = default;

  // The principal whose token this is, or nullopt. Implementations compare
  // token hashes in constant time, from memory (no database per request).
  virtual std::optional<Principal> Authenticate(std::string_view token) = 0;
  // Stores the batch durably, then calls done (possibly on another thread).
  virtual void SubmitEvents(protocol::Batch batch, EventsDone done) = 0;
  // The same, told the size of the request body the batch came in, which
  // bounds the memory of what waits to be stored. The default ignores it.
  virtual void SubmitEventsSized(protocol::Batch batch, EventsDone done, size_t body_bytes) {
    (void)body_bytes;
    SubmitEvents(std::move(batch), std::move(done));
  }
  // GET /v1/state?since=REV as the principal `who` sees it (docs/sync-protocol.md).
  virtual base::Result<nlohmann::json> State(const Principal& who, int64_t since) = 0;
  // The same, answered through done (possibly on another thread), so a
  // backend can grant a kiosk its quota leases on the writer first and add
  // them ("leases"). The default answers at once with State.
  virtual void StateAsync(const Principal& who, int64_t since,
                          std::function<void(base::Result<nlohmann::json>)> done) {
    done(State(who, since));
  }
  virtual base::Result<nlohmann::json> Tallies() = 0;
  // GET /v1/series: {"deals": {"<id>": [[joined_at, cumulative participants],
  // ...]}} (docs/sync-protocol.md). The default refuses, for fakes.
  virtual base::Result<nlohmann::json> Series() { return NotSupported("sign-up series"); }
  // Redeems once across every till: the verdict as JSON (docs/sync-protocol.md).
  virtual base::Result<nlohmann::json> Redeem(const RedeemCall& call) = 0;
  // The same, answered through done (possibly on another thread), so a
  // backend can group many tills' redemptions into one commit. The default
  // answers at once with Redeem.
  virtual void RedeemAsync(const RedeemCall& call,
                           std::function<void(base::Result<nlohmann::json>)> done) {
    done(Redeem(call));
  }
  // Takes a deposit / gives one back, once per pledge across every till:
  // the verdict as JSON (docs/sync-protocol.md). The defaults refuse, for
  // fakes that do not need them.
  virtual base::Result<nlohmann::json> Deposit(const TillCall& call) {
    (void)call;
    return NotSupported("deposits");
  }
  virtual base::Result<nlohmann::json> Refund(const TillCall& call) {
    (void)call;
    return NotSupported("refunds");
  }
  // POST /v1/staff/session: checks the member's PIN against the store's
  // hash (never under the database's write lock, never on the writer
  // thread) and opens a session bound to call.kiosk_id. Errors only for
  // storage failures; a wrong PIN or a lock-out is a result. The default
  // refuses, for fakes.
  virtual base::Result<StaffSignInResult> StaffSignIn(const StaffSignInCall& call) {
    (void)call;
    return NotSupported("staff sessions");
  }
  // The member a session speaks for, when `token` is a live session of
  // `kiosk_id` and its member is still at the store (a removed member's
  // sessions end): Unauthenticated "staff_session_required" or
  // "staff_session_expired" otherwise. The default refuses, for fakes.
  virtual base::Result<StaffSessionActor> StaffSession(std::string_view token,
                                                       const std::string& kiosk_id) {
    (void)token;
    (void)kiosk_id;
    return NotSupported("staff sessions");
  }
  // GET /v1/rescue: {"open": N, "items": [...]}.
  virtual base::Result<nlohmann::json> Rescue() { return NotSupported("a rescue list"); }
  // POST /v1/rescue/resolve: closes one item once; the store's errors
  // ("unknown_rescue" 404, "already_resolved" / "cannot_accept" 409).
  virtual base::Result<nlohmann::json> ResolveRescue(const RescueCall& call) {
    (void)call;
    return NotSupported("a rescue list");
  }
  // POST /v1/deals/stop: stops the deal's sign-ups now, for good:
  // {"deal_id", "stopped_at", "state", "revision"}, or the store's refusal
  // ("unknown_deal", "already_stopped", "chain_deal"). The default refuses.
  // POST /v1/deals/pause and /v1/deals/resume (StoreDb::PauseDeal).
  virtual base::Result<nlohmann::json> PauseDeal(uint32_t deal_id, bool paused) {
    (void)deal_id;
    (void)paused;
    return NotSupported("pausing deals");
  }
  virtual base::Result<nlohmann::json> StopDeal(uint32_t deal_id) {
    (void)deal_id;
    return NotSupported("deals to stop");
  }
  // Uses a one-time enrolment code and adds the kiosk: the reply body of
  // POST /v1/enroll (docs/sync-protocol.md), or the store's refusal
  // ("code_unknown", "code_used", "code_expired", "key_enrolled").
  virtual base::Result<nlohmann::json> Enroll(const EnrollCall& call) {
    (void)call;
    return base::Status::Error(base::Code::kPermissionDenied, "no_enrolment",
                               "this server does not enrol kiosks");
  }
  // POST /v1/rotate-key: the kiosk's new key (normalized PEM) replaces its
  // current one, which stays valid for what it signed before now. The reply
  // body {"key_id", "retired_key_id"} or the store's refusal (store_db.h
  // RotateKey).
  virtual base::Result<nlohmann::json> RotateKey(const std::string& kiosk_id,
                                                 const std::string& public_key_pem) {
    (void)kiosk_id;
    (void)public_key_pem;
    return NotSupported("key rotation");
  }
  // POST /v1/shopper-check: how many seats `phone_hash` (64 hex, under the
  // store's phone key) holds in the deal over every kiosk, and the deal's
  // per-shopper limit: {"deal_id", "joined", "limit", "allowed"}; NotFound
  // "unknown_deal". Answered by a read, never the write lock. The default
  // refuses, for fakes.
  virtual base::Result<nlohmann::json> ShopperCheck(uint32_t deal_id,
                                                    const std::string& phone_hash) {
    (void)deal_id;
    (void)phone_hash;
    return NotSupported("shopper counts");
  }
  // GET /v1/report.csv: one row per deal and store (a head office's roll-up;
  // a store without linked stores has only the header).
  virtual base::Result<std::string> ReportCsv() { return NotSupported("report"); }
  // Ok when the database takes writes (GET /readyz). Must not touch the
  // database: it answers strangers (from state refreshed in the background).
  virtual base::Status Ready() = 0;
  // Extra Prometheus lines owned by the store (conflicts, revision). Like
  // Ready, from memory: it answers strangers.
  virtual std::string MetricsText() = 0;

 protected:
  static base::Status NotSupported(const std::string& what) {
    return base::Status::Error(base::Code::kUnavailable, "not_supported",
                               "this server keeps no " + what);
  }
};

}  // namespace gb::server
