#include "drivers/scanner/boot_keyboard_decoder.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace gb::scanner {
namespace {

using Report = std::array<uint8_t, 8>;

constexpr Report kUp = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

std::vector<BootKeyboardEvent> Feed(BootKeyboardDecoder& d, const std::vector<Report>& reports) {
  std::vector<BootKeyboardEvent> all;
  for (const Report& r : reports) {
    auto events = d.OnReport(r);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    if (events.ok()) all.insert(all.end(), events->begin(), events->end());
  }
  return all;
}

TEST(BootKeyboardDecoderTest, SpellsAVoucherPrefixWithShiftAndEnter) {
  // "GB1:A-1" + Enter as a scanner types it: each key down, then all keys up.
  const std::vector<Report> reports = {
      {0x02, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // LShift+g  G
      {0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // LShift+b  B
      {0x00, 0x00, 0x1E, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // 1
      {0x02, 0x00, 0x33, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // LShift+;  :
      {0x20, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // RShift+a  A
      {0x00, 0x00, 0x2D, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // -
      {0x00, 0x00, 0x1E, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // 1
      {0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp,  // Enter
  };
  BootKeyboardDecoder d;
  EXPECT_EQ(Feed(d, reports), (std::vector<BootKeyboardEvent>{KeyboardScan{"GB1:A-1", 0}}));
}

TEST(BootKeyboardDecoderTest, KeyUpAndHeldKeysTypeNothing) {
  BootKeyboardDecoder d;
  const Report a = {0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00};
  const Report a_and_b = {0x00, 0x00, 0x04, 0x05, 0x00, 0x00, 0x00, 0x00};
  const Report enter = {0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00};
  // a held over three reports, b joins, then a is pressed again after a key-up.
  EXPECT_TRUE(Feed(d, {a, a, a_and_b, a_and_b, kUp, kUp, a, kUp}).empty());
  EXPECT_EQ(Feed(d, {enter}), (std::vector<BootKeyboardEvent>{KeyboardScan{"aba", 0}}));
}

TEST(BootKeyboardDecoderTest, EnterWithNothingTypedIsNoScan) {
  BootKeyboardDecoder d;
  EXPECT_TRUE(Feed(d, {{0x00, 0x00, 0x58, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp}).empty());
}

TEST(BootKeyboardDecoderTest, UnknownUsagesAreReportedAndCounted) {
  BootKeyboardDecoder d;
  const auto events = Feed(d, {
                                  {0x00, 0x00, 0x1F, 0x00, 0x00, 0x00, 0x00, 0x00},
                                  kUp,  // 2
                                  {0x00, 0x00, 0x3A, 0x00, 0x00, 0x00, 0x00, 0x00},
                                  kUp,  // F1
                                  {0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00},
                                  kUp,  // LCtrl+c
                                  {0x00, 0x00, 0x32, 0x00, 0x00, 0x00, 0x00, 0x00},
                                  kUp,  // non-US #
                                  {0x00, 0x00, 0xE1, 0x00, 0x00, 0x00, 0x00, 0x00},
                                  kUp,  // LShift as a key: ignored
                                  {0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00},
                                  kUp,
                              });
  const std::vector<BootKeyboardEvent> expected = {UnknownKey{0x3A, 0x00}, UnknownKey{0x06, 0x01},
                                                   UnknownKey{0x32, 0x00}, KeyboardScan{"2", 3}};
  EXPECT_EQ(events, expected);
}

TEST(BootKeyboardDecoderTest, MapsTheBase45AlphabetAndKeypad) {
  struct Case {
    uint8_t usage;
    bool shift;
    char expected;
  };
  const Case cases[] = {
      {0x04, false, 'a'},  {0x04, true, 'A'},   {0x1D, true, 'Z'},  {0x1E, false, '1'},
      {0x27, false, '0'},  {0x2C, false, ' '},  {0x21, true, '$'},  {0x22, true, '%'},
      {0x25, true, '*'},   {0x2E, true, '+'},   {0x2D, false, '-'}, {0x37, false, '.'},
      {0x38, false, '/'},  {0x33, true, ':'},   {0x2D, true, '_'},  {0x38, true, '?'},
      {0x31, false, '\\'}, {0x34, true, '"'},   {0x54, false, '/'}, {0x55, false, '*'},
      {0x56, false, '-'},  {0x57, false, '+'},  {0x59, false, '1'}, {0x62, false, '0'},
      {0x63, false, '.'},  {0x2B, false, '\t'},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message()
                 << "usage 0x" << std::hex << int{c.usage} << " shift " << c.shift);
    EXPECT_EQ(BootKeyboardDecoder::ToAscii(c.usage, c.shift), c.expected);
  }
  const uint8_t kNotText[] = {0x00, 0x01, 0x28, 0x29, 0x2A, 0x32, 0x39, 0x58, 0x64, 0xE0};
  for (const uint8_t not_text : kNotText) {
    EXPECT_EQ(BootKeyboardDecoder::ToAscii(not_text, false), std::nullopt) << int{not_text};
  }
}

TEST(BootKeyboardDecoderTest, RolloverErrorReportDoesNotRetypeHeldKeys) {
  BootKeyboardDecoder d;
  const Report b = {0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00};
  const Report rollover = {0x00, 0x00, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01};
  Feed(d, {b, rollover, b, kUp});
  EXPECT_EQ(d.Flush(), (KeyboardScan{"b", 0}));
}

TEST(BootKeyboardDecoderTest, ReportOfAnotherSizeFailsAndChangesNothing) {
  BootKeyboardDecoder d;
  Feed(d, {{0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00}});
  const std::vector<uint8_t> seven(7, 0);
  const std::vector<uint8_t> nine = {0x01, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00};
  for (const auto& report : {seven, nine}) {
    auto r = d.OnReport(report);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), "bad_hid_report");
  }
  Feed(d, {{0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00}});  // still held: no second a
  EXPECT_EQ(d.Flush(), (KeyboardScan{"a", 0}));
}

TEST(BootKeyboardDecoderTest, FlushEndsAScanWithoutEnter) {
  BootKeyboardDecoder d;
  EXPECT_EQ(d.Flush(), std::nullopt);
  Feed(d, {{0x00, 0x00, 0x1E, 0x00, 0x00, 0x00, 0x00, 0x00}, kUp});
  EXPECT_EQ(d.Flush(), (KeyboardScan{"1", 0}));
  EXPECT_EQ(d.Flush(), std::nullopt);
}

TEST(BootKeyboardDecoderTest, TextBeyondTheCapIsDropped) {
  BootKeyboardDecoder d(64);
  const Report x = {0x00, 0x00, 0x1B, 0x00, 0x00, 0x00, 0x00, 0x00};
  for (int i = 0; i < 64; ++i) Feed(d, {x, kUp});
  auto r = d.OnReport(x);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "scan_too_long");
  EXPECT_EQ(d.Flush(), std::nullopt);
}

TEST(BootKeyboardDecoderTest, RandomReportsNeverBreakTheDecoder) {
  std::mt19937 rng(7);
  BootKeyboardDecoder d;
  size_t scans = 0;
  for (int i = 0; i < 5000; ++i) {
    std::vector<uint8_t> report(rng() % 4 == 0 ? rng() % 12 : 8);
    for (auto& b : report) b = static_cast<uint8_t>(rng() % 3 == 0 ? rng() : rng() % 0x40);
    auto r = d.OnReport(report);
    if (!r.ok()) continue;
    for (const auto& e : *r) {
      if (const auto* scan = std::get_if<KeyboardScan>(&e)) {
        ++scans;
        for (const char c : scan->text) EXPECT_TRUE(c == '\t' || (c >= 0x20 && c < 0x7F));
      }
    }
  }
  EXPECT_GT(scans, 0u);
}

}  // namespace
}  // namespace gb::scanner
