// BootKeyboardDecoder: reads a barcode scanner that presents itself as a USB
// HID boot keyboard (interface subclass 1, protocol 1) and types what it read.
// Many cheap scanners do only this.
//
// A boot keyboard input report is 8 bytes (HID 1.11, appendix B.1):
//   byte  0      modifiers: bit 0 LCtrl, 1 LShift, 2 LAlt, 3 LGUI,
//                           4 RCtrl, 5 RShift, 6 RAlt, 7 RGUI
//   byte  1      reserved
//   bytes 2..7   usage IDs (Keyboard/Keypad page 0x07) of the keys held, 0 = none
// A report lists every key held down, so a key is typed in the report where it
// first appears; a repeated character needs a key-up report in between, as a
// real keyboard sends. Keys map to ASCII as on a US layout, Shift from either
// side:
//   0x04..0x1D  a..z, with Shift A..Z
//   0x1E..0x27  1..9 0, with Shift ! @ # $ % ^ & * ( )
//   0x2B 0x2C   tab, space
//   0x2D..0x38  - = [ ] \ (0x32 is not on a US keyboard) ; ' ` , . /
//               with Shift _ + { } | : " ~ < > ?
//   0x54..0x63  keypad / * - + (Enter) 1..9 0 . as with Num Lock on
// which covers the Base45 alphabet "0-9 A-Z $%*+-./:" and space, "GB1:" and
// short codes. Enter (0x28) or keypad Enter (0x58) ends the scan and yields
// KeyboardScan{text}; an Enter with nothing before it yields nothing.
//
// A key pressed with Ctrl, Alt or GUI held, and any usage not listed above, is
// not text: it yields UnknownKey{usage, modifiers}, is left out of the text,
// and is counted in KeyboardScan::unknown_keys so the caller can distrust that
// scan. Modifier usages in the key slots (0xE0..0xE7) are ignored. Caps Lock
// is host state this decoder never sees: letters follow Shift only. A report
// with ErrorRollOver, POSTFail or ErrorUndefined (0x01..0x03) in a key slot
// says nothing about which keys are down and is ignored.
//
// A report that is not 8 bytes fails with "bad_hid_report" (InvalidArgument)
// and changes nothing. Text beyond max_scan_chars without an Enter is dropped
// with "scan_too_long" (ResourceExhausted); the key state is still taken from
// that report. For scanners set up without an Enter suffix the caller ends the
// scan with Flush() after a pause of its choosing (the transport has the clock).
//
// Thread-compatible; pure: no I/O, no clock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "core/base/result.h"

namespace gb::scanner {

struct KeyboardScan {
  std::string text;         // ASCII, without the Enter
  size_t unknown_keys = 0;  // keys left out of text; non-zero means "incomplete"
  bool operator==(const KeyboardScan&) const = default;
};

struct UnknownKey {
  uint8_t usage = 0;      // Keyboard/Keypad page usage ID
  uint8_t modifiers = 0;  // byte 0 of the report it came in
  bool operator==(const UnknownKey&) const = default;
};

using BootKeyboardEvent = std::variant<KeyboardScan, UnknownKey>;

class BootKeyboardDecoder {
 public:
  static constexpr size_t kReportSize = 8;

  // max_scan_chars below 64 is taken as 64.
  explicit BootKeyboardDecoder(size_t max_scan_chars = 4096);

  // Takes one input report; returns what it completed, oldest first.
  base::Result<std::vector<BootKeyboardEvent>> OnReport(std::span<const uint8_t> report);

  // Ends the scan in progress without an Enter; nullopt if nothing was typed.
  std::optional<KeyboardScan> Flush();

  // The ASCII character for a usage, or nullopt if it is not text (Enter is not).
  static std::optional<char> ToAscii(uint8_t usage, bool shift);

 private:
  size_t max_scan_chars_;
  std::array<uint8_t, 6> held_{};  // the key slots of the last report taken
  KeyboardScan partial_;
};

}  // namespace gb::scanner
