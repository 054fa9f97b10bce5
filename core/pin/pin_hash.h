// Staff PINs, stored only as a salted hash made with scrypt (OpenSSL 3), a
// memory-hard KDF, so a copied ledger does not give its PINs away cheaply:
//
//   "scrypt$<N>$<r>$<p>$<salt: 32 hex>$<hash: 64 hex>"
//
// N, r and p travel in the text, so the cost can be raised later without
// invalidating stored PINs. kPinScrypt is what new PINs get; docs/security.md
// gives the measured cost of one check. Hashes made before scrypt,
//
//   "pbkdf2-sha256$<iterations>$<salt hex>$<hash: 64 hex>"
//
// still verify (staff set up before keep their PINs), but are never made.
//
// New PINs are 6 to 12 digits (CheckPin). A PIN stored before that rule may
// have 4 or 5 digits; VerifyPin still accepts it against its own hash.
//
// Pure apart from OpenSSL's random salt; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::pin {

inline constexpr size_t kMinPinDigits = 6;
inline constexpr size_t kMaxPinDigits = 12;
// The shortest PIN made before the 6-digit rule; VerifyPin accepts it.
inline constexpr size_t kMinStoredPinDigits = 4;

// scrypt's cost: N (a power of two) rounds over 128 * r * N bytes of memory,
// p times. Bounds for a hash read back (a damaged row must not cost minutes
// or gigabytes): 2 <= N <= 2^20, 1 <= r <= 32, 1 <= p <= 16, r * N <= 2^21
// (256 MiB).
struct ScryptParams {
  uint64_t n = uint64_t{1} << 14;
  uint64_t r = 8;
  uint64_t p = 2;
  bool operator==(const ScryptParams&) const = default;
};

// New PINs: 16 MiB and about 70 ms of one core per check, measured on the
// development machine (docs/security.md). p = 2 rather than N = 2^15: twice
// the work at the same memory, where 32 MiB cost 165 ms, more than the pad
// can spend per staff member.
inline constexpr ScryptParams kPinScrypt{};

// Ok for 6..12 ASCII digits; otherwise "bad_pin", with a message naming the
// rule and never repeating the PIN.
base::Status CheckPin(std::string_view pin);

// "bad_kdf_params" outside the bounds above.
base::Status CheckScryptParams(const ScryptParams& params);

// A fresh salt each time. "bad_pin" as CheckPin; "bad_kdf_params".
base::Result<std::string> HashPin(std::string_view pin, const ScryptParams& params = kPinScrypt);
// The same with N = 2^log2_n and kPinScrypt's r and p: tests and the fuzzer
// use small ones (1 is the cheapest).
base::Result<std::string> HashPin(std::string_view pin, int log2_n);

// True when `pin` is the PIN `encoded` was made from (scrypt or the older
// PBKDF2 text). The derived keys are compared in constant time; a malformed
// `encoded`, or one whose cost is out of bounds, is false, never a crash.
bool VerifyPin(std::string_view pin, std::string_view encoded);

}  // namespace gb::pin
