// Backend: what the router needs from the store, as an interface so the
// router is tested with an in-memory fake (tests/sync/server/router_test.cpp)
// and runs against StoreBackend (store_backend.h) in the server.
//
// Thread-safety: every method may be called from several threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/base/result.h"
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
};

using EventsDone = std::function<void(base::Result<EventsOutcome>)>;

class Backend {
 public:
  virtual ~Backend() = default;

  // The principal whose token this is, or nullopt. Implementations compare
  // token hashes in constant time.
  virtual std::optional<Principal> Authenticate(std::string_view token) = 0;
  // Stores the batch durably, then calls done (possibly on another thread).
  virtual void SubmitEvents(protocol::Batch batch, EventsDone done) = 0;
  virtual base::Result<nlohmann::json> State(int64_t since) = 0;
  virtual base::Result<nlohmann::json> Tallies() = 0;
  // Redeems once across every till: the verdict as JSON (docs/sync-protocol.md).
  virtual base::Result<nlohmann::json> Redeem(const RedeemCall& call) = 0;
  // Ok when the database takes writes (GET /readyz).
  virtual base::Status Ready() = 0;
  // Extra Prometheus lines owned by the store (conflicts, revision).
  virtual std::string MetricsText() = 0;
};

}  // namespace gb::server
