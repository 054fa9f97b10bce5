// Times for people, in UTC: log lines, CLI output and refusal messages. (The
// kiosk's screens and slips show the store's own zone: kiosk/i18n.)
#pragma once

#include <cstdint>
#include <string>

namespace gb::base {

// `unix_seconds` formatted by strftime's `format` in UTC, e.g. the default
// "2026-11-22 14:02:05 UTC". A time gmtime cannot represent (beyond year
// 2^31 or so) gives "?"; a result longer than 63 bytes gives "".
std::string UtcTime(int64_t unix_seconds, const char* format = "%Y-%m-%d %H:%M:%S UTC");

}  // namespace gb::base
