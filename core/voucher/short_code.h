// The short code printed under a voucher's QR code, for typing on a keypad
// when the QR code cannot be scanned:
//
//   <key_id>-<serial>-<auth><check>        e.g. "7-1000-59198"
//
// key_id and serial in decimal without leading zeros; auth = 4 digits, the
// big-endian uint16 of signature bytes 0..1 modulo 10000, zero-padded; check =
// the Damm check digit over all digits before it (the hyphens are skipped),
// which catches every single mistyped digit and every swap of two adjacent
// digits.
//
// A short code is a lookup key with a typo check, not a proof: auth has only
// 10^4 values. The till finds the voucher by (key_id, serial) in its records
// and then confirms it with MatchesShortCode. All functions are pure and
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/voucher/voucher.h"

namespace gb::voucher {

struct ShortCodeParts {
  uint32_t key_id = 0;
  uint64_t serial = 0;
  uint16_t auth = 0;  // 0..9999
  bool operator==(const ShortCodeParts&) const = default;
};

std::string ShortCode(const Voucher& voucher);

// Reads a typed short code; spaces anywhere are ignored. Fails with
//   "bad_short_code"   not three hyphen-separated groups of digits, a group with a
//                      leading zero or too large for its field, or a last group
//                      that is not 5 digits;
//   "short_code_check" well formed, but the check digit does not match (a typo).
base::Result<ShortCodeParts> ParseShortCode(std::string_view text);

// True if the parts name this voucher: same key id, serial and auth digits.
bool MatchesShortCode(const Voucher& voucher, const ShortCodeParts& parts);

// The Damm check digit of a string of decimal digits: the digit that, appended,
// makes DammCheck(digits + d) == 0. REQUIRES: digits holds only '0'..'9'.
char DammCheckDigit(std::string_view digits);

}  // namespace gb::voucher
