// Uploader: one step of sending the kiosk's outbox to the store server.
//
// Step() reads the events after the acknowledged cursor (at most
// batch_limit, and fewer after a 413), POSTs them to /v1/events and acts on
// the reply:
//   200  the ack {"acked_seq": N} moves the cursor to N (never backwards, and
//        never past the last event sent); saved before Step returns.
//   413  the batch is halved (and stays so) and retried at once; a single
//        event that is still too large is poisoned, and full batches resume.
//   400, 409, 422
//        the server refuses something in the batch for good. A batch of one
//        is poisoned (kept with the server's reason, the cursor passes it);
//        a bigger batch is resent one event at a time up to its last seq,
//        so the refused event is found and the good ones still go.
//   401, 403 and anything else (429, 5xx), or no reply at all: an error; the
//        caller backs off and retries. Nothing moves.
// An event leaves the kiosk's concern only when acknowledged or poisoned.
// Not thread-safe: one uploader per sync thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/base/result.h"
#include "sync/client/http_transport.h"
#include "sync/client/outbox_source.h"

namespace gb::sync_client {

struct UploadOptions {
  int batch_limit = 200;                       // events per request (server max 500)
  std::function<int64_t()> now = [] { return int64_t{0}; };  // for Poisoned::at
};

struct StepResult {
  enum class Kind {
    kIdle,      // nothing to send
    kSent,      // events acknowledged; there may be more
    kRetry,     // the batch was resized or a refused event is being isolated: step again now
    kPoisoned,  // one event was refused for good and set aside
  };
  Kind kind = Kind::kIdle;
  int acked = 0;          // events the cursor moved past in this step
  std::string date;       // the reply's Date header, for the clock-skew check
};

class Uploader {
 public:
  // Loads the cursor; fails with the store's error.
  static base::Result<Uploader> Create(OutboxSource& source, CursorStore& cursor,
                                       HttpTransport& transport, UploadOptions options = {});

  // Errors: the transport's ("unreachable", "timeout", ...), "unauthorized"
  // (401), "forbidden" (403: revoked), "rate_limited" (429), "server_error"
  // (5xx and unexpected codes), "bad_ack", "ack_behind" (the server lost
  // events it had acknowledged: restored from a backup), and the stores'.
  base::Result<StepResult> Step();

  const SyncCursor& cursor() const { return cursor_; }
  int batch_limit() const { return limit_; }

 private:
  Uploader(OutboxSource& source, CursorStore& store, HttpTransport& transport,
           UploadOptions options, SyncCursor cursor)
      : source_(&source), store_(&store), transport_(&transport), options_(std::move(options)),
        cursor_(std::move(cursor)), limit_(options_.batch_limit) {}
  base::Status Advance(int64_t seq);

  OutboxSource* source_;
  CursorStore* store_;
  HttpTransport* transport_;
  UploadOptions options_;
  SyncCursor cursor_;
  int limit_;
  int64_t probe_until_ = 0;  // send one at a time while cursor < this
};

}  // namespace gb::sync_client
