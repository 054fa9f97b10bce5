// The HTTP Date header (RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT")
// as Unix seconds, for measuring the kiosk's clock against the server's.
// Only the fixed format that every current server sends is accepted; the
// obsolete RFC 850 and asctime forms give nullopt, as does anything out of
// range. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gb::sync_client {

std::optional<int64_t> ParseHttpDate(std::string_view text);
// The IMF-fixdate of `unix_seconds` (for servers and tests).
std::string FormatHttpDate(int64_t unix_seconds);

}  // namespace gb::sync_client
