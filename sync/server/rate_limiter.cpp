#include "sync/server/rate_limiter.h"

#include <algorithm>
#include <chrono>

namespace gb::server {
namespace {

double SteadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

RateLimiter::RateLimiter(RateLimit limit, std::function<double()> now)
    : limit_(limit), now_(now ? std::move(now) : SteadySeconds) {
  limit_.burst = std::max(1.0, limit_.burst);
}

RateLimiter::Bucket& RateLimiter::Refill(const std::string& principal, double now) {
  if (buckets_.size() >= limit_.max_keys && buckets_.find(principal) == buckets_.end()) {
    // A full bucket is what a new principal gets anyway: forgetting it
    // changes no decision.
    std::erase_if(buckets_, [&](const auto& kv) {
      return kv.second.tokens + std::max(0.0, now - kv.second.at) * limit_.rate >= limit_.burst;
    });
  }
  // A new principal starts with a full bucket: a kiosk coming back online
  // may catch up in a burst.
  auto [it, fresh] = buckets_.try_emplace(principal, Bucket{limit_.burst, now});
  Bucket& b = it->second;
  if (!fresh) {
    // A clock that went backwards (it should not: monotonic) refills nothing.
    const double elapsed = std::max(0.0, now - b.at);
    b.tokens = std::min(limit_.burst, b.tokens + elapsed * limit_.rate);
    b.at = now;
  }
  return b;
}

RateDecision RateLimiter::Take(const std::string& principal) {
  if (limit_.rate <= 0) return {};
  const double now = now_();
  std::lock_guard lock(mu_);
  Bucket& b = Refill(principal, now);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return {};
  }
  return {false, (1.0 - b.tokens) / limit_.rate};
}

}  // namespace gb::server
