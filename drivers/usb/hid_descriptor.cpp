#include "drivers/usb/hid_descriptor.h"

namespace gb::usb {
namespace {

constexpr std::uint8_t kLongItemPrefix = 0xFE;
constexpr std::uint8_t kTypeGlobal = 1;
constexpr std::uint8_t kTypeLocal = 2;
constexpr std::uint8_t kTagUsagePage = 0;  // global
constexpr std::uint8_t kTagUsage = 0;      // local

}  // namespace

bool ReportDescriptorUsesPage(std::span<const std::uint8_t> descriptor, std::uint16_t page) {
  size_t i = 0;
  while (i < descriptor.size()) {
    std::uint8_t prefix = descriptor[i];
    if (prefix == kLongItemPrefix) {
      if (i + 1 >= descriptor.size()) return false;
      i += 3 + size_t{descriptor[i + 1]};  // prefix, bDataSize, bLongItemTag, data
      continue;
    }
    // bSize 3 means four data bytes.
    size_t size = (prefix & 0x03U) == 3 ? 4 : (prefix & 0x03U);
    std::uint8_t type = (prefix >> 2) & 0x03U;
    std::uint8_t tag = prefix >> 4;
    if (i + 1 + size > descriptor.size()) return false;
    std::uint32_t data = 0;
    for (size_t b = 0; b < size; ++b) {
      data |= std::uint32_t{descriptor[i + 1 + b]} << (8 * b);
    }
    if (type == kTypeGlobal && tag == kTagUsagePage && size > 0 && data == page) return true;
    // A 4-byte Usage carries its page in the high 16 bits.
    if (type == kTypeLocal && tag == kTagUsage && size == 4 && (data >> 16) == page) return true;
    i += 1 + size;
  }
  return false;
}

}  // namespace gb::usb
