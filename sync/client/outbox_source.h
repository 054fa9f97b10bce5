// The two stores the uploader reads and writes, as seams.
//
// OutboxSource: the kiosk's outbox (append-only, seq strictly increasing),
// as protocol events carrying the kiosk's origin. LedgerOutbox adapts the
// kiosk ledger; tests use a vector.
// CursorStore: how far the server has acknowledged, and the events it
// refused for good (kept for staff with the server's reason). Saved after
// every change, before the uploader moves on, so a restart resumes exactly
// there; losing it would only resend acknowledged events, which the server
// ignores (uploads are idempotent by origin and seq).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "sync/protocol/event.h"

namespace gb::sync_client {

class OutboxSource {
 public:
  virtual ~OutboxSource() = default;
  // Up to `limit` events with seq > after, in seq order.
  virtual base::Result<std::vector<protocol::Event>> After(int64_t after, int limit) = 0;
};

// An event the server refused with a 4xx: it will never be accepted as it is,
// so it must not block the events behind it. Staff see it with its reason.
struct Poisoned {
  int64_t seq = 0;
  std::string type;
  int http_status = 0;
  std::string reason;   // the server's reason tag, e.g. "bad_payload"
  std::string message;  // the server's words
  int64_t at = 0;       // when the kiosk gave up on it

  bool operator==(const Poisoned&) const = default;
};

struct SyncCursor {
  int64_t acked_seq = 0;  // every outbox event with seq <= this is done with
  std::vector<Poisoned> poisoned;

  bool operator==(const SyncCursor&) const = default;
};

class CursorStore {
 public:
  virtual ~CursorStore() = default;
  virtual base::Result<SyncCursor> Load() = 0;
  virtual base::Status Save(const SyncCursor& cursor) = 0;
};

}  // namespace gb::sync_client
