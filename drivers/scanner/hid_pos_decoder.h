// HidPosDecoder: assembles scans from the input reports of a USB HID POS
// barcode scanner.
//
// The HID Point of Sale Usage Tables (USB-IF, version 1.02) define the Bar Code
// Scanner usage page 0x8C and, in it, the Scanned Data Report (0x12) with
// Symbology Identifier 1..3 (0xFB..0xFD, the AIM identifier such as "]Q1"),
// Decoded Data (0xFE, buffered bytes) and Decoded Data Continued (0xFF, a 1-bit
// flag: the next report carries more of the same scan). The spec does not fix
// where these fields sit: each device's report descriptor does. HidPosLayout
// says where they are; ParseHidPosLayout() (hid_report_descriptor.h) derives one
// from a report descriptor. The default is the 64-byte report of Honeywell and
// Access-IS scanners (Access-IS ATR110 and LSR118 manuals, appendix "HID
// reports"; captured Honeywell traffic matches it):
//
//   byte  0       report ID 0x02
//   byte  1       count: how many Decoded Data bytes this report carries, 0..56
//   bytes 2..4    AIM symbology identifier: ']', code character, modifier
//   bytes 5..60   Decoded Data, zero padded after count
//   byte  61      vendor code identifier (not read)
//   byte  62      reserved (not read)
//   byte  63      bit 0: Decoded Data Continued
//
// A scan of more than 56 bytes comes as several reports, each but the last with
// Continued set; the decoder joins their data. A layout without a count field
// reads the data up to its first zero byte (for devices that only zero-pad).
//
// Every report is checked and a bad one fails with reason "bad_hid_report"
// (InvalidArgument): too short for the layout ("truncated"), another report ID,
// or a count beyond the data field. A scan longer than max_scan_bytes fails
// with "scan_too_long" (ResourceExhausted). After any failure the partial scan
// is dropped: a scan with a part missing cannot be trusted. No byte sequence
// makes the decoder read outside the report it was given.
//
// Thread-compatible; pure: no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/base/result.h"

namespace gb::scanner {

// Byte offsets count from the start of the report as the transport delivers
// it, the report ID byte included.
struct HidPosLayout {
  std::optional<uint8_t> report_id = 0x02;  // nullopt: the device uses no report IDs
  std::optional<size_t> count_offset = 1;   // nullopt: data ends at its first 0 byte
  size_t symbology_offset = 2;
  size_t symbology_size = 3;  // 0..4; 0: the report carries no symbology identifier
  size_t data_offset = 5;
  size_t data_size = 56;
  std::optional<size_t> continued_offset = 63;  // nullopt: every report is a whole scan
  uint8_t continued_mask = 0x01;
  size_t max_scan_bytes = 4096;

  // The bytes a report must have: the end of the last field.
  size_t MinReportSize() const;
  // Fails with "bad_hid_layout" (InvalidArgument) if fields overlap, a size is
  // out of range, continued_mask is 0 or max_scan_bytes is 0.
  base::Status Validate() const;
  bool operator==(const HidPosLayout&) const = default;
};

struct HidPosScan {
  std::string data;       // the decoded bytes, as the scanner sent them
  std::string symbology;  // e.g. "]Q1"; trailing zero bytes removed; may be empty
  bool operator==(const HidPosScan&) const = default;
};

class HidPosDecoder {
 public:
  // Fails as HidPosLayout::Validate.
  static base::Result<HidPosDecoder> Create(HidPosLayout layout = {});

  // Takes one input report. Returns the scan it completes, or nullopt while
  // more reports of the scan are expected (or for a lone report that carries
  // no data, which is not a scan). Bytes past MinReportSize() are ignored.
  base::Result<std::optional<HidPosScan>> OnReport(std::span<const uint8_t> report);

  // True while a scan's first reports have arrived and its last has not.
  bool pending() const { return pending_; }
  // Drops a partial scan, e.g. when the device goes away.
  void Reset();

  const HidPosLayout& layout() const { return layout_; }

 private:
  explicit HidPosDecoder(HidPosLayout layout) : layout_(layout) {}

  base::Status Fail(base::Status status);

  HidPosLayout layout_;
  bool pending_ = false;
  HidPosScan partial_;
};

}  // namespace gb::scanner
