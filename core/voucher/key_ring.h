// KeyRing: the public keys a verifier trusts, by key id, with revocations.
//
// Revocation is by time, not all-or-nothing: a kiosk whose key leaked on day D
// issued genuine vouchers before D, and those stay valid. A voucher from a
// revoked key is refused only if its issued_at >= revoked_at.
//
// Thread-safety: not synchronized. Const methods may run concurrently with each
// other; Add and Revoke need exclusive access (build the ring, then share it).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "core/base/result.h"
#include "core/voucher/ed25519.h"

namespace gb::voucher {

class KeyRing {
 public:
  // Trusts `key` for vouchers carrying `key_id`. Adding an id again replaces its
  // key; a revocation recorded for the id stays in force.
  void Add(uint32_t key_id, PublicKey key);

  // Refuses vouchers of `key_id` issued at or after `revoked_at` (Unix seconds).
  // May precede Add, so a revocation cannot be undone by re-adding the key.
  // Revoking twice keeps the earlier time.
  void Revoke(uint32_t key_id, uint32_t revoked_at);

  // The key to verify a voucher of `key_id` issued at `issued_at`. Fails with
  // "unknown_key" (NotFound) for an id never added, or "revoked_key"
  // (PermissionDenied) when issued_at >= the id's revocation time.
  base::Result<PublicKey> KeyFor(uint32_t key_id, uint32_t issued_at) const;

  size_t size() const { return keys_.size(); }  // the number of ids added

 private:
  std::map<uint32_t, PublicKey> keys_;
  std::map<uint32_t, uint32_t> revoked_at_;
};

}  // namespace gb::voucher
