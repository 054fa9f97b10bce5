#include "sync/protocol/enroll_code.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "drivers/scanner/recognizer.h"

namespace gb::protocol {
namespace {

EnrollCode Sample() {
  EnrollCode c;
  c.expires_at = 1'800'000'900;
  c.host = "192.168.10.5";
  c.port = 8443;
  for (size_t i = 0; i < 32; ++i) c.cert_sha256[i] = static_cast<uint8_t>(0xA0 + i);
  for (size_t i = 0; i < 16; ++i) c.secret[i] = static_cast<uint8_t>(i * 17);
  return c;
}

TEST(EnrollCodeTest, RoundTripsAndUsesOnlyQrAlphanumericCharacters) {
  auto text = EncodeEnrollCode(Sample());
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->rfind("GBE1:", 0), 0u);
  for (char c : text->substr(5)) {
    EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) << c;
  }
  auto back = DecodeEnrollCode(*text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, Sample());
}

TEST(EnrollCodeTest, LowerCaseAndSurroundingWhitespaceAreAccepted) {
  std::string text = EncodeEnrollCode(Sample()).value();
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  auto back = DecodeEnrollCode("  " + lower + "\r\n");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, Sample());
}

TEST(EnrollCodeTest, TheScannerRecognisesIt) {
  std::string text = EncodeEnrollCode(Sample()).value();
  EXPECT_EQ(scanner::Recognize(text).kind, scanner::Kind::kEnrollmentCode);
}

TEST(EnrollCodeTest, EverySingleCharacterTypoIsCaught) {
  const std::string text = EncodeEnrollCode(Sample()).value();
  int caught = 0, tried = 0;
  for (size_t i = 5; i < text.size(); ++i) {
    for (char c : std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")) {
      if (c == text[i]) continue;
      std::string typo = text;
      typo[i] = c;
      ++tried;
      auto r = DecodeEnrollCode(typo);
      if (!r.ok()) {
        EXPECT_EQ(r.status().reason(), "bad_enroll_code");
        ++caught;
      }
    }
  }
  EXPECT_EQ(caught, tried);
}

TEST(EnrollCodeTest, BadInputNamesTheProblem) {
  const std::string good = EncodeEnrollCode(Sample()).value();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "start with GBE1:"},
      {"GBX1:ABC", "start with GBE1:"},
      {"GBE1:AB0C", "'0' at position 8"},
      {"GBE1:ABC", "too short"},
      {good.substr(0, good.size() - 8), "length does not match"},
      {good + "AAAA", "length does not match"},
  };
  for (const auto& [text, needle] : cases) {
    auto r = DecodeEnrollCode(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().reason(), "bad_enroll_code");
    EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
  }
  std::string changed = good;
  changed[10] = changed[10] == 'B' ? 'C' : 'B';
  auto r = DecodeEnrollCode(changed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("mistyped or damaged"), std::string::npos)
      << r.status().message();
}

TEST(EnrollCodeTest, EncodeRefusesWhatCouldNotBeDecoded) {
  EnrollCode c = Sample();
  c.host = "";
  EXPECT_EQ(EncodeEnrollCode(c).status().reason(), "bad_enroll_code");
  c.host = "a host";
  EXPECT_FALSE(EncodeEnrollCode(c).ok());
  c.host = std::string(254, 'h');
  EXPECT_FALSE(EncodeEnrollCode(c).ok());
  c = Sample();
  c.port = 0;
  EXPECT_FALSE(EncodeEnrollCode(c).ok());
  c = Sample();
  c.expires_at = -1;
  EXPECT_FALSE(EncodeEnrollCode(c).ok());
  c = Sample();
  c.host = std::string(253, 'h');
  auto text = EncodeEnrollCode(c);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(DecodeEnrollCode(*text).value(), c);
}

}  // namespace
}  // namespace gb::protocol
