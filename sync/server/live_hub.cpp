#include "sync/server/live_hub.h"

#include <algorithm>

namespace gb::server {

base::Result<std::unique_ptr<LiveHub>> LiveHub::Create(RevisionFn revision,
                                                       LiveHubOptions options) {
  GB_ASSIGN_OR_RETURN(int64_t first, revision());
  std::unique_ptr<LiveHub> hub(new LiveHub(std::move(revision), options, first));
  hub->thread_ = std::thread([h = hub.get()] { h->Loop(); });
  return hub;
}

LiveHub::LiveHub(RevisionFn revision, LiveHubOptions options, int64_t first)
    : read_(std::move(revision)), options_(options), revision_(first) {}

LiveHub::~LiveHub() { Stop(); }

void LiveHub::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void LiveHub::Subscribe(const std::shared_ptr<LiveSink>& sink) {
  // Under push_mu_, so a change read meanwhile reaches this sink after the
  // first value, never before it.
  std::lock_guard push(push_mu_);
  {
    std::lock_guard lock(mu_);
    sinks_.push_back(sink);
  }
  sink->Push(revision_.load());
}

size_t LiveHub::connections() const {
  std::lock_guard lock(mu_);
  return static_cast<size_t>(
      std::count_if(sinks_.begin(), sinks_.end(), [](const auto& w) { return !w.expired(); }));
}

void LiveHub::Loop() {
  std::vector<std::shared_ptr<LiveSink>> live;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      if (cv_.wait_for(lock, options_.interval, [this] { return stop_; })) return;
    }
    // An exception (from the read or a sink) must not end the process: the
    // tick is skipped and the next one tries again.
    try {
      Tick(live);
    } catch (...) {
      live.clear();
    }
  }
}

void LiveHub::Tick(std::vector<std::shared_ptr<LiveSink>>& live) {
  {
    // A failed read (database busy, ...) keeps the last value; the next tick retries.
    base::Result<int64_t> now = read_();
    std::lock_guard push(push_mu_);
    const bool changed = now.ok() && *now != revision_.load();
    {
      std::lock_guard lock(mu_);
      std::erase_if(sinks_, [](const auto& w) { return w.expired(); });
      if (!changed) return;
      revision_ = *now;
      live.clear();
      live.reserve(sinks_.size());
      for (const auto& w : sinks_) {
        if (auto s = w.lock()) live.push_back(std::move(s));
      }
    }
    // Outside mu_: Subscribe and connections() do not wait for the pushes.
    for (const auto& s : live) s->Push(*now);
    live.clear();  // a sink's last reference may go here, on this thread
  }
}

}  // namespace gb::server
