#include "drivers/scanner/hid_report_descriptor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include "tests/drivers/scanner/hid_descriptors.h"

namespace gb::scanner {
namespace {

using Bytes = std::vector<uint8_t>;
using testing::kHoneywellLike;


// The same fields without the vendor bytes: Continued right after the data
// (a 62-byte report), identifiers named by a usage range.
const Bytes kCompact = {
    0x05, 0x8C, 0x09, 0x02, 0xA1, 0x01,  // Bar Code Scanner application
    0x85, 0x02,                          //   Report ID (2)
    0x75, 0x08, 0x95, 0x01,              //   8 bits x 1
    0x05, 0x01, 0x09, 0x3B, 0x81, 0x02,  //   Byte Count
    0x05, 0x8C, 0x95, 0x03,              //   8 bits x 3
    0x19, 0xFB, 0x29, 0xFD, 0x81, 0x02,  //   Symbology Identifier 1..3 (a range)
    0x95, 0x38, 0x09, 0xFE,              //   8 bits x 56
    0x82, 0x02, 0x01,                    //   Decoded Data
    0x75, 0x01, 0x95, 0x01, 0x09, 0xFF,  //   1 bit
    0x81, 0x02,                          //   Decoded Data Continued
    0x75, 0x07, 0x81, 0x03,              //   padding
    0xC0,
};

// No report IDs, no Byte Count, 4-byte usages that name their own page, one
// symbology byte, and Continued at bit 3 of the byte after the data.
const Bytes kNoIdsExtendedUsages = {
    0x06, 0x00, 0xFF, 0x09, 0x01, 0xA1, 0x01,  // vendor application
    0x75, 0x08, 0x95, 0x01,                    //   8 bits x 1
    0x0B, 0xFB, 0x00, 0x8C, 0x00, 0x81, 0x02,  //   0x8C:0xFB Symbology Identifier 1
    0x95, 0x20,                                //   8 bits x 32
    0x0B, 0xFE, 0x00, 0x8C, 0x00,              //   0x8C:0xFE Decoded Data
    0x82, 0x02, 0x01,                          //   Input (Buffered Bytes)
    0x75, 0x01, 0x95, 0x03, 0x81, 0x03,        //   3 bits of padding
    0x95, 0x01,                                //   1 bit
    0x0B, 0xFF, 0x00, 0x8C, 0x00, 0x81, 0x02,  //   0x8C:0xFF Decoded Data Continued
    0x95, 0x04, 0x81, 0x03,                    //   padding
    0xC0,
};

// The boot keyboard descriptor of HID 1.11 appendix B.1: no scanner in it.
const Bytes kBootKeyboard = {
    0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01,
    0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x05, 0x75, 0x01,
    0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x91, 0x02, 0x95, 0x01, 0x75, 0x03, 0x91, 0x01, 0x95, 0x06,
    0x75, 0x08, 0x15, 0x00, 0x25, 0x65, 0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xC0};

TEST(HidReportDescriptorTest, HoneywellLikeDescriptorGivesTheDefaultLayout) {
  auto layout = ParseHidPosLayout(kHoneywellLike);
  ASSERT_TRUE(layout.ok()) << layout.status().ToString();
  EXPECT_EQ(*layout, HidPosLayout{});
}

TEST(HidReportDescriptorTest, CompactDescriptorPutsContinuedAfterTheData) {
  auto layout = ParseHidPosLayout(kCompact);
  ASSERT_TRUE(layout.ok()) << layout.status().ToString();
  HidPosLayout expected;
  expected.continued_offset = 61;
  EXPECT_EQ(*layout, expected);
  EXPECT_EQ(layout->MinReportSize(), 62u);
}

TEST(HidReportDescriptorTest, DescriptorWithoutIdsOrCountIsReadAsZeroPadded) {
  auto layout = ParseHidPosLayout(kNoIdsExtendedUsages);
  ASSERT_TRUE(layout.ok()) << layout.status().ToString();
  EXPECT_EQ(layout->report_id, std::nullopt);
  EXPECT_EQ(layout->count_offset, std::nullopt);
  EXPECT_EQ(layout->symbology_offset, 0u);
  EXPECT_EQ(layout->symbology_size, 1u);
  EXPECT_EQ(layout->data_offset, 1u);
  EXPECT_EQ(layout->data_size, 32u);
  EXPECT_EQ(layout->continued_offset, 33u);
  EXPECT_EQ(layout->continued_mask, 0x08);

  // The layout found reads a report built the way the descriptor says.
  auto d = HidPosDecoder::Create(*layout);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  Bytes first(34, 0);
  first[0] = 'Q';
  std::fill(first.begin() + 1, first.begin() + 33, uint8_t{'x'});
  first[33] = 0x08;
  Bytes last(34, 0);
  last[0] = 'Q';
  last[1] = 'y';
  ASSERT_TRUE(d->OnReport(first).ok());
  auto scan = d->OnReport(last);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  ASSERT_TRUE(scan->has_value());
  EXPECT_EQ((*scan)->data, std::string(32, 'x') + "y");
  EXPECT_EQ((*scan)->symbology, "Q");
}

TEST(HidReportDescriptorTest, MalformedDescriptorsFail) {
  struct Case {
    const char* name;
    Bytes descriptor;
    const char* reason;
  };
  const Case cases[] = {
      {"item past the end", {0x05}, "bad_report_descriptor"},
      {"4-byte item past the end", {0x0B, 0xFE, 0x00}, "bad_report_descriptor"},
      {"long item past the end", {0xFE, 0x05, 0x00, 0x01}, "bad_report_descriptor"},
      {"pop without push", {0xB4}, "bad_report_descriptor"},
      {"push without pop", {0xA4}, "bad_report_descriptor"},
      {"report id 0", {0x85, 0x00}, "bad_report_descriptor"},
      {"report over 4096 bytes", {0x75, 0x08, 0x96, 0xFF, 0xFF}, "bad_report_descriptor"},
      {"empty", {}, "no_scanned_data_report"},
      {"a boot keyboard", kBootKeyboard, "no_scanned_data_report"},
      {"decoded data of 16-bit fields",
       {0x05, 0x8C, 0x75, 0x10, 0x95, 0x04, 0x09, 0xFE, 0x81, 0x02},
       "no_scanned_data_report"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto layout = ParseHidPosLayout(c.descriptor);
    ASSERT_FALSE(layout.ok());
    EXPECT_EQ(layout.status().reason(), c.reason);
  }
}

// Found by the scanner fuzzer: fields of 0 bits pass the 4096-byte cap
// whatever their count, and 2^32-1 of them took minutes to walk.
TEST(HidReportDescriptorTest, ZeroSizedFieldsAreNotWalkedOneByOne) {
  const Bytes d = {0x05, 0x8C,                    // Usage Page (Bar Code Scanner)
                   0x75, 0x00,                    // Report Size (0)
                   0x97, 0xFF, 0xFF, 0xFF, 0xFF,  // Report Count (2^32-1)
                   0x09, 0xFE, 0x81, 0x02};       // Decoded Data, Input (Data, Var)
  const auto start = std::chrono::steady_clock::now();
  auto layout = ParseHidPosLayout(d);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.status().reason(), "no_scanned_data_report");
}

TEST(HidReportDescriptorTest, RandomAndMutatedDescriptorsNeverBreakTheParser) {
  std::mt19937 rng(99);
  size_t parsed = 0;
  for (int i = 0; i < 5000; ++i) {
    Bytes d;
    if (i % 2 == 0) {
      d = i % 4 == 0 ? kHoneywellLike : kCompact;
      for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0; --flips) {
        d[rng() % d.size()] = static_cast<uint8_t>(rng());
      }
      if (rng() % 4 == 0) d.resize(rng() % d.size());
    } else {
      d.resize(rng() % 120);
      for (auto& b : d) b = static_cast<uint8_t>(rng());
    }
    auto layout = ParseHidPosLayout(d);
    if (layout.ok()) {
      ++parsed;
      EXPECT_TRUE(layout->Validate().ok()) << layout->Validate().ToString();
    }
  }
  EXPECT_GT(parsed, 0u) << "no mutation survived: the loop tested only the error paths";
}

}  // namespace
}  // namespace gb::scanner
