// EventWriter: the one thread that writes events, with group commit.
//
// Requests from many connections queue here; the writer takes everything
// queued (up to max_group batches) and stores it in ONE transaction
// (StoreDb::IngestGroup), so many kiosks share one fsync instead of queueing
// behind one each. Each batch's `done` runs on the writer thread only after
// its group committed. When a group fails, each of its batches is retried
// in a transaction of its own, so a batch that fails alone gets the error
// and nothing of it is stored, and the others are stored and acknowledged. Every `tick`, busy or
// idle, the writer lets deals fail at their deadline (StoreDb::AdvanceDeals).
//
// Redemptions (POST /v1/redeem) queue here too, so that tills do not each
// wait for an fsync of their own: everything queued is decided in one
// transaction (StoreDb::RedeemGroup), in arrival order, and each till is
// answered after that commit.
//
// Quota leases (GET /v1/state of a kiosk) queue here as well: everything
// queued is granted in one transaction (StoreDb::GrantLeases); a request
// that changes no lease writes nothing and waits for no fsync.
//
// Bounded: at most max_queue items of each kind wait, and the batches
// waiting hold at most max_queue_bytes of request bodies; beyond either,
// Submit answers Unavailable "overloaded" (503) at once and the kiosk
// retries later with its events kept.
//
// Never ends the process: an exception while committing a group is caught,
// counted (failures()), logged, and every request of the group is answered
// 500 "internal"; the thread goes on with the next group.
//
// Health: every 5 s the writer checks that the database takes writes
// (StoreDb::CheckWritable) and keeps the answer, so /readyz is answered
// from memory (Health()) and a stranger never takes the write lock.
//
// Thread-safety: Submit may be called from any thread; Stop from one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "sync/protocol/batch_codec.h"
#include "sync/server/backend.h"
#include "sync/store/store_db.h"

namespace gb::server {

struct WriterOptions {
  size_t max_group = 256;   // batches per transaction
  size_t max_queue = 8192;  // batches waiting; beyond, Submit refuses ("overloaded", 503)
  size_t max_queue_bytes = size_t{64} << 20;  // request bytes of the batches waiting
  std::chrono::milliseconds health_every{5000};
  std::chrono::milliseconds tick{1000};
  std::function<int64_t()> now;  // Unix seconds; default: the system clock
  rules::LeasePolicy leases;     // how seats of capped deals are lent (core/rules/lease.h)
  // Called on the writer thread at every turn of its loop (at least once a
  // tick): the service watchdog (service_notify.h). Must be cheap. Empty: none.
  std::function<void()> alive;
};

class EventWriter {
 public:
  // Takes the database (its own connection) and starts the thread.
  static base::Result<std::unique_ptr<EventWriter>> Create(std::unique_ptr<store::StoreDb> db,
                                                           WriterOptions options);
  ~EventWriter();  // Stop()s

  // Queues a batch; `bytes` is the size of the request body it came in (what
  // max_queue_bytes counts). After Stop, done gets Unavailable ("stopping")
  // at once; with max_queue batches or max_queue_bytes waiting, Unavailable
  // ("overloaded").
  void Submit(protocol::Batch batch, EventsDone done, size_t bytes = 0);
  // Queues a redemption; done runs on the writer thread after its group
  // committed (or with the error). Refusals as Submit's.
  using RedeemDone = std::function<void(base::Result<store::RedeemVerdict>)>;
  void SubmitRedeem(store::RedeemRequest req, RedeemDone done);
  // Queues a kiosk's lease grant; done gets its leases on the writer thread
  // after the grant committed. Refusals as Submit's.
  using LeasesDone = std::function<void(base::Result<std::vector<store::KioskLease>>)>;
  void SubmitLeases(std::string kiosk_id, LeasesDone done);
  // Finishes everything queued, then ends the thread. Idempotent.
  void Stop();

  // Groups taken from the queue and batches stored (for tests and metrics).
  int64_t groups() const;
  int64_t batches() const;
  // Request bytes of the batches waiting now.
  size_t queued_bytes() const;
  // Exceptions caught while committing (each answered 500).
  int64_t failures() const;
  // The last write check: OK, its error, or Unavailable "writer_stalled"
  // when no check has completed for 3 x health_every.
  base::Status Health() const;

 private:
  struct Item {
    protocol::Batch batch;
    EventsDone done;
    size_t bytes = 0;
  };
  EventWriter(std::unique_ptr<store::StoreDb> db, WriterOptions options);
  void Loop();
  void CommitGroup(std::deque<Item>& group);
  struct RedeemItem {
    store::RedeemRequest req;
    RedeemDone done;
  };
  void CommitRedeems(std::deque<RedeemItem>& group);
  struct LeaseItem {
    std::string kiosk_id;
    LeasesDone done;
  };
  void CommitLeases(std::deque<LeaseItem>& group);
  // Why a new item is refused now, or OK. REQUIRES: mu_ held.
  base::Status RefusalLocked(size_t waiting, size_t bytes = 0) const;
  // Runs `commit`; on an exception, answers every item of `group` with
  // `internal` and counts it. `what` names the kind for the log.
  template <class ItemT, class Commit>
  void Guarded(const char* what, std::deque<ItemT>& group, Commit commit);
  void CheckHealth();
  // Counts a stored batch and answers it.
  void Finish(Item& item, const base::Result<store::IngestResult>& result);

  std::unique_ptr<store::StoreDb> db_;  // used by the writer thread only
  WriterOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  std::deque<RedeemItem> redeems_;
  std::deque<LeaseItem> leases_;
  bool stopping_ = false;
  int64_t groups_ = 0;
  int64_t batches_ = 0;
  size_t queued_bytes_ = 0;
  int64_t failures_ = 0;
  base::Status health_;  // guarded by mu_
  std::chrono::steady_clock::time_point health_at_ = std::chrono::steady_clock::now();
  std::thread thread_;
};

}  // namespace gb::server
