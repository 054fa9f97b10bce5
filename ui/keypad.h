// Keypad: the large on-screen keypad for phone numbers.
//
//   1 2 3
//   4 5 6
//   7 8 9
//   + 0 ⌫       (or - 0 ⌫, or 0 ⌫ alone: KeypadExtra)
//   [ clear ]
//
// Every key is a Button with a fixed automation id: "key-0".."key-9",
// "key-plus" (or "key-dash"), "key-back", "key-clear" (docs/automation.md). The keypad only
// draws keys; what a tap on them does is the app's business.
#pragma once

#include <string>

#include "ui/box.h"

namespace gb::ui {

class Button;

// The automation id of a digit key. REQUIRES: 0 <= digit <= 9.
std::string KeypadKeyId(int digit);

inline constexpr char kKeyPlusId[] = "key-plus";
inline constexpr char kKeyBackId[] = "key-back";
inline constexpr char kKeyClearId[] = "key-clear";
inline constexpr char kKeyDashId[] = "key-dash";

// The key left of 0: "+" for phone numbers, "-" for short codes, or none (PINs).
enum class KeypadExtra { kPlus, kDash, kNone };

class Keypad final : public Box {
 public:
  // `clear_caption` is the translated word for the clear key; `key_height`
  // the height of each key in pixels (at least the touch target).
  Keypad(std::string clear_caption, int key_height, std::string automation_id = "keypad",
         KeypadExtra extra = KeypadExtra::kPlus);

  // Greys out the key left of 0 ("+" only starts a phone number: after the
  // first digit it does nothing, so it must not look as if it would).
  Keypad& set_extra_enabled(bool enabled);

 private:
  Button* extra_ = nullptr;  // "+" or "-", owned by the tree; null for kNone
};

}  // namespace gb::ui
