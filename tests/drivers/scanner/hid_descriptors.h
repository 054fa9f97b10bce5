// Report descriptors of real-world HID POS scanners, shared by the decoder
// tests and the USB scanner tests.
#pragma once

#include <cstdint>
#include <vector>

namespace gb::scanner::testing {

// The 64-byte Scanned Data Report of HidPosLayout's default, with a 1-byte
// Output field in the same report that must not move the input offsets.
inline const std::vector<uint8_t> kHoneywellLike = {
    0x05, 0x8C,        // Usage Page (Bar Code Scanner)
    0x09, 0x02,        // Usage (Bar Code Scanner)
    0xA1, 0x01,        // Collection (Application)
    0x85, 0x02,        //   Report ID (2)
    0x09, 0x12,        //   Usage (Scanned Data Report)
    0xA1, 0x02,        //   Collection (Logical)
    0x15, 0x00,        //     Logical Minimum (0)
    0x26, 0xFF, 0x00,  //     Logical Maximum (255)
    0x75, 0x08,        //     Report Size (8)
    0x95, 0x01,        //     Report Count (1)
    0x05, 0x01,        //     Usage Page (Generic Desktop)
    0x09, 0x3B,        //     Usage (Byte Count)
    0x81, 0x02,        //     Input (Data, Var, Abs)
    0x91, 0x02,        //     Output (Data, Var, Abs)
    0x05, 0x8C,        //     Usage Page (Bar Code Scanner)
    0x95, 0x03,        //     Report Count (3)
    0x09, 0xFB,        //     Usage (Symbology Identifier 1)
    0x09, 0xFC,        //     Usage (Symbology Identifier 2)
    0x09, 0xFD,        //     Usage (Symbology Identifier 3)
    0x81, 0x02,        //     Input (Data, Var, Abs)
    0x95, 0x38,        //     Report Count (56)
    0x09, 0xFE,        //     Usage (Decoded Data)
    0x82, 0x02, 0x01,  //     Input (Data, Var, Abs, Buffered Bytes)
    0x06, 0x00, 0xFF,  //     Usage Page (Vendor 0xFF00)
    0x95, 0x01,        //     Report Count (1)
    0x09, 0x01,        //     Usage (vendor: code identifier)
    0x81, 0x02,        //     Input (Data, Var, Abs)
    0x81, 0x03,        //     Input (Const): reserved byte
    0x05, 0x8C,        //     Usage Page (Bar Code Scanner)
    0xA4,              //     Push
    0x25, 0x01,        //       Logical Maximum (1)
    0x75, 0x01,        //       Report Size (1)
    0x09, 0xFF,        //       Usage (Decoded Data Continued)
    0x81, 0x02,        //       Input (Data, Var, Abs)
    0x75, 0x07,        //       Report Size (7)
    0x81, 0x03,        //       Input (Const): padding
    0xB4,              //     Pop
    0xC0,              //   End Collection
    0xC0,              // End Collection
};

}  // namespace gb::scanner::testing
