// Text that crosses a boundary (a CLI argument, a catalog, a request body, a
// database row written by an older program) is checked or repaired here, in
// one place, so every area refuses and replaces bad text the same way.
//
// "Valid UTF-8" is RFC 3629: shortest forms only, no surrogates (U+D800 to
// U+DFFF), nothing above U+10FFFF. "Control characters" are C0 (U+0000 to
// U+001F), DEL (U+007F) and C1 (U+0080 to U+009F); a field may allow '\n'.
// Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/base/status.h"

namespace gb::base {

bool IsValidUtf8(std::string_view text);

// `text` with every byte that is not part of a valid UTF-8 sequence replaced
// by U+FFFD. Never throws but for allocation; valid text comes back unchanged.
std::string ToValidUtf8(std::string_view text);

// At most `max_bytes` of `text`, cut at a character boundary, with "..."
// appended when something was cut; invalid bytes replaced first. For
// messages that echo what a client sent.
std::string Abbreviate(std::string_view text, size_t max_bytes = 120);

struct TextRules {
  size_t max_bytes = 200;  // 0: no limit
  bool allow_newline = false;
  bool allow_empty = false;
};

// OK, or InvalidArgument naming `field`: reason "bad_text" for invalid UTF-8
// or a control character (with the byte offset), "too_long" past max_bytes,
// "empty" when empty and not allowed. The message never echoes the text.
Status CheckText(std::string_view field, std::string_view text, TextRules rules = {});

// A whole decimal int64 ("-12", "0"; no spaces, no "+", nothing after), or
// InvalidArgument "bad_number" naming `field`, for numbers read back from a
// file or a database row that may be damaged. Never throws.
Result<int64_t> ParseInt64(std::string_view field, std::string_view text);

}  // namespace gb::base
