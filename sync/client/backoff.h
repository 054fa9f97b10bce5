// Backoff: how long the sync client waits before retrying a failed upload.
//
// Exponential with "full jitter": after the n-th failure in a row the delay
// is uniform in [floor, min(cap, base * 2^(n-1))]. The jitter keeps the
// kiosks of a store from retrying in lock-step after the server comes back;
// the floor keeps a kiosk from hammering a server that refuses instantly.
// Reset() after a success. Deterministic for a given seed (tests).
// Pure; not thread-safe (one per client thread).
#pragma once

#include <cstdint>
#include <random>

namespace gb::sync_client {

struct BackoffOptions {
  int64_t base_ms = 500;
  int64_t cap_ms = 60'000;
  int64_t floor_ms = 100;
};

class Backoff {
 public:
  explicit Backoff(BackoffOptions options = {}, uint64_t seed = std::random_device{}());

  // Records one more failure and returns the delay before the next attempt.
  int64_t NextDelayMs();
  void Reset() { failures_ = 0; }
  int failures() const { return failures_; }
  // The upper bound of the delay the next call may return.
  int64_t CeilingMs() const;

 private:
  BackoffOptions options_;
  std::mt19937_64 rng_;
  int failures_ = 0;
};

}  // namespace gb::sync_client
