// RateLimiter: a token bucket per principal (a kiosk id), for the per-kiosk
// limit of the store server (429 rate_limited, docs/sync-protocol.md).
//
// Each principal's bucket holds up to `burst` tokens and refills at `rate`
// tokens a second; a request takes one token, or is refused when the bucket
// has less than one, with the seconds until it will have one (Retry-After).
// rate <= 0 turns the limiter off (every request allowed).
//
// Buckets are kept for the principals seen. For kiosk ids their number is
// bounded by the store; for client addresses (failed logins, enrolment
// attempts) it is bounded by max_keys: past it, buckets that have refilled
// (the same as a fresh one) are forgotten first.
//
// Pure: the clock is injected (seconds, monotonic). Thread-safe (one mutex).
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gb::server {

struct RateLimit {
  double rate = 100;   // tokens a second; <= 0: no limit
  double burst = 200;  // bucket size; at least 1
  size_t max_keys = 100'000;  // buckets kept before full ones are swept
};

struct RateDecision {
  bool allowed = true;
  double retry_after_s = 0;  // when refused: seconds until a token is there (> 0)
};

class RateLimiter {
 public:
  // `now` gives seconds on a monotonic clock (default: steady_clock).
  explicit RateLimiter(RateLimit limit, std::function<double()> now = {});

  RateDecision Take(const std::string& principal);
  const RateLimit& limit() const { return limit_; }

 private:
  struct Bucket {
    double tokens;
    double at;  // now_() when `tokens` was computed
  };
  RateLimit limit_;
  std::function<double()> now_;
  std::mutex mu_;
  // The bucket refilled to now. REQUIRES: mu_ held.
  Bucket& Refill(const std::string& principal, double now);
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace gb::server
