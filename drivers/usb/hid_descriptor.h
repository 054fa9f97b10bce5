// HID report descriptor scanning: enough to tell a HID POS barcode scanner
// (usage page 0x8C, "Bar Code Scanner") from a keyboard. Pure.
//
// Walks the short items of the descriptor (HID 1.11, section 6.2.2.2) and
// skips long items. A truncated item ends the walk: whatever was seen before
// it still counts, since a descriptor cut short by a flaky read still names
// its pages up front.
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <span>

namespace gb::usb {

inline constexpr std::uint16_t kHidUsagePageBarCodeScanner = 0x8C;

// True if a Usage Page item, or a 32-bit extended Usage item, names `page`.
bool ReportDescriptorUsesPage(std::span<const std::uint8_t> descriptor, std::uint16_t page);

}  // namespace gb::usb
