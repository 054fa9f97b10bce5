// SignatureMemo: vouchers whose Ed25519 signature another thread has
// already checked, so the writer thread need not check them again.
//
// Why: ingest runs on one writer thread (group commit), and an Ed25519
// verification costs about as much as the rest of a sign-up's ingest. The
// I/O threads check each posted sign-up's signature before the batch is
// queued (Precheck), and the writer takes the result here (Take). The memo
// maps the exact voucher text to the public key it verified under; the writer
// trusts an entry only when its own key ring gives that very key for the
// voucher, so a stale entry (a key rotated or revoked meanwhile) is simply a
// miss and the writer verifies as before. Nothing a client sends can put an
// entry here without a valid signature.
//
// Bounded: at most `capacity` entries; when full, Put drops every entry
// (the writer then verifies those itself, which is only slower). Entries of
// batches that never reach the writer (refused as overloaded) go the same way.
//
// Thread-safety: all methods may run concurrently.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/voucher/ed25519.h"
#include "core/voucher/key_ring.h"

namespace gb::store {

class SignatureMemo {
 public:
  explicit SignatureMemo(size_t capacity = 65536) : capacity_(capacity) {}

  // Checks `text` against `ring` (voucher::Verify) and, when genuine,
  // remembers under which key. Returns whether it was genuine; a voucher that
  // fails is not remembered (the writer then records the conflict itself).
  bool Precheck(std::string_view text, const voucher::KeyRing& ring);

  // The key `text` was found genuine under, removing the entry; nullopt when
  // no thread checked it.
  std::optional<voucher::PublicKey> Take(std::string_view text);

  size_t size() const;
  size_t hits() const;    // Take calls that found an entry
  size_t misses() const;  // Take calls that did not

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, voucher::PublicKey> checked_;  // guarded by mu_
  size_t hits_ = 0;                                               // guarded by mu_
  size_t misses_ = 0;                                             // guarded by mu_
};

}  // namespace gb::store
