#include "drivers/scanner/hid_pos_decoder.h"

#include <algorithm>
#include <array>
#include <utility>

namespace gb::scanner {
namespace {

// Larger than any HID report (a full-speed interrupt endpoint moves 64 bytes,
// a high-speed one 1024); it keeps offset arithmetic far from overflow.
constexpr size_t kMaxOffset = 4096;

std::string HexByte(uint8_t b) {
  constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 0x0F];
}

struct Field {
  const char* name;
  size_t begin;
  size_t size;
};

base::Status BadLayout(std::string message) {
  return base::Status::InvalidArgument("bad_hid_layout", std::move(message));
}

base::Status BadReport(std::string message) {
  return base::Status::InvalidArgument("bad_hid_report", std::move(message));
}

}  // namespace

size_t HidPosLayout::MinReportSize() const {
  size_t end = std::max(report_id ? size_t{1} : size_t{0}, data_offset + data_size);
  if (count_offset) end = std::max(end, *count_offset + 1);
  if (symbology_size > 0) end = std::max(end, symbology_offset + symbology_size);
  if (continued_offset) end = std::max(end, *continued_offset + 1);
  return end;
}

base::Status HidPosLayout::Validate() const {
  if (data_size == 0 || data_size > kMaxOffset) return BadLayout("data_size must be 1..4096");
  if (symbology_size > 4) return BadLayout("symbology_size must be 0..4");
  if (continued_mask == 0) return BadLayout("continued_mask must have a bit set");
  if (max_scan_bytes == 0) return BadLayout("max_scan_bytes must be at least 1");
  std::array<Field, 5> fields{};
  size_t n = 0;
  if (report_id) fields[n++] = {"report id", 0, 1};
  if (count_offset) fields[n++] = {"count", *count_offset, 1};
  if (symbology_size > 0) fields[n++] = {"symbology", symbology_offset, symbology_size};
  fields[n++] = {"data", data_offset, data_size};
  if (continued_offset) fields[n++] = {"continued", *continued_offset, 1};
  for (size_t i = 0; i < n; ++i) {
    if (fields[i].begin > kMaxOffset) {
      return BadLayout(std::string(fields[i].name) + " offset is beyond 4096");
    }
    for (size_t j = 0; j < i; ++j) {
      const bool apart = fields[i].begin + fields[i].size <= fields[j].begin ||
                         fields[j].begin + fields[j].size <= fields[i].begin;
      if (!apart) {
        return BadLayout(std::string(fields[i].name) + " overlaps " + fields[j].name);
      }
    }
  }
  return base::Status::Ok();
}

base::Result<HidPosDecoder> HidPosDecoder::Create(HidPosLayout layout) {
  GB_RETURN_IF_ERROR(layout.Validate());
  return HidPosDecoder(layout);
}

base::Result<std::optional<HidPosScan>> HidPosDecoder::OnReport(std::span<const uint8_t> report) {
  const size_t need = layout_.MinReportSize();
  if (report.size() < need) {
    return Fail(BadReport("truncated: the report is " + std::to_string(report.size()) +
                          " bytes, the layout needs " + std::to_string(need)));
  }
  if (layout_.report_id && report[0] != *layout_.report_id) {
    return Fail(BadReport("wrong report id " + HexByte(report[0]) + ", expected " +
                          HexByte(*layout_.report_id)));
  }
  const auto field = report.subspan(layout_.data_offset, layout_.data_size);
  size_t count = 0;
  if (layout_.count_offset) {
    count = report[*layout_.count_offset];
    if (count > field.size()) {
      return Fail(BadReport("count " + std::to_string(count) + " is beyond the " +
                            std::to_string(field.size()) + "-byte data field"));
    }
  } else {
    count = static_cast<size_t>(std::find(field.begin(), field.end(), uint8_t{0}) - field.begin());
  }
  if (partial_.data.size() + count > layout_.max_scan_bytes) {
    return Fail(base::Status::ResourceExhausted(
        "scan_too_long",
        "a scan is longer than " + std::to_string(layout_.max_scan_bytes) + " bytes; dropped"));
  }

  // The symbology is the first report's: every part of one scan is one symbol.
  if (!pending_ && layout_.symbology_size > 0) {
    const auto id = report.subspan(layout_.symbology_offset, layout_.symbology_size);
    partial_.symbology.assign(id.begin(), id.end());
    while (!partial_.symbology.empty() && partial_.symbology.back() == '\0') {
      partial_.symbology.pop_back();
    }
  }
  partial_.data.append(field.begin(), field.begin() + static_cast<std::ptrdiff_t>(count));

  const bool continued =
      layout_.continued_offset && (report[*layout_.continued_offset] & layout_.continued_mask) != 0;
  if (continued) {
    pending_ = true;
    return std::optional<HidPosScan>();
  }
  pending_ = false;
  HidPosScan scan = std::exchange(partial_, {});
  if (scan.data.empty()) return std::optional<HidPosScan>();
  return std::optional<HidPosScan>(std::move(scan));
}

void HidPosDecoder::Reset() {
  pending_ = false;
  partial_ = {};
}

base::Status HidPosDecoder::Fail(base::Status status) {
  Reset();
  return status;
}

}  // namespace gb::scanner
