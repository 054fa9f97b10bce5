// SyncClient: the kiosk's background thread that keeps the store server
// informed and tells staff how that is going.
//
// It runs Uploader::Step in a loop: while events are acknowledged it keeps
// going; when the outbox is drained it asks the server what changed
// (GET /v1/state?since=REV, applied through the StateSink: other kiosks'
// pledges, deal states, kiosk keys) or, without a sink, sends a heartbeat
// (GET /healthz), and sleeps idle_poll_ms or until Wake() (called after each
// sign-up) or until OnLiveRevision() reports a revision other than the one
// applied (LiveClient, live_client.h: the server's push); after a
// failure it sleeps a jittered exponential backoff (Wake does not cut that
// short: a kiosk that signs up fast must not hammer a server that is down).
// Nothing is dropped before it is acknowledged; after a restart it resumes
// from the saved cursor.
//
// status() is a snapshot for the staff screen: online or "offline since",
// the last error, the events refused for good, and the kiosk's clock against
// the server's (from the reply's Date header; beyond max_skew_s the kiosk
// must stop taking sign-ups: skew_exceeded). A pin mismatch is reported as
// the alarm "server_identity_changed" (last_error, identity_changed), and
// retried with backoff like a failure, so the first reply from the real
// store ends it. Thread-safe: status(),
// Wake() and Flush() may be called from any thread; the destructor stops the thread
// after the request in hand (bounded by the transport's timeout).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sync/client/backoff.h"
#include "sync/client/http_transport.h"
#include "sync/client/outbox_source.h"
#include "sync/client/state_sink.h"
#include "sync/client/uploader.h"

namespace gb::sync_client {

struct SyncClientOptions {
  int idle_poll_ms = 2'000;
  int batch_limit = 200;
  int64_t max_skew_s = 120;
  BackoffOptions backoff;
  uint64_t seed = 0;                 // 0: random (jitter differs per kiosk)
  std::function<int64_t()> now;      // Unix seconds; default: the system clock
};

struct SyncStatus {
  bool started = false;          // at least one exchange was attempted
  bool online = false;           // the last exchange got an answer it could use
  int64_t offline_since = 0;     // first failure of the current outage; 0 when online
  int64_t last_ok_at = 0;
  std::string last_error;        // "reason: message" of the last failure
  int64_t acked_seq = 0;
  int64_t events_acked = 0;      // since start
  std::vector<Poisoned> poisoned;
  std::optional<int64_t> clock_skew_s;  // server minus kiosk
  bool skew_exceeded = false;
  int failures = 0;              // in a row
  int64_t state_revision = 0;    // of the last server state applied (with a StateSink)
  int64_t state_applied_at = 0;  // when; 0 before the first
  int64_t live_wakes = 0;        // OnLiveRevision calls that woke the state poll
  // The last exchange failed with the server identity alarm
  // ("server_identity_changed", server_identity.h): not offline, an alarm.
  bool identity_changed = false;
};

class SyncClient {
 public:
  // Loads the cursor (errors as Uploader::Create) and starts the thread.
  static base::Result<std::unique_ptr<SyncClient>> Start(std::unique_ptr<OutboxSource> source,
                                                         std::unique_ptr<CursorStore> cursor,
                                                         std::unique_ptr<HttpTransport> transport,
                                                         SyncClientOptions options = {});
  // The same, also polling the server's state into `state` when drained.
  static base::Result<std::unique_ptr<SyncClient>> Start(std::unique_ptr<OutboxSource> source,
                                                         std::unique_ptr<CursorStore> cursor,
                                                         std::unique_ptr<HttpTransport> transport,
                                                         std::unique_ptr<StateSink> state,
                                                         SyncClientOptions options = {});
  ~SyncClient();
  SyncClient(const SyncClient&) = delete;
  SyncClient& operator=(const SyncClient&) = delete;

  SyncStatus status() const;
  void Wake();
  // The server's revision is now `revision` (from LiveClient): wakes the
  // thread like Wake() when it differs from the state applied, so the
  // kiosk polls at once (lower: the server was restored; it is asked too).
  // The same one is ignored (the push on connect usually is). Does not cut
  // a backoff short.
  void OnLiveRevision(int64_t revision);
  // Another connection to the server, with the pinned certificate, just got
  // an answer (the till's, ending the server identity alarm): the server is
  // there, so the thread tries at once, a backoff in progress ends too.
  void ServerBack();

  // Wakes the thread and waits until the outbox is drained: every event
  // that was in it when Flush was called is acknowledged or poisoned (so a
  // kiosk that is about to exit has handed its sign-ups over). Returns at
  // once with the last error while the client is offline (backing off), and
  // with the error of the next exchange when that one fails: a kiosk does
  // not wait for a server that is down, its outbox waits for the next start.
  // Errors: that failure's, "flush_timeout" (DeadlineExceeded) after
  // timeout_ms, "stopping". Any thread; not while holding other locks.
  base::Status Flush(int64_t timeout_ms);

 private:
  SyncClient(std::unique_ptr<OutboxSource> source, std::unique_ptr<CursorStore> cursor,
             std::unique_ptr<HttpTransport> transport, SyncClientOptions options);
  void Run(Uploader uploader);
  // One exchange and the rest after it; false when stopped.
  bool Step(Uploader& uploader);
  void Succeeded(const std::string& date, const Uploader& uploader, int acked);
  void Failed(const base::Status& status, const Uploader& uploader);
  // GET /v1/state (or /healthz without a sink); the reply's Date on success.
  base::Result<std::string> Poll();
  // Sleeps up to ms; a Wake ends it early when `wakeable`. False when stopping.
  bool Sleep(int64_t ms, bool wakeable);
  int64_t FlushTicket() const;
  // The step that started at `ticket` drained the outbox (ok) or failed.
  void AnswerFlush(int64_t ticket, const base::Status& outcome);

  std::unique_ptr<OutboxSource> source_;
  std::unique_ptr<CursorStore> cursor_;
  std::unique_ptr<HttpTransport> transport_;
  std::unique_ptr<StateSink> state_;  // may be null
  SyncClientOptions options_;
  Backoff backoff_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  bool back_ = false;  // ServerBack: the next sleep, backoff or not, ends at once
  // Flush's handshake: a step taken after request N was made answers it.
  int64_t flush_asked_ = 0;    // requests made
  int64_t flush_drained_ = 0;  // highest request a drained outbox answered
  int64_t flush_failed_ = 0;   // highest request a failed exchange answered
  base::Status flush_error_;   // that failure
  SyncStatus status_;
  std::thread thread_;
};

}  // namespace gb::sync_client
