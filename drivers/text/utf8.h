// UTF-8 to code points and back, for the text rasterizer. Pure.
// Malformed input never fails: each bad byte becomes U+FFFD, so a corrupt
// product name still prints (with a replacement box) instead of stopping a
// receipt.
#pragma once

#include <string>
#include <string_view>

namespace gb::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes UTF-8. Overlong forms, surrogates, values above U+10FFFF and
// truncated sequences decode as U+FFFD, one per offending byte.
std::u32string DecodeUtf8(std::string_view utf8);

// Encodes code points; invalid ones (surrogates, > U+10FFFF) become U+FFFD.
std::string EncodeUtf8(std::u32string_view text);

// Han, kana, CJK punctuation and full-width forms: scripts written without
// spaces, where a line may break between any two characters.
bool IsCjk(char32_t cp);

}  // namespace gb::text
