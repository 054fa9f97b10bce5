#include "drivers/scanner/hid_report_descriptor.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gb::scanner {
namespace {

// Item tags (HID 1.11 section 6.2.2.4 to 6.2.2.8).
constexpr uint8_t kTypeMain = 0, kTypeGlobal = 1, kTypeLocal = 2;
constexpr uint8_t kMainInput = 0x8;
constexpr uint8_t kGlobalUsagePage = 0x0, kGlobalReportSize = 0x7, kGlobalReportId = 0x8,
                  kGlobalReportCount = 0x9, kGlobalPush = 0xA, kGlobalPop = 0xB;
constexpr uint8_t kLocalUsage = 0x0, kLocalUsageMinimum = 0x1, kLocalUsageMaximum = 0x2;
constexpr uint8_t kLongItemPrefix = 0xFE;
constexpr uint32_t kInputConstant = 0x01, kInputVariable = 0x02;

constexpr uint64_t kMaxReportBits = 4096 * 8;
constexpr size_t kMaxStackDepth = 16;
constexpr size_t kMaxUsages = 1024;  // per main item; a descriptor naming more is not a scanner's

struct Globals {
  uint32_t usage_page = 0;
  uint32_t report_size = 0;
  uint32_t report_count = 0;
  uint8_t report_id = 0;
};

// Where a usage was first seen in an input report: its first field, how big
// each field is and how many fields in a row carry it.
struct Placement {
  uint64_t bit = 0;
  uint32_t field_bits = 0;
  uint32_t run = 0;
};

struct Walk {
  bool report_ids = false;
  std::map<uint8_t, uint64_t> bits;  // report id -> input bits so far
  std::map<std::pair<uint8_t, uint32_t>, Placement> found;
  std::optional<uint8_t> data_report;  // the first report with Decoded Data
};

base::Status BadDescriptor(std::string message) {
  return base::Status::InvalidArgument("bad_report_descriptor", std::move(message));
}

base::Status NoScannedData(std::string message) {
  return base::Status::NotFound("no_scanned_data_report", std::move(message));
}

// An Input item: its fields take report_count * report_size bits; a variable
// item names one usage per field, the last usage repeating for the rest.
base::Status AddInput(const Globals& g, uint32_t flags, const std::vector<uint32_t>& usages,
                      Walk& walk) {
  uint64_t& bit = walk.bits[g.report_id];
  const uint64_t size = uint64_t{g.report_size} * g.report_count;
  if (bit + size > kMaxReportBits) return BadDescriptor("an input report is over 4096 bytes");
  // Fields of 0 bits hold nothing; the bit cap above does not bound their
  // count, so without this check a Report Count of 2^32-1 walked for minutes.
  if ((flags & kInputConstant) == 0 && (flags & kInputVariable) != 0 && !usages.empty() &&
      g.report_size > 0) {
    for (uint32_t i = 0; i < g.report_count; ++i) {
      const uint32_t usage = usages[std::min<size_t>(i, usages.size() - 1)];
      auto [it, fresh] = walk.found.try_emplace({g.report_id, usage});
      Placement& p = it->second;
      const uint64_t field_bit = bit + uint64_t{i} * g.report_size;
      if (fresh) {
        p = {field_bit, g.report_size, 1};
      } else if (p.bit + uint64_t{p.run} * p.field_bits == field_bit) {
        ++p.run;
      }
      if (usage == kUsageDecodedData && !walk.data_report && g.report_size == 8) {
        walk.data_report = g.report_id;
      }
    }
  }
  bit += size;
  return base::Status::Ok();
}

// The byte offset of an 8-bit field on a byte boundary, counting the report ID byte.
std::optional<size_t> ByteOffset(const Walk& walk, uint8_t report, uint32_t usage) {
  const auto it = walk.found.find({report, usage});
  if (it == walk.found.end()) return std::nullopt;
  const Placement& p = it->second;
  if (p.field_bits != 8 || p.bit % 8 != 0) return std::nullopt;
  return static_cast<size_t>(p.bit / 8) + (walk.report_ids ? 1 : 0);
}

base::Result<HidPosLayout> LayoutOf(const Walk& walk) {
  if (!walk.data_report) return NoScannedData("no input report has 8-bit Decoded Data (0x8C:0xFE)");
  const uint8_t report = *walk.data_report;
  HidPosLayout layout;
  layout.report_id = walk.report_ids ? std::optional<uint8_t>(report) : std::nullopt;

  const auto data = ByteOffset(walk, report, kUsageDecodedData);
  if (!data) return NoScannedData("Decoded Data does not start on a byte boundary");
  layout.data_offset = *data;
  layout.data_size = walk.found.at({report, kUsageDecodedData}).run;

  layout.count_offset = ByteOffset(walk, report, kUsageByteCount);
  if (!layout.count_offset && walk.found.contains({report, kUsageByteCount})) {
    return NoScannedData("Byte Count is not an 8-bit field on a byte boundary");
  }

  layout.symbology_size = 0;
  for (uint32_t k = 0; k < 3; ++k) {
    const auto at = ByteOffset(walk, report, kUsageSymbologyIdentifier1 + k);
    if (!at) break;
    if (k == 0) layout.symbology_offset = *at;
    if (*at != layout.symbology_offset + k) break;  // only identifiers in a row are read
    layout.symbology_size = k + 1;
  }

  layout.continued_offset = std::nullopt;
  if (const auto it = walk.found.find({report, kUsageDecodedDataContinued});
      it != walk.found.end()) {
    if (it->second.field_bits != 1) return NoScannedData("Decoded Data Continued is not 1 bit");
    layout.continued_offset = static_cast<size_t>(it->second.bit / 8) + (walk.report_ids ? 1 : 0);
    layout.continued_mask = static_cast<uint8_t>(1u << (it->second.bit % 8));
  }
  GB_RETURN_IF_ERROR(layout.Validate());
  return layout;
}

}  // namespace

base::Result<HidPosLayout> ParseHidPosLayout(std::span<const uint8_t> d) {
  Walk walk;
  Globals g;
  std::vector<Globals> stack;
  std::vector<uint32_t> usages;
  // A flag and a value rather than std::optional: g++ 12 at -O3 warns,
  // wrongly, that the optional's value may be read uninitialised.
  bool has_usage_min = false;
  uint32_t usage_min = 0;
  size_t i = 0;
  while (i < d.size()) {
    const uint8_t prefix = d[i++];
    if (prefix == kLongItemPrefix) {  // long items carry nothing this walk reads
      if (d.size() - i < 2) return BadDescriptor("a long item runs past the end");
      const size_t skip = size_t{2} + d[i];
      if (d.size() - i < skip) return BadDescriptor("a long item runs past the end");
      i += skip;
      continue;
    }
    const size_t size = (prefix & 0x03) == 3 ? 4 : static_cast<size_t>(prefix & 0x03);
    if (d.size() - i < size) return BadDescriptor("an item runs past the end");
    uint32_t value = 0;
    for (size_t k = 0; k < size; ++k) value |= uint32_t{d[i + k]} << (8 * k);
    i += size;
    const auto type = static_cast<uint8_t>((prefix >> 2) & 0x03);
    const auto tag = static_cast<uint8_t>(prefix >> 4);
    // A usage of 1 or 2 bytes is on the current page; one of 4 names its own.
    const uint32_t usage = size == 4 ? value : (g.usage_page << 16) | (value & 0xFFFF);

    if (type == kTypeMain) {
      if (tag == kMainInput) GB_RETURN_IF_ERROR(AddInput(g, value, usages, walk));
      usages.clear();  // local items last until the next main item
      has_usage_min = false;
    } else if (type == kTypeGlobal) {
      if (tag == kGlobalUsagePage) g.usage_page = value & 0xFFFF;
      if (tag == kGlobalReportSize) g.report_size = value;
      if (tag == kGlobalReportCount) g.report_count = value;
      if (tag == kGlobalReportId) {
        if (value == 0 || value > 0xFF) return BadDescriptor("report ID must be 1..255");
        if (!walk.report_ids && !walk.bits.empty()) {
          return BadDescriptor("a report ID comes after input items without one");
        }
        walk.report_ids = true;
        g.report_id = static_cast<uint8_t>(value);
      }
      if (tag == kGlobalPush) {
        if (stack.size() == kMaxStackDepth) return BadDescriptor("Push nested too deep");
        stack.push_back(g);
      }
      if (tag == kGlobalPop) {
        if (stack.empty()) return BadDescriptor("Pop without Push");
        g = stack.back();
        stack.pop_back();
      }
      if (uint64_t{g.report_size} * g.report_count > kMaxReportBits) {
        return BadDescriptor("Report Size x Report Count is over 4096 bytes");
      }
    } else if (type == kTypeLocal) {
      if (tag == kLocalUsage && usages.size() < kMaxUsages) usages.push_back(usage);
      if (tag == kLocalUsageMinimum) {
        usage_min = usage;
        has_usage_min = true;
      }
      if (tag == kLocalUsageMaximum && has_usage_min && usage_min <= usage) {
        for (uint32_t u = usage_min; usages.size() < kMaxUsages; ++u) {
          usages.push_back(u);
          if (u == usage) break;
        }
      }
    }
  }
  if (!stack.empty()) return BadDescriptor("Push without Pop");
  return LayoutOf(walk);
}

}  // namespace gb::scanner
