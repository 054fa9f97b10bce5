#include "drivers/scanner/hid_pos_decoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tests/core/voucher/test_support.h"

namespace gb::scanner {
namespace {

using Bytes = std::vector<uint8_t>;

// The default layout: id, count, "]Q1", 56 data bytes, code id, reserved, flags.
// The short code of voucher vector 2 read from a QR code: one report.
constexpr std::array<uint8_t, 64> kShortCodeReport = {
    0x02, 0x0C, 0x5D, 0x51, 0x31, 0x37, 0x2D, 0x31, 0x30, 0x30, 0x30, 0x2D, 0x35, 0x39, 0x31, 0x39,
    0x38, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x73, 0x00, 0x00};

// A 60-character Code 128 symbol ("]C0"): 56 bytes with Continued set, then 4.
constexpr std::array<uint8_t, 64> kLongFirst = {
    0x02, 0x38, 0x5D, 0x43, 0x30, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B,
    0x4C, 0x4D, 0x4E, 0x4F, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x30,
    0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
    0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F, 0x50, 0x51, 0x52, 0x53, 0x54, 0x6A, 0x00, 0x01};
constexpr std::array<uint8_t, 64> kLongLast = {
    0x02, 0x04, 0x5D, 0x43, 0x30, 0x55, 0x56, 0x57, 0x58, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x6A, 0x00, 0x00};

// A report in the default layout, for data too long to write out by hand.
Bytes Report(std::string_view data, bool continued, std::string_view aim = "]Q1") {
  Bytes r(64, 0);
  r[0] = 0x02;
  r[1] = static_cast<uint8_t>(data.size());
  std::copy(aim.begin(), aim.end(), r.begin() + 2);
  std::copy(data.begin(), data.end(), r.begin() + 5);
  r[63] = continued ? 0x01 : 0x00;
  return r;
}

HidPosDecoder Make(HidPosLayout layout = {}) {
  auto d = HidPosDecoder::Create(layout);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return std::move(d).value();
}

TEST(HidPosDecoderTest, SingleReportIsAScanWithItsSymbology) {
  HidPosDecoder d = Make();
  auto r = d.OnReport(kShortCodeReport);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ(**r, (HidPosScan{"7-1000-59198", "]Q1"}));
  EXPECT_FALSE(d.pending());
}

TEST(HidPosDecoderTest, ContinuedReportsAreJoinedIntoOneScan) {
  HidPosDecoder d = Make();
  auto first = d.OnReport(kLongFirst);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_FALSE(first->has_value());
  EXPECT_TRUE(d.pending());
  auto last = d.OnReport(kLongLast);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ((*last)->data, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWX");
  EXPECT_EQ((*last)->symbology, "]C0");
  EXPECT_FALSE(d.pending());
}

TEST(HidPosDecoderTest, VoucherTakesThreeReports) {
  const std::string text(voucher::test::Vectors()[1].text);
  HidPosDecoder d = Make();
  std::vector<std::optional<HidPosScan>> out;
  for (size_t at = 0; at < text.size(); at += 56) {
    const std::string_view part = std::string_view(text).substr(at, 56);
    auto r = d.OnReport(Report(part, at + 56 < text.size()));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    out.push_back(*r);
  }
  ASSERT_EQ(out.size(), 3u);
  EXPECT_FALSE(out[0].has_value());
  EXPECT_FALSE(out[1].has_value());
  ASSERT_TRUE(out[2].has_value());
  EXPECT_EQ(out[2]->data, text);
}

TEST(HidPosDecoderTest, LayoutWithoutCountReadsDataUpToItsZeroPadding) {
  // 32 bytes: id 0x04, one symbology byte, 29 data bytes, a flags byte.
  const HidPosLayout layout{.report_id = 0x04,
                            .count_offset = std::nullopt,
                            .symbology_offset = 1,
                            .symbology_size = 1,
                            .data_offset = 2,
                            .data_size = 29,
                            .continued_offset = 31};
  HidPosDecoder d = Make(layout);
  const Bytes report = {0x04, 0x73, 0x31, 0x2D, 0x31, 0x2D, 0x30, 0x31, 0x39, 0x36, 0x37,
                        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  auto r = d.OnReport(report);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ(**r, (HidPosScan{"1-1-01967", "s"}));

  Bytes full(32, 0x41);  // a data field with no zero at all is all data
  full[0] = 0x04;
  full[31] = 0x00;
  auto all = d.OnReport(full);
  ASSERT_TRUE(all.ok());
  ASSERT_TRUE(all->has_value());
  EXPECT_EQ((*all)->data, std::string(29, 'A'));
}

TEST(HidPosDecoderTest, MalformedReportsFailWithBadHidReport) {
  Bytes wrong_id(kShortCodeReport.begin(), kShortCodeReport.end());
  wrong_id[0] = 0x03;
  Bytes count_too_big(kShortCodeReport.begin(), kShortCodeReport.end());
  count_too_big[1] = 57;
  struct Case {
    const char* name;
    Bytes report;
    const char* message_part;
  };
  const Case cases[] = {
      {"empty", {}, "truncated"},
      {"one byte short", Bytes(kShortCodeReport.begin(), kShortCodeReport.end() - 1), "truncated"},
      {"wrong report id", wrong_id, "wrong report id 0x03"},
      {"count beyond the data field", count_too_big, "count 57"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    HidPosDecoder d = Make();
    auto r = d.OnReport(c.report);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), "bad_hid_report");
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos) << r.status().message();
  }
}

TEST(HidPosDecoderTest, BadReportDropsThePartialScan) {
  HidPosDecoder d = Make();
  ASSERT_TRUE(d.OnReport(kLongFirst).ok());
  ASSERT_TRUE(d.pending());
  EXPECT_FALSE(d.OnReport(Bytes{0x02, 0x01}).ok());
  EXPECT_FALSE(d.pending());
  auto r = d.OnReport(kLongLast);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->data, "UVWX") << "the first part must not survive a bad report";
}

TEST(HidPosDecoderTest, ScanLongerThanTheCapIsDropped) {
  HidPosDecoder d = Make({.max_scan_bytes = 100});
  ASSERT_TRUE(d.OnReport(Report(std::string(56, 'A'), true)).ok());
  auto r = d.OnReport(Report(std::string(56, 'B'), true));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "scan_too_long");
  EXPECT_FALSE(d.pending());
}

TEST(HidPosDecoderTest, EmptyReportIsNotAScanButEndsAContinuedOne) {
  HidPosDecoder d = Make();
  auto alone = d.OnReport(Report("", false));
  ASSERT_TRUE(alone.ok());
  EXPECT_FALSE(alone->has_value());
  ASSERT_TRUE(d.OnReport(Report("ABC", true)).ok());
  auto end = d.OnReport(Report("", false));
  ASSERT_TRUE(end.ok());
  ASSERT_TRUE(end->has_value());
  EXPECT_EQ((*end)->data, "ABC");
}

TEST(HidPosDecoderTest, BytesPastTheLayoutAreIgnored) {
  HidPosDecoder d = Make();
  Bytes longer(kShortCodeReport.begin(), kShortCodeReport.end());
  longer.insert(longer.end(), {0xFF, 0xFF, 0xFF});
  auto r = d.OnReport(longer);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->data, "7-1000-59198");
}

TEST(HidPosDecoderTest, CreateRejectsLayoutsThatCannotBeRead) {
  const HidPosLayout bad[] = {
      {.data_offset = 1},        // data over the count
      {.symbology_size = 5},     // an AIM identifier is at most 4
      {.data_size = 0},          //
      {.continued_offset = 10},  // inside the data
      {.continued_mask = 0},     //
      {.max_scan_bytes = 0},     //
      {.count_offset = 0},       // on the report id
      {.data_offset = 5000},     // beyond any report
  };
  for (const HidPosLayout& layout : bad) {
    auto d = HidPosDecoder::Create(layout);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.status().reason(), "bad_hid_layout");
  }
  EXPECT_EQ(HidPosLayout{}.MinReportSize(), 64u);
}

TEST(HidPosDecoderTest, RandomReportsNeverBreakTheDecoder) {
  std::mt19937 rng(20240611);
  const HidPosLayout zero_padded{.count_offset = std::nullopt};
  for (const HidPosLayout& layout : {HidPosLayout{}, zero_padded}) {
    HidPosDecoder d = Make(layout);
    size_t scans = 0;
    for (int i = 0; i < 5000; ++i) {
      Bytes report(rng() % 80);
      for (auto& b : report) b = static_cast<uint8_t>(rng());
      if (!report.empty() && rng() % 2 == 0) report[0] = 0x02;  // reach past the id check
      if (report.size() > 1 && rng() % 2 == 0) report[1] = static_cast<uint8_t>(rng() % 57);
      auto r = d.OnReport(report);
      if (r.ok() && r->has_value()) {
        ++scans;
        EXPECT_FALSE((*r)->data.empty());
        EXPECT_LE((*r)->data.size(), layout.max_scan_bytes);
        EXPECT_LE((*r)->symbology.size(), 3u);
      }
    }
    EXPECT_GT(scans, 0u) << "the loop never reached the assembling code";
    d.Reset();
    auto r = d.OnReport(kShortCodeReport);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->has_value());
    EXPECT_EQ((*r)->data, "7-1000-59198");
  }
}

}  // namespace
}  // namespace gb::scanner
