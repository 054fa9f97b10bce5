// LiveHub: tells every live connection (WebSocket /v1/live) the store's
// revision, once when it subscribes and again whenever the revision changes.
//
// It polls the revision from one thread every `interval` (default 150 ms)
// rather than being told after commits, because the revision also changes
// outside the server's writer: the redeem transactions on the reader
// connection, the deadline timer, and groupbuy-provision (catalog import,
// add-kiosk) in another process. One indexed read every 150 ms is cheap and
// catches them all; a kiosk hears of a change within interval + one poll.
//
// Sinks are held weakly: a connection that goes away simply stops being
// told, and its entry is swept on the next tick. Push is called on the hub's
// thread (or the subscriber's, for the first); sinks must hand the value to
// their own thread and return at once. Memory per subscriber: one weak_ptr.
// Pure (no Asio, no SQLite: the revision comes from a function).
// Thread-safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/base/result.h"

namespace gb::server {

class LiveSink {
 public:
  virtual ~LiveSink() = default;
  // The store's revision is now `revision`. Must not block or call the hub.
  virtual void Push(int64_t revision) = 0;
};

struct LiveHubOptions {
  std::chrono::milliseconds interval{150};
};

class LiveHub {
 public:
  using RevisionFn = std::function<base::Result<int64_t>()>;

  // Reads the revision once (its error is returned) and starts the thread.
  static base::Result<std::unique_ptr<LiveHub>> Create(RevisionFn revision,
                                                       LiveHubOptions options = {});
  ~LiveHub();  // Stop()s
  LiveHub(const LiveHub&) = delete;
  LiveHub& operator=(const LiveHub&) = delete;

  // Pushes the current revision to `sink` at once, then every change.
  void Subscribe(const std::shared_ptr<LiveSink>& sink);
  // Subscribers still alive.
  size_t connections() const;
  // The last revision read.
  int64_t revision() const { return revision_.load(); }
  // Ends the thread; no Push after it returns. Idempotent.
  void Stop();

 private:
  LiveHub(RevisionFn revision, LiveHubOptions options, int64_t first);
  void Loop();
  // One poll: reads the revision and pushes a change to every sink.
  void Tick(std::vector<std::shared_ptr<LiveSink>>& live);

  RevisionFn read_;
  LiveHubOptions options_;
  std::atomic<int64_t> revision_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::vector<std::weak_ptr<LiveSink>> sinks_;  // guarded by mu_
  std::mutex push_mu_;  // one push round at a time, so values reach a sink in order
  std::thread thread_;
};

}  // namespace gb::server
