// Keyboard: the on-screen keyboard for names, in a Latin and a Cyrillic
// layout.
//
// Letter keys are Buttons whose automation id is "kb-" and the lower-case
// hex of the code point they type ("kb-61" types 'a', "kb-41" 'A',
// "kb-439" 'й'), so ids are stable across layouts and a script can find the
// key for any character. The last row holds "kb-shift" (the next letter in
// upper case), "kb-layout" (the other alphabet), "kb-space" and "kb-back".
// With shift on, the letter keys show and type upper-case letters (and their
// ids change with them). The app keeps the layout and shift state.
//
// kCode is the keyboard for enrolment codes (Base32: A-Z and 2-7, always
// upper case): a row of the digits 2..7 over the Latin letters, and a last
// row of "kb-clear" (empty the field) and "kb-back"; no shift, layout or
// space. Its keys have the same ids ("kb-32" types '2', "kb-41" 'A').
#pragma once

#include <string>
#include <string_view>

#include "ui/box.h"

namespace gb::ui {

enum class KeyboardLayout { kLatin, kCyrillic, kCode };

inline constexpr char kKbShiftId[] = "kb-shift";
inline constexpr char kKbLayoutId[] = "kb-layout";
inline constexpr char kKbSpaceId[] = "kb-space";
inline constexpr char kKbBackId[] = "kb-back";
inline constexpr char kKbClearId[] = "kb-clear";  // kCode only

// "kb-<hex>" for a code point.
std::string KeyboardKeyId(char32_t cp);
// The code point a "kb-<hex>" id types, or 0 for any other id (including
// the function keys).
char32_t KeyboardKeyCodePoint(std::string_view id);

struct KeyboardCaptions {
  std::string space;  // the translated word on the space bar
  std::string clear;  // the translated word on kCode's clear key
};

class Keyboard final : public Box {
 public:
  Keyboard(KeyboardLayout layout, bool shift, const KeyboardCaptions& captions, int key_height,
           std::string automation_id = "keyboard");

  KeyboardLayout layout() const { return layout_; }

 private:
  KeyboardLayout layout_;
};

}  // namespace gb::ui
