#include "core/base/text.h"

#include <charconv>
#include <cstdint>

namespace gb::base {
namespace {

// The length of the valid UTF-8 sequence at text[i], or 0 if none starts
// there; `cp` gets its code point. Table 3-7 of the Unicode standard.
size_t SequenceAt(std::string_view text, size_t i, uint32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t n = 0;
  uint8_t lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  cp = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    const uint8_t b = byte(i + k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return n;
}

bool IsControl(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

}  // namespace

bool IsValidUtf8(std::string_view text) {
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t n = SequenceAt(text, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string ToValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t n = SequenceAt(text, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD, one per bad byte
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string Abbreviate(std::string_view text, size_t max_bytes) {
  std::string valid = ToValidUtf8(text);
  if (valid.size() <= max_bytes) return valid;
  size_t cut = max_bytes;
  // Back up over continuation bytes so no character is split.
  while (cut > 0 && (static_cast<uint8_t>(valid[cut]) & 0xC0) == 0x80) --cut;
  valid.resize(cut);
  return valid + "...";
}

Status CheckText(std::string_view field, std::string_view text, TextRules rules) {
  const std::string name(field);
  if (text.empty() && !rules.allow_empty) {
    return Status::InvalidArgument("empty", name + " must not be empty");
  }
  if (rules.max_bytes != 0 && text.size() > rules.max_bytes) {
    return Status::InvalidArgument("too_long", name + " is " + std::to_string(text.size()) +
                                                   " bytes; at most " +
                                                   std::to_string(rules.max_bytes) + " are allowed");
  }
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t n = SequenceAt(text, i, cp);
    if (n == 0) {
      return Status::InvalidArgument(
          "bad_text", name + " is not valid UTF-8 (byte " + std::to_string(i) +
                          "); save it as UTF-8, not Latin-1 or another code page");
    }
    if (IsControl(cp) && !(rules.allow_newline && cp == '\n')) {
      return Status::InvalidArgument("bad_text", name + " holds a control character (byte " +
                                                     std::to_string(i) + ")");
    }
    i += n;
  }
  return Status::Ok();
}

Result<int64_t> ParseInt64(std::string_view field, std::string_view text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  // from_chars: no locale, no exceptions, no leading "+" or spaces accepted.
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Status::InvalidArgument("bad_number", std::string(field) + " is not a whole number: \"" +
                                                     Abbreviate(text, 24) + "\"");
  }
  return value;
}

}  // namespace gb::base
