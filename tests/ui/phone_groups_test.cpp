// Phone numbers grouped as typed: the country code alone, national digits
// in readable groups, every prefix of a number grouped as it grows.
#include "ui/views/phone_groups.h"

#include <gtest/gtest.h>

#include <string>

namespace gb::views {
namespace {

TEST(PhoneGroupsTest, WholeNumbersReadAsPeopleWriteThem) {
  const struct {
    const char* typed;
    const char* shown;
  } cases[] = {
      {"+4915123456789", "+49 151 2345 6789"},  // Germany, mobile
      {"+79161234567", "+7 916 123 4567"},      // Russia
      {"+8613812345678", "+86 138 1234 5678"},  // China, mobile
      {"+12025550123", "+1 202 555 0123"},      // North America
      {"+3531234567", "+353 123 4567"},         // Ireland: a three-digit code
      {"015123456789", "015 123 456 789"},      // no country code
      {"01512345", "0151 2345"},
      {"0151", "0151"},
      {"", ""},
      {"+", "+"},
  };
  for (const auto& c : cases) EXPECT_EQ(GroupedPhone(c.typed), c.shown) << c.typed;
}

TEST(PhoneGroupsTest, EveryPrefixIsGroupedAndKeepsItsDigits) {
  const std::string number = "+4915123456789";
  for (std::size_t n = 0; n <= number.size(); ++n) {
    const std::string typed = number.substr(0, n);
    const std::string shown = GroupedPhone(typed);
    std::string digits;
    for (char c : shown) {
      if (c != ' ') digits += c;
    }
    EXPECT_EQ(digits, typed) << "grouping adds only spaces";
    EXPECT_EQ(shown.find("  "), std::string::npos) << shown;
    EXPECT_FALSE(shown.ends_with(' ')) << shown;
  }
  EXPECT_EQ(GroupedPhone("+49"), "+49");
  EXPECT_EQ(GroupedPhone("+491"), "+49 1");
}

TEST(PhoneGroupsTest, AnythingButDigitsIsLeftAlone) {
  EXPECT_EQ(GroupedPhone("12a4"), "12a4");
  EXPECT_EQ(GroupedPhone("++1"), "++1");
}

}  // namespace
}  // namespace gb::views
