// ParseHidPosLayout: finds the Scanned Data Report fields in a HID report
// descriptor, so that HidPosDecoder reads a scanner whose layout differs from
// the Honeywell default without a code change.
//
// The transport reads the descriptor once (GET_DESCRIPTOR, type 0x22, from the
// scanner's HID interface) and passes its bytes here. The walk follows the
// item rules of the HID 1.11 spec (section 6.2.2): short and long items, the
// global state with Push/Pop, local usages (also Usage Minimum/Maximum and
// 4-byte usages that carry their own page), and Input main items, whose bits
// are laid out in order per report ID, least significant bit first. Output and
// Feature items do not move input offsets.
//
// The report chosen is the first input report with a Decoded Data field
// (0x8C:0xFE). From that report it takes:
//   Decoded Data (0x8C:0xFE)            the run of 8-bit fields: data_offset, data_size
//   Byte Count (Generic Desktop 0x3B)   an 8-bit field: count_offset; without it,
//                                       the data ends at its first zero byte
//   Symbology Identifier 1..3 (0x8C:0xFB..0xFD)  8-bit fields in a row: symbology_*
//   Decoded Data Continued (0x8C:0xFF)  a 1-bit field: continued_offset and _mask
// Offsets include the report ID byte when the descriptor declares report IDs.
//
// Fails with "bad_report_descriptor" (InvalidArgument) for an item that runs
// past the end, report ID 0, unbalanced Push/Pop or an input report over 4096
// bytes; with "no_scanned_data_report" (NotFound) when no input report has
// Decoded Data in 8-bit fields, or when the fields found cannot be read as
// bytes (a count or identifier that is not 8 bits on a byte boundary). Any
// byte sequence is safe to pass. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "core/base/result.h"
#include "drivers/scanner/hid_pos_decoder.h"

namespace gb::scanner {

// HID usages this parser looks for: (usage page << 16) | usage ID.
inline constexpr uint32_t kUsageByteCount = 0x0001'003B;
inline constexpr uint32_t kUsageSymbologyIdentifier1 = 0x008C'00FB;
inline constexpr uint32_t kUsageDecodedData = 0x008C'00FE;
inline constexpr uint32_t kUsageDecodedDataContinued = 0x008C'00FF;

base::Result<HidPosLayout> ParseHidPosLayout(std::span<const uint8_t> report_descriptor);

}  // namespace gb::scanner
