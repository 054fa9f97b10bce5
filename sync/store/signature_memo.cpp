#include "sync/store/signature_memo.h"

#include "core/voucher/codec.h"

namespace gb::store {

bool SignatureMemo::Precheck(std::string_view text, const voucher::KeyRing& ring) {
  // The expensive part runs outside the lock: that is the point of the memo.
  auto verified = voucher::Verify(text, ring);
  if (!verified.ok()) return false;
  auto key = ring.KeyFor(verified->body.key_id, verified->body.issued_at);
  if (!key.ok()) return false;
  std::lock_guard lock(mu_);
  if (checked_.size() >= capacity_) checked_.clear();
  checked_.insert_or_assign(std::string(text), *key);
  return true;
}

std::optional<voucher::PublicKey> SignatureMemo::Take(std::string_view text) {
  std::lock_guard lock(mu_);
  auto it = checked_.find(std::string(text));
  if (it == checked_.end()) {
    misses_++;
    return std::nullopt;
  }
  voucher::PublicKey key = it->second;
  checked_.erase(it);
  hits_++;
  return key;
}

size_t SignatureMemo::size() const {
  std::lock_guard lock(mu_);
  return checked_.size();
}

size_t SignatureMemo::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

size_t SignatureMemo::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}

}  // namespace gb::store
