// Recognize: says what a scan is, whichever decoder it came from.
//
// The scan is first trimmed of trailing CR, LF and spaces (a scanner's suffix).
// That cannot cut a voucher: its last Base45 character encodes the top digit of
// a 16-bit value, at most 32 ('W'), never 36 (space). Then, in this order:
//
//   kVoucher         starts with "GB1:" (any case). Checked with voucher::Parse
//                    (no signature check: the till verifies against its key
//                    ring). status is Parse's: a failure means "this voucher is
//                    damaged", with Parse's reason ("bad_base45", ...); on
//                    success `voucher` holds the decoded, unverified voucher.
//   kEnrollmentCode  starts with "GBE1:" (any case). The provisioning issue
//                    defines the rest; it is carried as scanned, status ok.
//   kDealLink        "GBD1:<deal id>" (any case), the QR of a shelf card: the
//                    kiosk opens that deal. `deal_id` holds the id; a missing
//                    or non-numeric id fails with "bad_deal_link".
//   kShortCode       three groups of digits joined by '-', spaces ignored
//                    ("7-1000-59198"). Checked with voucher::ParseShortCode:
//                    status is its result ("short_code_check" for a typo);
//                    on success `short_code` holds the parts.
//   kUnknown         anything else; status fails with "unknown_scan".
//
// Case: Base45 has no lower-case letters, so a lower-case letter in a GB1 text
// can only come from a scanner set to convert case (or a wedge scanner typing
// with Caps Lock on). Such a text is upper-cased before Parse, so the shopper is
// served, and `warning` is "scanner_lowercase" so staff can fix the scanner
// setting. An enrollment code is carried unchanged (its alphabet is not fixed
// yet) but gets the same warning when its prefix is not upper case.
//
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/voucher/short_code.h"
#include "core/voucher/voucher.h"

namespace gb::scanner {

inline constexpr std::string_view kEnrollmentPrefix = "GBE1:";
inline constexpr std::string_view kDealLinkPrefix = "GBD1:";
inline constexpr std::string_view kWarningScannerLowercase = "scanner_lowercase";

enum class Kind { kUnknown, kVoucher, kShortCode, kEnrollmentCode, kDealLink };

// "unknown", "voucher", "short_code", "enrollment_code", "deal_link".
std::string_view KindName(Kind kind);

struct Recognized {
  Kind kind = Kind::kUnknown;
  std::string text;     // trimmed; a voucher's upper-cased
  base::Status status;  // ok: the text is a well-formed instance of kind
  std::string warning;  // a reason tag about the scanner, e.g. "scanner_lowercase"; or empty
  std::optional<voucher::Voucher> voucher;            // kVoucher with status ok
  std::optional<voucher::ShortCodeParts> short_code;  // kShortCode with status ok
  std::optional<uint32_t> deal_id;                    // kDealLink with status ok
};

Recognized Recognize(std::string_view scanned);

}  // namespace gb::scanner
