// TillTarget: the voucher a till names in /v1/redeem, /v1/deposit and
// /v1/refund, by its scanned GB1 text or its typed short code, and the check
// that a stored voucher is that one. Pure: no SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "core/voucher/short_code.h"

namespace gb::store {

struct TillTarget {
  uint32_t key_id = 0;
  uint64_t serial = 0;
  std::string text;                             // when named by GB1 text
  std::optional<voucher::ShortCodeParts> code;  // when named by short code
};

// Errors (InvalidArgument): "bad_request" for neither or both of text and
// short_code, "bad_place" when place is not 1..max_place bytes, and the
// voucher parser's or short code's reasons ("bad_short_code", ...).
base::Result<TillTarget> ParseTillTarget(const std::string& text, const std::string& short_code,
                                         const std::string& place, size_t max_place);

// True when `stored`, the GB1 text stored under the target's key id and
// serial, is the voucher the target names: the same text, or a short code
// whose check digits (from the signature) match it, so a guessed serial does
// not. Corruption when the stored text does not parse.
base::Result<bool> TargetMatches(const TillTarget& target, const std::string& stored);

}  // namespace gb::store
