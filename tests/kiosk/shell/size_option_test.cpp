#include "kiosk/shell/size_option.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace gb::shell {
namespace {

TEST(SizeOptionTest, ReadsWidthAndHeightWithinTheLimits) {
  auto portrait = ParseSizeOption("1080x1920");
  ASSERT_TRUE(portrait.ok()) << portrait.status().ToString();
  EXPECT_EQ(*portrait, (ui::Size{1080, 1920}));
  auto smallest = ParseSizeOption("320x320");
  ASSERT_TRUE(smallest.ok()) << smallest.status().ToString();
  EXPECT_EQ(*smallest, (ui::Size{kMinScreenSide, kMinScreenSide}));
  auto largest = ParseSizeOption("7680x7680");
  ASSERT_TRUE(largest.ok()) << largest.status().ToString();
  EXPECT_EQ(*largest, (ui::Size{kMaxScreenSide, kMaxScreenSide}));
}

TEST(SizeOptionTest, RejectsBadTextNamingTheOptionTheTextAndWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "no 'x'"},
      {"1920", "no 'x'"},
      {"1920*1080", "no 'x'"},
      {"x1080", "width is not a whole number"},
      {"1920x", "height is not a whole number"},
      {"1920abcx1080", "width is not a whole number"},  // std::stoi read 1920
      {"1920x1080px", "height is not a whole number"},  // std::stoi read 1080
      {"1920x1080x3", "height is not a whole number"},
      {" 1920x1080", "width is not a whole number"},  // std::stoi skipped the space
      {"1920x 1080", "height is not a whole number"},
      {"+1920x1080", "width is not a whole number"},
      {"19.5x1080", "width is not a whole number"},
      {"1920X1080", "no 'x'"},
      {"319x1080", "width is out of range"},
      {"1920x7681", "height is out of range"},
      {"-1920x1080", "width is out of range"},
      {"99999999999999999999x1080", "width is out of range"},  // std::stoi threw
      {"1920x99999999999999999999", "height is out of range"},
  };
  for (const auto& [text, why] : cases) {
    auto r = ParseSizeOption(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().reason(), "bad_size") << text;
    const std::string& message = r.status().message();
    EXPECT_EQ(message.rfind("--size wants WxH", 0), 0u) << message;
    EXPECT_NE(message.find("not \"" + std::string(text) + "\""), std::string::npos) << message;
    EXPECT_NE(message.find(why), std::string::npos) << text << ": " << message;
  }
}

}  // namespace
}  // namespace gb::shell
