#include "sync/server/event_writer.h"

#include <ctime>
#include <vector>

#include "core/base/log.h"

namespace gb::server {

base::Result<std::unique_ptr<EventWriter>> EventWriter::Create(std::unique_ptr<store::StoreDb> db,
                                                               WriterOptions options) {
  if (!options.now) options.now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  if (options.max_group == 0) options.max_group = 1;
  std::unique_ptr<EventWriter> w(new EventWriter(std::move(db), std::move(options)));
  w->thread_ = std::thread([p = w.get()] { p->Loop(); });
  return w;
}

EventWriter::EventWriter(std::unique_ptr<store::StoreDb> db, WriterOptions options)
    : db_(std::move(db)), options_(std::move(options)) {}

EventWriter::~EventWriter() { Stop(); }

base::Status EventWriter::RefusalLocked(size_t waiting, size_t bytes) const {
  if (stopping_) {
    return base::Status::Error(base::Code::kUnavailable, "stopping", "the server is stopping");
  }
  if (waiting >= options_.max_queue ||
      (bytes > 0 && queued_bytes_ + bytes > options_.max_queue_bytes)) {
    // Back-pressure: the kiosk keeps its events (the till its voucher) and retries later.
    return base::Status::Error(base::Code::kUnavailable, "overloaded",
                               "too many requests are waiting to be stored; retry later");
  }
  return base::Status::Ok();
}

void EventWriter::Submit(protocol::Batch batch, EventsDone done, size_t bytes) {
  base::Status refused;
  {
    std::lock_guard lock(mu_);
    refused = RefusalLocked(queue_.size(), bytes);
    if (refused.ok()) {
      queued_bytes_ += bytes;
      queue_.push_back({std::move(batch), std::move(done), bytes});
      cv_.notify_one();
      return;
    }
  }
  done(refused);
}

void EventWriter::SubmitRedeem(store::RedeemRequest req, RedeemDone done) {
  base::Status refused;
  {
    std::lock_guard lock(mu_);
    refused = RefusalLocked(redeems_.size());
    if (refused.ok()) {
      redeems_.push_back({std::move(req), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(refused);
}

void EventWriter::SubmitLeases(std::string kiosk_id, LeasesDone done) {
  base::Status refused;
  {
    std::lock_guard lock(mu_);
    refused = RefusalLocked(leases_.size());
    if (refused.ok()) {
      leases_.push_back({std::move(kiosk_id), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(refused);
}

void EventWriter::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

int64_t EventWriter::groups() const {
  std::lock_guard lock(mu_);
  return groups_;
}

int64_t EventWriter::batches() const {
  std::lock_guard lock(mu_);
  return batches_;
}

size_t EventWriter::queued_bytes() const {
  std::lock_guard lock(mu_);
  return queued_bytes_;
}

int64_t EventWriter::failures() const {
  std::lock_guard lock(mu_);
  return failures_;
}

base::Status EventWriter::Health() const {
  std::lock_guard lock(mu_);
  if (std::chrono::steady_clock::now() - health_at_ > 3 * options_.health_every) {
    return base::Status::Error(base::Code::kUnavailable, "writer_stalled",
                               "the writer has not completed a write check for " +
                                   std::to_string(3 * options_.health_every.count() / 1000) +
                                   " s");
  }
  return health_;
}

void EventWriter::CheckHealth() {
  base::Status s;
  try {
    s = db_->CheckWritable();
  } catch (...) {
    s = base::Status::Internal("internal", "the write check failed");
  }
  std::lock_guard lock(mu_);
  health_ = s;
  health_at_ = std::chrono::steady_clock::now();
}

template <class ItemT, class Commit>
void EventWriter::Guarded(const char* what, std::deque<ItemT>& group, Commit commit) {
  try {
    commit(group);
    return;
  } catch (const std::exception& e) {
    base::LogError(std::string("groupbuy-store: error: committing ") + what + " failed (" +
                   e.what() + "); answered 500 and went on");
  } catch (...) {
    base::LogError(std::string("groupbuy-store: error: committing ") + what +
                   " failed; answered 500 and went on");
  }
  {
    std::lock_guard lock(mu_);
    ++failures_;
  }
  // Some may have been answered before the throw; the router answers each
  // request once, so a second answer is dropped there.
  const base::Status internal = base::Status::Internal(
      "internal", std::string("the server could not store this ") + what + "; retry later");
  for (ItemT& item : group) {
    try {
      if (item.done) item.done(internal);
    } catch (...) {
    }
  }
}

void EventWriter::Loop() {
  auto last_advance = std::chrono::steady_clock::now();
  CheckHealth();
  auto last_health = std::chrono::steady_clock::now();
  for (;;) {
    std::deque<Item> group;
    std::deque<RedeemItem> redeems;
    std::deque<LeaseItem> leases;
    bool stop = false;
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, options_.tick, [this] {
        return stopping_ || !queue_.empty() || !redeems_.empty() || !leases_.empty();
      });
      // Whatever arrived while the last group was committing forms the next one.
      while (!queue_.empty() && group.size() < options_.max_group) {
        queued_bytes_ -= queue_.front().bytes;
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      while (!redeems_.empty() && redeems.size() < options_.max_group) {
        redeems.push_back(std::move(redeems_.front()));
        redeems_.pop_front();
      }
      while (!leases_.empty() && leases.size() < options_.max_group) {
        leases.push_back(std::move(leases_.front()));
        leases_.pop_front();
      }
      stop = stopping_ && queue_.empty() && redeems_.empty() && leases_.empty();
    }
    // Redemptions first: a person waits at the till for each one.
    if (!redeems.empty()) {
      Guarded("a redemption", redeems, [this](auto& g) { CommitRedeems(g); });
    }
    if (!group.empty()) Guarded("events", group, [this](auto& g) { CommitGroup(g); });
    // After the events: a kiosk's lease is computed on the pledges it uploaded.
    if (!leases.empty()) Guarded("a lease", leases, [this](auto& g) { CommitLeases(g); });
    // The deadline timer, also under steady load. A failure is retried next tick.
    if (std::chrono::steady_clock::now() - last_advance >= options_.tick) {
      try {
        (void)db_->AdvanceDeals(options_.now());
      } catch (...) {
        std::lock_guard lock(mu_);
        ++failures_;
      }
      last_advance = std::chrono::steady_clock::now();
    }
    if (std::chrono::steady_clock::now() - last_health >= options_.health_every) {
      CheckHealth();
      last_health = std::chrono::steady_clock::now();
    }
    if (options_.alive) options_.alive();
    if (stop && group.empty() && redeems.empty() && leases.empty()) return;
  }
}

void EventWriter::CommitGroup(std::deque<Item>& group) {
  {
    std::lock_guard lock(mu_);
    ++groups_;
  }
  std::vector<protocol::Batch> batches;
  batches.reserve(group.size());
  for (Item& item : group) batches.push_back(std::move(item.batch));
  auto results = db_->IngestGroup(batches, options_.now());
  if (!results.ok() && batches.size() > 1) {
    // One batch must not fail the others: retry each in a transaction of
    // its own, so only the one that fails again gets the error.
    for (size_t i = 0; i < group.size(); ++i) {
      auto one = db_->IngestGroup(std::span(&batches[i], 1), options_.now());
      Finish(group[i], one.ok() ? base::Result<store::IngestResult>(one->front())
                                : base::Result<store::IngestResult>(one.status()));
    }
    return;
  }
  for (size_t i = 0; i < group.size(); ++i) {
    Finish(group[i], results.ok() ? base::Result<store::IngestResult>((*results)[i])
                                  : base::Result<store::IngestResult>(results.status()));
  }
}

void EventWriter::CommitRedeems(std::deque<RedeemItem>& group) {
  std::vector<store::RedeemRequest> reqs;
  reqs.reserve(group.size());
  const int64_t now = options_.now();
  for (RedeemItem& item : group) {
    item.req.now = now;  // the server's clock decides, as in Redeem
    reqs.push_back(item.req);
  }
  auto results = db_->RedeemGroup(reqs);
  for (size_t i = 0; i < group.size(); ++i) {
    group[i].done(results.ok() ? std::move((*results)[i])
                               : base::Result<store::RedeemVerdict>(results.status()));
  }
}

void EventWriter::CommitLeases(std::deque<LeaseItem>& group) {
  std::vector<std::string> kiosks;
  kiosks.reserve(group.size());
  for (const LeaseItem& item : group) kiosks.push_back(item.kiosk_id);
  auto results = db_->GrantLeases(kiosks, options_.now(), options_.leases);
  for (size_t i = 0; i < group.size(); ++i) {
    group[i].done(results.ok() ? base::Result<std::vector<store::KioskLease>>((*results)[i])
                               : base::Result<std::vector<store::KioskLease>>(results.status()));
  }
}

void EventWriter::Finish(Item& item, const base::Result<store::IngestResult>& result) {
  if (!result.ok()) {
    item.done(result.status());
    return;
  }
  {
    std::lock_guard lock(mu_);
    ++batches_;
  }
  const store::IngestResult& r = *result;
  item.done(EventsOutcome{r.acked_seq, r.new_events, r.duplicates, r.conflicts});
}

}  // namespace gb::server
