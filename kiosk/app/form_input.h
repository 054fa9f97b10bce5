// Form input: what a tap on a keypad or keyboard key does to the join form.
// Pure; the key ids are those of ui/keypad.h and ui/keyboard.h
// (docs/automation.md), repeated here as strings so the app does not depend
// on the widget toolkit.
#pragma once

#include <string_view>

#include "kiosk/app/view_model.h"

namespace gb::app {

inline constexpr std::size_t kMaxPhoneChars = 20;  // E.164 is 15 digits; room for a prefix
inline constexpr std::size_t kMaxNameCodePoints = 40;

// Applies a key tap to the form and returns true, or returns false (form
// unchanged) when `id` is no keypad or keyboard key. Keypad keys ("key-0"..
// "key-9", "key-plus", "key-back", "key-clear") edit the phone; keyboard keys
// ("kb-<hex>", "kb-space", "kb-back", "kb-shift", "kb-layout") edit the
// name. Either moves the focus to its field. Shift applies to one letter.
// Any edit clears the form's error.
bool ApplyKey(JoinForm& form, std::string_view id);

// The name keyboard's first alphabet for a shopper's language: Cyrillic for
// Russian, Latin otherwise (Chinese names are typed in pinyin: the keyboard
// has no Chinese input, and the join screen says so).
Alphabet NameAlphabet(i18n::Lang lang);

// Removes the last code point of UTF-8 text (nothing when empty).
void PopCodePoint(std::string& text);

}  // namespace gb::app
