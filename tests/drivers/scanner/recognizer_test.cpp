#include "drivers/scanner/recognizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "tests/core/voucher/test_support.h"

namespace gb::scanner {
namespace {

using voucher::test::Vectors;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

TEST(RecognizerTest, EveryTestVectorIsAVoucherAndItsShortCodeAShortCode) {
  for (const auto& v : Vectors()) {
    SCOPED_TRACE(v.name);
    const Recognized r = Recognize(v.text);
    EXPECT_EQ(r.kind, Kind::kVoucher);
    EXPECT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.text, v.text);
    EXPECT_TRUE(r.warning.empty());
    ASSERT_TRUE(r.voucher.has_value());
    EXPECT_EQ(r.voucher->body, v.body);

    const Recognized s = Recognize(v.short_code);
    EXPECT_EQ(s.kind, Kind::kShortCode);
    EXPECT_TRUE(s.status.ok()) << s.status.ToString();
    ASSERT_TRUE(s.short_code.has_value());
    EXPECT_EQ(s.short_code->key_id, v.body.key_id);
    EXPECT_EQ(s.short_code->serial, v.body.serial);
  }
}

TEST(RecognizerTest, ScannerSuffixIsTrimmed) {
  const std::string text(Vectors()[0].text);
  for (const char* suffix : {"\r", "\n", "\r\n", " ", " \r\n", "\n\n"}) {
    SCOPED_TRACE(testing::PrintToString(std::string(suffix)));
    const Recognized r = Recognize(text + suffix);
    EXPECT_EQ(r.kind, Kind::kVoucher);
    EXPECT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.text, text);
  }
  EXPECT_EQ(Recognize("7-1000-59198\r\n").kind, Kind::kShortCode);
  EXPECT_TRUE(Recognize("7-1000-59198\r\n").status.ok());
}

TEST(RecognizerTest, DamagedVoucherIsAVoucherWithParsesReason) {
  struct Case {
    size_t at;
    char to;
    const char* reason;
  };
  // vector 1 begins "GB1:V50": the triple V50 is 0x0100, the version byte and
  // the first key_id byte.
  const Case cases[] = {
      {5, '4', "unknown_version"},    // V40 = 0x00D3: version 0
      {6, 'Z', "bad_base45_triple"},  // V5Z is over 65535
      {10, '#', "bad_base45"},        // not in the alphabet
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.reason);
    std::string text(Vectors()[0].text);
    ASSERT_NE(text[c.at], c.to);
    text[c.at] = c.to;
    const Recognized r = Recognize(text);
    EXPECT_EQ(r.kind, Kind::kVoucher);
    EXPECT_FALSE(r.status.ok());
    EXPECT_EQ(r.status.reason(), c.reason);
    EXPECT_FALSE(r.voucher.has_value());
  }
  const Recognized cut = Recognize(Vectors()[0].text.substr(0, 100));
  EXPECT_EQ(cut.kind, Kind::kVoucher);
  EXPECT_FALSE(cut.status.ok());
}

TEST(RecognizerTest, LowerCaseVoucherIsServedAndFlagsTheScanner) {
  const std::string text(Vectors()[1].text);
  const Recognized r = Recognize(Lower(text) + "\r");
  EXPECT_EQ(r.kind, Kind::kVoucher);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.text, text);
  EXPECT_EQ(r.warning, kWarningScannerLowercase);
  ASSERT_TRUE(r.voucher.has_value());
  EXPECT_EQ(r.voucher->body, Vectors()[1].body);

  std::string damaged = Lower(text);
  damaged[10] = '#';
  const Recognized d = Recognize(damaged);
  EXPECT_EQ(d.kind, Kind::kVoucher);
  EXPECT_EQ(d.status.reason(), "bad_base45");
  EXPECT_EQ(d.warning, kWarningScannerLowercase);
}

TEST(RecognizerTest, ShortCodesAreCheckedWithTheirCheckDigit) {
  struct Case {
    const char* text;
    const char* reason;  // "" for ok
  };
  const Case cases[] = {
      {"7-1000-59198", ""},
      {"7 - 1000 - 59198", ""},
      {"7-1000-59199", "short_code_check"},
      {"7-1000-95198", "short_code_check"},
      {"07-1000-59198", "bad_short_code"},
      {"7-1000-5919", "bad_short_code"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Recognized r = Recognize(c.text);
    EXPECT_EQ(r.kind, Kind::kShortCode);
    EXPECT_EQ(r.status.reason(), c.reason);
    EXPECT_EQ(r.short_code.has_value(), r.status.ok());
  }
}

TEST(RecognizerTest, EnrollmentCodeIsCarriedAsScanned) {
  const Recognized r = Recognize("GBE1:K7$PROVISION-42\n");
  EXPECT_EQ(r.kind, Kind::kEnrollmentCode);
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(r.text, "GBE1:K7$PROVISION-42");
  EXPECT_TRUE(r.warning.empty());

  const Recognized lower = Recognize("gbe1:k7$provision-42");
  EXPECT_EQ(lower.kind, Kind::kEnrollmentCode);
  EXPECT_EQ(lower.text, "gbe1:k7$provision-42");
  EXPECT_EQ(lower.warning, kWarningScannerLowercase);
}

TEST(RecognizerTest, AnythingElseIsUnknown) {
  for (const char* text : {"", "\r\n", "hello", "4006381333931", "12-34", "1-2-3-4", "1--2", "-1-2",
                           "GB1", "GB2:ABC", " GB1:V50000"}) {
    SCOPED_TRACE(testing::PrintToString(std::string(text)));
    const Recognized r = Recognize(text);
    EXPECT_EQ(r.kind, Kind::kUnknown);
    EXPECT_EQ(r.status.reason(), "unknown_scan");
  }
}

TEST(RecognizerTest, KindsHaveStableNames) {
  EXPECT_EQ(KindName(Kind::kVoucher), "voucher");
  EXPECT_EQ(KindName(Kind::kShortCode), "short_code");
  EXPECT_EQ(KindName(Kind::kEnrollmentCode), "enrollment_code");
  EXPECT_EQ(KindName(Kind::kUnknown), "unknown");
}

}  // namespace
}  // namespace gb::scanner

namespace gb::scanner {
namespace {

TEST(RecognizerDealLinkTest, AShelfCardOpensItsDeal) {
  Recognized r = Recognize("GBD1:42\r\n");
  EXPECT_EQ(r.kind, Kind::kDealLink);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.deal_id, 42u);
  EXPECT_EQ(KindName(r.kind), "deal_link");
  for (const char* bad : {"GBD1:", "GBD1:x", "GBD1:0", "GBD1:99999999999", "GBD1:4-2"}) {
    Recognized b = Recognize(bad);
    EXPECT_EQ(b.kind, Kind::kDealLink) << bad;
    EXPECT_EQ(b.status.reason(), "bad_deal_link") << bad;
    EXPECT_FALSE(b.deal_id) << bad;
  }
}

}  // namespace
}  // namespace gb::scanner
