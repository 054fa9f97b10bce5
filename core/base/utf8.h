// Writing UTF-8, the one encoder every area uses (the receipts' text, the
// on-screen keyboards, the scanner's keyboard wedge, the hyphenator).
// Pure and thread-safe.
#pragma once

#include <string>

namespace gb::base {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Appends the UTF-8 of `cp` to `out`, in 1 to 4 bytes. A value that is no
// Unicode scalar (a surrogate, or above U+10FFFF) is written as U+FFFD.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace gb::base
