#include "sync/protocol/ack.h"

#include <gtest/gtest.h>

#include <string>

namespace gb::protocol {
namespace {

TEST(AckTest, DecodesWhatItEncodes) {
  for (int64_t seq : {int64_t{0}, int64_t{1}, int64_t{9223372036854775807}}) {
    std::string body = EncodeAck({seq});
    auto ack = DecodeAck(body);
    ASSERT_TRUE(ack.ok()) << ack.status().ToString();
    EXPECT_EQ(ack->acked_seq, seq);
  }
  EXPECT_EQ(EncodeAck({42}), R"({"acked_seq":42})");
}

struct AckCase {
  std::string body;
  std::string reason;
  std::string message;  // the start of the message
};

TEST(AckTest, RefusesAnythingButOneNonNegativeSeq) {
  const AckCase cases[] = {
      {"", "bad_json", "the body is not valid JSON"},
      {R"({"acked_seq":})", "bad_json", "the body is not valid JSON (error at byte 13)"},
      {"[]", "bad_ack", "the body must be a JSON object"},
      {"{}", "bad_ack", "acked_seq is missing (a non-negative integer)"},
      {R"({"acked_seq":-1})", "bad_ack", "acked_seq must be a non-negative integer"},
      {R"({"acked_seq":1.5})", "bad_ack", "acked_seq must be a non-negative integer"},
      {R"({"acked_seq":"7"})", "bad_ack", "acked_seq must be a non-negative integer"},
      {R"({"acked_seq":9223372036854775808})", "bad_ack",
       "acked_seq must be a non-negative integer"},
      {R"({"acked_seq":7,"error":"x"})", "bad_ack", "error is not a known field"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto r = DecodeAck(c.body);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), c.reason);
    EXPECT_EQ(r.status().message().rfind(c.message, 0), 0u) << r.status().message();
  }
}

TEST(AckTest, AcceptsTheSizeLimitAndRefusesOneByteMore) {
  std::string body = EncodeAck({7});
  body.resize(kMaxAckBytes, ' ');
  EXPECT_TRUE(DecodeAck(body).ok());
  body.push_back(' ');
  auto r = DecodeAck(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::Code::kResourceExhausted);
  EXPECT_EQ(r.status().reason(), "too_large");
}

}  // namespace
}  // namespace gb::protocol
