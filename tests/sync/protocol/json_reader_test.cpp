#include "sync/protocol/json_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace gb::protocol {
namespace {

using nlohmann::json;

struct BadJsonCase {
  std::string text;
  size_t offset;  // of the first byte the parser cannot accept
};

TEST(ParseJsonTest, ReportsTheByteOffsetOfMalformedJson) {
  const BadJsonCase cases[] = {
      {"", 0}, {"{\"a\" 1}", 5}, {"[1,2,]", 5}, {"{} x", 3}, {"{\"a\":tru}", 8}, {"[\"\\u12\"]", 6},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = ParseJson(c.text);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), "bad_json");
    EXPECT_NE(r.status().message().find("byte " + std::to_string(c.offset) + ")"),
              std::string::npos)
        << r.status().message();
  }
}

TEST(ParseJsonTest, RefusesInvalidUtf8InStrings) {
  auto r = ParseJson("[\"\xff\"]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bad_json");
}

TEST(ParseJsonTest, AcceptsEscapesAndUnicode) {
  auto r = ParseJson(R"({"s": "caf\u00e9 \"q\" \ud83d\ude00 \n"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["s"], "caf\xc3\xa9 \"q\" \xf0\x9f\x98\x80 \n");
}

struct IntCase {
  std::string value;  // JSON text of the member, or "" for a missing member
  bool ok;
  std::string message;
};

TEST(FieldReaderTest, IntAcceptsOnlyIntegersInRange) {
  const IntCase cases[] = {
      {"1", true, ""},
      {"9223372036854775807", true, ""},
      {"0", false, "e.seq must be a positive integer"},
      {"-1", false, "e.seq must be a positive integer"},
      {"9223372036854775808", false, "e.seq must be a positive integer"},
      {"1.0", false, "e.seq must be a positive integer"},
      {"1e3", false, "e.seq must be a positive integer"},
      {"\"1\"", false, "e.seq must be a positive integer"},
      {"true", false, "e.seq must be a positive integer"},
      {"null", false, "e.seq must be a positive integer"},
      {"", false, "e.seq is missing (a positive integer)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    json object = c.value.empty() ? json::object() : json::parse("{\"seq\":" + c.value + "}");
    FieldReader r(object, "e", "bad_event");
    auto v = r.Int("seq", 1, std::numeric_limits<int64_t>::max());
    ASSERT_EQ(v.ok(), c.ok) << v.status().ToString();
    if (c.ok) {
      EXPECT_EQ(json(*v), object["seq"]);
    } else {
      EXPECT_EQ(v.status().reason(), "bad_event");
      EXPECT_EQ(v.status().message(), c.message);
    }
  }
}

TEST(FieldReaderTest, UintCoversTheFullUnsignedRange) {
  json object = json::parse(R"({"max": 18446744073709551615, "neg": -1, "big": 18446744073709551616,
                                "small": 4294967296})");
  FieldReader r(object, "p", "bad_payload");
  auto max = r.Uint("max", 1, std::numeric_limits<uint64_t>::max());
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(*max, std::numeric_limits<uint64_t>::max());
  EXPECT_FALSE(r.Uint("neg", 0, std::numeric_limits<uint64_t>::max()).ok());
  EXPECT_FALSE(r.Uint("big", 0, std::numeric_limits<uint64_t>::max()).ok());
  auto small = r.Uint("small", 0, std::numeric_limits<uint32_t>::max());
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.status().message(), "p.small must be an integer from 0 to 4294967295");
}

TEST(FieldReaderTest, UintAcceptsSignedNonNegativeValuesBuiltInCode) {
  json object = {{"seven", 7}, {"minus", -7}};
  ASSERT_TRUE(object["seven"].is_number_integer() && !object["seven"].is_number_unsigned());
  FieldReader r(object, "p", "bad_payload");
  EXPECT_EQ(*r.Uint("seven", 0, 10), 7u);
  EXPECT_FALSE(r.Uint("minus", 0, 10).ok());
}

TEST(FieldReaderTest, StringChecksTypeAndLengthInBytes) {
  json object = {{"empty", ""}, {"two", "\xc3\xa9"}, {"num", 5}};
  FieldReader r(object, "", "bad_batch");
  EXPECT_EQ(r.String("empty", 1, 8).status().message(), "empty must be a string of 1 to 8 bytes");
  EXPECT_EQ(r.String("two", 1, 1).status().message(), "two must be a string of exactly 1 bytes");
  EXPECT_EQ(*r.String("two", 2, 2), "\xc3\xa9");
  EXPECT_EQ(r.String("num", 0, 8).status().reason(), "bad_batch");
  EXPECT_EQ(r.String("none", 0, 8).status().message(),
            "none is missing (a string of 0 to 8 bytes)");
}

TEST(FieldReaderTest, BoolRefusesNumbers) {
  json object = {{"yes", true}, {"one", 1}};
  FieldReader r(object, "x", "bad_payload");
  EXPECT_TRUE(*r.Bool("yes"));
  EXPECT_EQ(r.Bool("one").status().message(), "x.one must be true or false");
}

TEST(FieldReaderTest, CheckObjectNamesTheUnknownMemberAndRefusesNonObjects) {
  json object = {{"seq", 1}, {"colour", "red"}};
  EXPECT_EQ(FieldReader(object, "events[0]", "bad_event").CheckObject({"seq"}).message(),
            "events[0].colour is not a known field");
  EXPECT_TRUE(FieldReader(object, "events[0]", "bad_event").CheckObject({"seq", "colour"}).ok());
  json array = json::array();
  EXPECT_EQ(FieldReader(array, "events[1]", "bad_event").CheckObject({}).message(),
            "events[1] must be a JSON object");
  EXPECT_EQ(FieldReader(array, "", "bad_batch").CheckObject({}).message(),
            "the body must be a JSON object");
}

}  // namespace
}  // namespace gb::protocol
