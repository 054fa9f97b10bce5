#include "core/voucher/key_ring.h"

#include <algorithm>
#include <ctime>
#include <string>
#include <utility>

#include "core/base/utc_time.h"

namespace gb::voucher {
namespace {

// "1767225600 (2026-01-01 00:00:00 UTC)": people compare dates, not seconds.
std::string DescribeTime(uint32_t unix_seconds) {
  return std::to_string(unix_seconds) + " (" + base::UtcTime(unix_seconds) + ")";
}

}  // namespace

using base::Code;
using base::Status;

void KeyRing::Add(uint32_t key_id, PublicKey key) {
  keys_.insert_or_assign(key_id, std::move(key));
}

void KeyRing::Revoke(uint32_t key_id, uint32_t revoked_at) {
  auto [it, inserted] = revoked_at_.try_emplace(key_id, revoked_at);
  // The earlier time is the safer one: a second, later revocation must not
  // re-validate vouchers the first one refused.
  if (!inserted) it->second = std::min(it->second, revoked_at);
}

base::Result<PublicKey> KeyRing::KeyFor(uint32_t key_id, uint32_t issued_at) const {
  auto key = keys_.find(key_id);
  if (key == keys_.end()) {
    return Status::NotFound(
        "unknown_key", "key id " + std::to_string(key_id) + " is not in this verifier's key ring");
  }
  auto revoked = revoked_at_.find(key_id);
  if (revoked != revoked_at_.end() && issued_at >= revoked->second) {
    return Status::Error(Code::kPermissionDenied, "revoked_key",
                         "key id " + std::to_string(key_id) + " was revoked at " +
                             DescribeTime(revoked->second) + "; the voucher was issued at " +
                             DescribeTime(issued_at) + ", not before");
  }
  return key->second;
}

}  // namespace gb::voucher
