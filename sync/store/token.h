// Bearer tokens: made from OpenSSL's CSPRNG, stored only as SHA-256, and
// compared in constant time (CRYPTO_memcmp) so that timing does not tell an
// attacker how much of a guess was right. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::store {

using Digest = std::array<uint8_t, 32>;

// 32 random bytes as 64 lower-case hex digits. Reason "no_randomness".
base::Result<std::string> NewToken();

Digest Sha256(std::string_view data);

// Constant-time equality of two digests.
bool SameDigest(const Digest& a, const Digest& b);

}  // namespace gb::store
