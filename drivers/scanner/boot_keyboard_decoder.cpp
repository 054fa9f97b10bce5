#include "drivers/scanner/boot_keyboard_decoder.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace gb::scanner {
namespace {

constexpr uint8_t kShift = 0x02 | 0x20;
constexpr uint8_t kCtrlAltGui = 0xFF & ~kShift;
constexpr uint8_t kEnter = 0x28;
constexpr uint8_t kKeypadEnter = 0x58;
constexpr uint8_t kFirstModifierUsage = 0xE0;
constexpr uint8_t kLastErrorUsage = 0x03;  // ErrorRollOver, POSTFail, ErrorUndefined

// US layout from 0x1E (the "1" key) to 0x38 (the "/" key); '\0' is not text.
// Enter, Escape and Backspace (0x28..0x2A) and non-US # (0x32) are not text.
constexpr std::string_view kPlain = {"1234567890\0\0\0\t -=[]\\\0;'`,./", 27};
constexpr std::string_view kShifted = {"!@#$%^&*()\0\0\0\t _+{}|\0:\"~<>?", 27};
// The keypad from 0x54 to 0x63, Num Lock on; 0x58 is Enter.
constexpr std::string_view kKeypad = {
    "/*-+\0"
    "1234567890.",
    16};

}  // namespace

BootKeyboardDecoder::BootKeyboardDecoder(size_t max_scan_chars)
    : max_scan_chars_(std::max<size_t>(max_scan_chars, 64)) {}

std::optional<char> BootKeyboardDecoder::ToAscii(uint8_t usage, bool shift) {
  char c = '\0';
  if (usage >= 0x04 && usage <= 0x1D) {
    c = static_cast<char>((shift ? 'A' : 'a') + (usage - 0x04));
  } else if (usage >= 0x1E && usage <= 0x38) {
    c = (shift ? kShifted : kPlain)[static_cast<size_t>(usage - 0x1E)];
  } else if (usage >= 0x54 && usage <= 0x63) {
    c = kKeypad[static_cast<size_t>(usage - 0x54)];
  }
  if (c == '\0') return std::nullopt;
  return c;
}

base::Result<std::vector<BootKeyboardEvent>> BootKeyboardDecoder::OnReport(
    std::span<const uint8_t> report) {
  if (report.size() != kReportSize) {
    return base::Status::InvalidArgument(
        "bad_hid_report",
        "a boot keyboard report is 8 bytes, this one is " + std::to_string(report.size()));
  }
  const auto keys = report.subspan(2, 6);
  // Error codes fill the slots when the keyboard cannot tell which keys are
  // down; keeping the previous state avoids typing every held key again.
  if (std::any_of(keys.begin(), keys.end(),
                  [](uint8_t k) { return k != 0 && k <= kLastErrorUsage; })) {
    return std::vector<BootKeyboardEvent>();
  }

  const uint8_t modifiers = report[0];
  std::vector<BootKeyboardEvent> events;
  bool too_long = false;
  for (const uint8_t usage : keys) {
    const bool held_before = std::find(held_.begin(), held_.end(), usage) != held_.end();
    if (usage == 0 || usage >= kFirstModifierUsage || held_before) continue;
    if ((usage == kEnter || usage == kKeypadEnter) && (modifiers & kCtrlAltGui) == 0) {
      if (!partial_.text.empty() || partial_.unknown_keys > 0) {
        events.emplace_back(std::exchange(partial_, {}));
      }
      continue;
    }
    const auto c =
        (modifiers & kCtrlAltGui) == 0 ? ToAscii(usage, (modifiers & kShift) != 0) : std::nullopt;
    if (!c) {
      events.emplace_back(UnknownKey{usage, modifiers});
      ++partial_.unknown_keys;
    } else if (partial_.text.size() < max_scan_chars_) {
      partial_.text.push_back(*c);
    } else {
      too_long = true;
    }
  }
  std::copy(keys.begin(), keys.end(), held_.begin());
  if (too_long) {
    partial_ = {};
    return base::Status::ResourceExhausted(
        "scan_too_long",
        "more than " + std::to_string(max_scan_chars_) + " characters without Enter; dropped");
  }
  return events;
}

std::optional<KeyboardScan> BootKeyboardDecoder::Flush() {
  if (partial_.text.empty() && partial_.unknown_keys == 0) return std::nullopt;
  return std::exchange(partial_, {});
}

}  // namespace gb::scanner
