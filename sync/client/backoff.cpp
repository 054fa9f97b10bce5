#include "sync/client/backoff.h"

#include <algorithm>

namespace gb::sync_client {

Backoff::Backoff(BackoffOptions options, uint64_t seed) : options_(options), rng_(seed) {
  options_.base_ms = std::max<int64_t>(options_.base_ms, 1);
  options_.floor_ms = std::max<int64_t>(options_.floor_ms, 0);
  options_.cap_ms = std::max(options_.cap_ms, options_.floor_ms);
}

int64_t Backoff::CeilingMs() const {
  // Doubling stops at the cap; the shift is bounded so it cannot overflow.
  int64_t ceiling = options_.base_ms;
  for (int i = 0; i < failures_ && ceiling < options_.cap_ms; ++i) ceiling *= 2;
  return std::clamp(ceiling, options_.floor_ms, options_.cap_ms);
}

int64_t Backoff::NextDelayMs() {
  const int64_t ceiling = CeilingMs();
  ++failures_;
  std::uniform_int_distribution<int64_t> pick(options_.floor_ms, ceiling);
  return pick(rng_);
}

}  // namespace gb::sync_client
