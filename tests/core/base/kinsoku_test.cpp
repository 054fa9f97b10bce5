#include "core/base/kinsoku.h"

#include <gtest/gtest.h>

namespace gb::base {
namespace {

TEST(KinsokuTest, ClosingMarksMayNotStartALine) {
  for (char32_t cp : std::u32string_view(U"，。、）」』！？：；ー々ぁッ)],.")) {
    EXPECT_TRUE(IsNoLineStart(cp)) << static_cast<unsigned>(cp);
    EXPECT_FALSE(IsNoLineEnd(cp)) << static_cast<unsigned>(cp);
  }
  EXPECT_TRUE(IsNoLineStart(U'ｧ'));  // half-width small katakana
}

TEST(KinsokuTest, OpeningMarksMayNotEndALine) {
  for (char32_t cp : std::u32string_view(U"（「『【《“([{")) {
    EXPECT_TRUE(IsNoLineEnd(cp)) << static_cast<unsigned>(cp);
    EXPECT_FALSE(IsNoLineStart(cp)) << static_cast<unsigned>(cp);
  }
}

TEST(KinsokuTest, LettersAndHanMayDoEither) {
  for (char32_t cp : std::u32string_view(U"团购aЖ7 ")) {
    EXPECT_FALSE(IsNoLineStart(cp)) << static_cast<unsigned>(cp);
    EXPECT_FALSE(IsNoLineEnd(cp)) << static_cast<unsigned>(cp);
  }
}

}  // namespace
}  // namespace gb::base
