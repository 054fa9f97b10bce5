#include "drivers/scanner/wedge_decoder.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/core/voucher/test_support.h"

namespace gb::scanner {
namespace {

class WedgeDecoderTest : public ::testing::Test {
 protected:
  static WedgeDecoder Make(WedgeDecoder::Options options = {}) {
    auto d = WedgeDecoder::Create(options);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return std::move(d).value();
  }

  // Types text one key every per_key_ms from start, ticking every millisecond
  // in between as a UI loop would; returns the time of the last key.
  static int64_t Type(WedgeDecoder& d, std::string_view text, int64_t start, int64_t per_key_ms) {
    int64_t t = start;
    for (size_t i = 0; i < text.size(); ++i) {
      if (i > 0) {
        for (int64_t tick = t + 1; tick < t + per_key_ms; ++tick) d.OnTick(tick);
        t += per_key_ms;
      }
      d.OnChar(static_cast<char32_t>(static_cast<unsigned char>(text[i])), t);
    }
    return t;
  }

  static std::string TypedText(const std::vector<WedgeEvent>& events) {
    std::string all;
    for (const auto& e : events) {
      EXPECT_TRUE(std::holds_alternative<Typed>(e)) << "a scan where only typing was expected";
      if (const auto* typed = std::get_if<Typed>(&e)) all += typed->text;
    }
    return all;
  }

  const std::string voucher_ = std::string(voucher::test::Vectors()[0].text);
};

TEST_F(WedgeDecoderTest, VoucherTypedAt5msPerKeyWithEnterIsOneScan) {
  ASSERT_EQ(voucher_.size(), 151u);
  WedgeDecoder d = Make();
  const int64_t last = Type(d, voucher_, 1000, 5);
  EXPECT_TRUE(d.TakeEvents().empty()) << "nothing may leave before the scan ends";
  EXPECT_TRUE(d.holding());
  d.OnEnter(last + 5);
  EXPECT_EQ(d.TakeEvents(), std::vector<WedgeEvent>{Scanned{voucher_}});
  EXPECT_FALSE(d.holding());
}

TEST_F(WedgeDecoderTest, VoucherWithoutEnterIsScannedWhenThePauseEnds) {
  WedgeDecoder d = Make();
  const int64_t last = Type(d, voucher_, 1000, 5);
  d.OnTick(last + 119);
  EXPECT_TRUE(d.TakeEvents().empty());
  EXPECT_EQ(d.NextDeadline(), last + 120);
  d.OnTick(last + 120);
  EXPECT_EQ(d.TakeEvents(), std::vector<WedgeEvent>{Scanned{voucher_}});
  EXPECT_EQ(d.NextDeadline(), std::nullopt);
}

TEST_F(WedgeDecoderTest, PersonTypingAt150msPerKeyIsTypedNeverScanned) {
  WedgeDecoder d = Make();
  const int64_t last = Type(d, "1234", 0, 150);
  for (int64_t t = last + 1; t <= last + 150; ++t) d.OnTick(t);
  d.OnEnter(last + 300);
  const auto events = d.TakeEvents();
  EXPECT_EQ(TypedText(events), "1234");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), WedgeEvent(Typed{"", true}));
}

TEST_F(WedgeDecoderTest, PersonsKeyReachesTheFieldAfterMaxGap) {
  WedgeDecoder d = Make();
  d.OnChar(U'7', 0);
  EXPECT_EQ(d.NextDeadline(), 51);
  d.OnTick(50);
  EXPECT_TRUE(d.TakeEvents().empty());
  d.OnTick(51);
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Typed{"7", false}}));
}

TEST_F(WedgeDecoderTest, BurstShorterThanMinLengthIsTyped) {
  WedgeDecoder d = Make();
  const int64_t last = Type(d, "123", 0, 5);
  d.OnEnter(last + 5);
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Typed{"123", true}}));

  const int64_t last2 = Type(d, "456", 1000, 5);
  d.OnTick(last2 + 500);
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Typed{"456", false}}));
}

TEST_F(WedgeDecoderTest, SlowKeyInTheMiddleHandsTheRunBackAndStartsAnother) {
  WedgeDecoder d = Make();
  int64_t t = Type(d, "ABCDEF", 0, 5);
  t = Type(d, "GHIJ", t + 80, 5);  // 80 ms: slower than a scan, quicker than its end pause
  d.OnEnter(t + 5);
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Typed{"ABCDEF", false}, Scanned{"GHIJ"}}));
}

TEST_F(WedgeDecoderTest, EnterWithNoTextGoesToTheField) {
  WedgeDecoder d = Make();
  d.OnEnter(10);
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Typed{"", true}}));
}

TEST_F(WedgeDecoderTest, LateEnterAfterAScanWithoutEnterIsHandedBackAlone) {
  WedgeDecoder d = Make();
  const int64_t last = Type(d, "ABCDEFGH", 0, 5);
  d.OnEnter(last + 200);  // no tick in between: the pause is noticed here
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Scanned{"ABCDEFGH"}, Typed{"", true}}));
}

TEST_F(WedgeDecoderTest, TwoScansBackToBack) {
  WedgeDecoder d = Make();
  int64_t t = Type(d, voucher_, 0, 3);
  d.OnEnter(t + 3);
  t = Type(d, "7-1000-59198", t + 10, 3);
  d.OnEnter(t + 3);
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Scanned{voucher_}, Scanned{"7-1000-59198"}}));
}

TEST_F(WedgeDecoderTest, GapBoundaryIsInclusive) {
  struct Case {
    int64_t gap;
    bool scanned;
  };
  for (const Case c : {Case{1, true}, Case{50, true}, Case{51, false}, Case{119, false}}) {
    SCOPED_TRACE(c.gap);
    WedgeDecoder d = Make();
    const int64_t last = Type(d, "ABCDE", 0, c.gap);
    d.OnEnter(last + 1);
    const auto events = d.TakeEvents();
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(std::holds_alternative<Scanned>(events.back()), c.scanned);
  }
}

TEST_F(WedgeDecoderTest, RequireEnterNeverScansOnAPause) {
  WedgeDecoder d = Make({.require_enter = true});
  int64_t last = Type(d, "ABCDEFGH", 0, 5);
  d.OnTick(last + 1000);
  EXPECT_EQ(d.TakeEvents(), (std::vector<WedgeEvent>{Typed{"ABCDEFGH", false}}));
  last = Type(d, "ABCDEFGH", 2000, 5);
  d.OnEnter(last + 5);
  EXPECT_EQ(d.TakeEvents(), std::vector<WedgeEvent>{Scanned{"ABCDEFGH"}});
}

TEST_F(WedgeDecoderTest, TextInOneEventArrivesTogether) {
  WedgeDecoder d = Make();
  d.OnChar(std::string_view("GB1:"), 0);
  d.OnChar(std::string_view("\xC3\xA9\xFF"
                            "A"),
           0);  // é, a stray byte, A
  d.OnChar(U'\r', 2);
  EXPECT_EQ(d.TakeEvents(), std::vector<WedgeEvent>{Scanned{"GB1:\xC3\xA9\xEF\xBF\xBD"
                                                            "A"}});
}

TEST_F(WedgeDecoderTest, HeldKeyAutoRepeatIsHandedBackAtMaxLength) {
  WedgeDecoder d = Make({.max_length = 40});
  Type(d, std::string(45, 'x'), 0, 30);
  const auto events = d.TakeEvents();
  EXPECT_EQ(events, (std::vector<WedgeEvent>{Typed{std::string(40, 'x'), false}}));
}

TEST_F(WedgeDecoderTest, ClockGoingBackwardsCountsAsNoGap) {
  WedgeDecoder d = Make();
  d.OnChar(std::string_view("AB"), 1000);
  d.OnChar(std::string_view("CD"), 400);
  d.OnChar(U'E', 1040);
  d.OnEnter(1045);
  EXPECT_EQ(d.TakeEvents(), std::vector<WedgeEvent>{Scanned{"ABCDE"}});
}

TEST_F(WedgeDecoderTest, CreateRejectsOptionsThatCannotWork) {
  const WedgeDecoder::Options bad[] = {
      {.max_gap_ms = 0},
      {.max_gap_ms = 50, .end_pause_ms = 50},
      {.min_length = 0},
      {.min_length = 10, .max_length = 9},
  };
  for (const auto& options : bad) {
    auto d = WedgeDecoder::Create(options);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.status().reason(), "bad_wedge_options");
  }
}

}  // namespace
}  // namespace gb::scanner
