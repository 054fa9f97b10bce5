#include "core/rules/phone.h"

#include <gtest/gtest.h>

namespace gb::rules {
namespace {

TEST(PhoneTest, NormalisesToE164) {
  struct Row {
    const char* typed;
    const char* country;
    const char* e164;
  };
  const Row rows[] = {
      {"+49 151 2345 6789", "DE", "+4915123456789"},
      {"0151 2345-6789", "DE", "+4915123456789"},
      {"0049 151 23456789", "DE", "+4915123456789"},
      {"(030) 123456", "DE", "+4930123456"},
      {"8 (916) 123-45-67", "RU", "+79161234567"},
      {"916 123 45 67", "RU", "+79161234567"},
      {"+7 916 123 45 67", "DE", "+79161234567"},
      {"138 0013 8000", "CN", "+8613800138000"},
      {"1 (212) 555-0123", "US", "+12125550123"},
      {"212.555.0123", "US", "+12125550123"},
      {"07700 900123", "GB", "+447700900123"},
  };
  for (const Row& r : rows) {
    auto got = NormalizePhone(r.typed, r.country);
    ASSERT_TRUE(got.ok()) << r.typed << ": " << got.status().ToString();
    EXPECT_EQ(*got, r.e164) << r.typed;
  }
}

TEST(PhoneTest, RejectsWhatIsNotANumber) {
  struct Row {
    const char* typed;
    const char* country;
    const char* reason;
  };
  const Row rows[] = {
      {"", "DE", "bad_phone"},          {"   ", "DE", "bad_phone"},
      {"0151 abc", "DE", "bad_phone"},  {"12345", "DE", "bad_phone"},
      {"+1234567890123456", "DE", "bad_phone"},
      {"++49151234567", "DE", "bad_phone"},
      {"916 123 45 6", "RU", "bad_phone"},
      {"+0 151 23456789", "DE", "bad_phone"},
      {"0151 23456789", "XX", "unknown_country"},
  };
  for (const Row& r : rows) {
    auto got = NormalizePhone(r.typed, r.country);
    ASSERT_FALSE(got.ok()) << r.typed;
    EXPECT_EQ(got.status().reason(), r.reason) << r.typed;
  }
}

TEST(PhoneTest, ErrorsNeverEchoTheNumber) {
  auto got = NormalizePhone("0151 2345 678x", "DE");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message().find("2345"), std::string::npos);
}

}  // namespace
}  // namespace gb::rules
