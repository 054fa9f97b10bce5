#include "sync/protocol/batch_codec.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/sync/protocol/sample_events.h"

namespace gb::protocol {
namespace {

using nlohmann::json;
using test::kOrigin;
using test::MakeEvent;
using test::SampleEvents;

json SampleBody() { return json::parse(EncodeBatch(SampleEvents())); }

std::vector<Event> CancelEvents(size_t n) {
  std::vector<Event> events;
  for (size_t i = 1; i <= n; ++i) {
    events.push_back(
        MakeEvent(static_cast<int64_t>(i), kCancel, ToJson(CancelPayload{7, i, 1767200000})));
  }
  return events;
}

TEST(BatchCodecTest, DecodesWhatItEncodes) {
  std::vector<Event> events = SampleEvents();
  auto batch = DecodeBatch(EncodeBatch(events));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->origin, kOrigin);
  EXPECT_EQ(batch->events, events);
}

TEST(BatchCodecTest, SendsTheOriginOncePerBatch) {
  json body = SampleBody();
  EXPECT_EQ(body.size(), 2u);
  EXPECT_EQ(body["origin"], kOrigin);
  ASSERT_EQ(body["events"].size(), 4u);
  const json& first = body["events"][0];
  EXPECT_EQ(first.size(), 4u);
  EXPECT_EQ(first["seq"], 1);
  EXPECT_EQ(first["type"], "sign_up");
  EXPECT_EQ(first["at"], 1767100001);
  EXPECT_EQ(first["payload"]["serial"], 1000);
  EXPECT_FALSE(first.contains("origin"));
}

TEST(BatchCodecTest, AcceptsGapsBetweenSequenceNumbers) {
  std::vector<Event> events = SampleEvents();
  events[1].seq = 10;
  events[2].seq = 11;
  events[3].seq = 500;
  auto batch = DecodeBatch(EncodeBatch(events));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->events.back().seq, 500);
}

TEST(BatchCodecTest, KeepsUnicodeAndEscapesIntact) {
  const std::string place =
      "Caf\xc3\xa9 \xc2\xab\xd0\x9e\xd1\x81\xd1\x82\xc2\xbb \xe6\x9d\xb1"
      "\xe4\xba\xac \"12\"\\ \n\t\x01 \xf0\x9f\x98\x80";
  std::vector<Event> events = {
      MakeEvent(1, kRedeem, ToJson(RedeemPayload{7, 1000, 1767200000, place, false}))};
  events[0].origin = "\xd0\xba\xd0\xb8\xd0\xbe\xd1\x81\xd0\xba-1";
  auto batch = DecodeBatch(EncodeBatch(events));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->events, events);
  EXPECT_EQ(batch->events[0].payload["place"], place);

  // The same text written with JSON escapes decodes to the same bytes.
  auto escaped = DecodeBatch(
      R"({"origin":"\u043a\u0438\u043e\u0441\u043a-1","events":[{"seq":1,"type":"redeem",)"
      R"("at":1767100001,"payload":{"key_id":7,"serial":1000,"at":1767200000,)"
      R"("place":"Caf\u00e9 \u00ab\u041e\u0441\u0442\u00bb \u6771\u4eac \"12\"\\ \n\t\u0001 )"
      R"(\ud83d\ude00","offline":false}}]})");
  ASSERT_TRUE(escaped.ok()) << escaped.status().ToString();
  EXPECT_EQ(escaped->events, events);
}

struct ErrorCase {
  std::string name;
  std::function<void(json&)> mutate;
  std::string reason;
  std::string message;  // the start of the message
};

TEST(BatchCodecTest, RefusesInvalidBatchesNamingTheField) {
  const ErrorCase cases[] = {
      {"array body", [](json& b) { b = json::array(); }, "bad_batch",
       "the body must be a JSON object"},
      {"extra member", [](json& b) { b["version"] = 1; }, "bad_batch",
       "version is not a known field"},
      {"no origin", [](json& b) { b.erase("origin"); }, "bad_batch", "origin is missing"},
      {"numeric origin", [](json& b) { b["origin"] = 1; }, "bad_batch", "origin must be a string"},
      {"long origin", [](json& b) { b["origin"] = std::string(129, 'k'); }, "bad_batch",
       "origin must be a string of 1 to 128 bytes"},
      {"no events", [](json& b) { b.erase("events"); }, "bad_batch", "events is missing"},
      {"empty events", [](json& b) { b["events"] = json::array(); }, "bad_batch",
       "events must be a non-empty array"},
      {"events object", [](json& b) { b["events"] = json::object(); }, "bad_batch",
       "events must be a non-empty array"},
      {"event not object", [](json& b) { b["events"][1] = 5; }, "bad_event",
       "events[1] must be a JSON object"},
      {"string seq", [](json& b) { b["events"][3]["seq"] = "4"; }, "bad_event",
       "events[3].seq must be a positive integer"},
      {"zero seq", [](json& b) { b["events"][0]["seq"] = 0; }, "bad_event",
       "events[0].seq must be a positive integer"},
      {"no type", [](json& b) { b["events"][2].erase("type"); }, "bad_event",
       "events[2].type is missing"},
      {"negative at", [](json& b) { b["events"][0]["at"] = -5; }, "bad_event",
       "events[0].at must be a non-negative integer"},
      {"array payload", [](json& b) { b["events"][1]["payload"] = json::array(); }, "bad_event",
       "events[1].payload must be a JSON object"},
      {"no payload", [](json& b) { b["events"][1].erase("payload"); }, "bad_event",
       "events[1].payload is missing"},
      {"origin per event", [](json& b) { b["events"][0]["origin"] = "kiosk-1"; }, "bad_event",
       "events[0].origin is not a known field"},
      {"repeated seq", [](json& b) { b["events"][2]["seq"] = 2; }, "bad_sequence",
       "events[2].seq 2 is not greater than events[1].seq 2"},
      {"decreasing seq", [](json& b) { b["events"][3]["seq"] = 1; }, "bad_sequence",
       "events[3].seq 1 is not greater than events[2].seq 3"},
      {"unknown type", [](json& b) { b["events"][2]["type"] = "transfer"; }, "unknown_event_type",
       "events[2].type is not a known event type"},
      {"voucher disagrees", [](json& b) { b["events"][0]["payload"]["serial"] = 999; },
       "bad_payload", "events[0].payload.serial differs from the voucher's serial"},
      {"payload origin", [](json& b) { b["origin"] = "kiosk-2"; }, "bad_payload",
       "events[0].payload.origin must equal the batch origin"},
      {"negative amount", [](json& b) { b["events"][1]["payload"]["amount"] = -1; }, "bad_payload",
       "events[1].payload.amount must be a positive integer"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    json body = SampleBody();
    c.mutate(body);
    auto r = DecodeBatch(body.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), c.reason);
    EXPECT_EQ(r.status().message().rfind(c.message, 0), 0u) << r.status().message();
  }
}

TEST(BatchCodecTest, RefusesMalformedJsonWithItsPosition) {
  std::string body = EncodeBatch(SampleEvents());
  body.insert(10, "}");
  auto r = DecodeBatch(body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::Code::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "bad_json");
  EXPECT_NE(r.status().message().find("byte 10"), std::string::npos) << r.status().message();
}

TEST(BatchCodecTest, AcceptsABodyOfExactlyTheLimitAndRefusesOneByteMore) {
  for (size_t limit : {size_t{4096}, DecodeLimits{}.max_body_bytes}) {
    SCOPED_TRACE(limit);
    DecodeLimits limits;
    limits.max_body_bytes = limit;
    std::string body = EncodeBatch(SampleEvents());
    ASSERT_LT(body.size(), limit);
    body.resize(limit, ' ');  // trailing whitespace is valid JSON
    EXPECT_TRUE(DecodeBatch(body, limits).ok());
    body.push_back(' ');
    auto r = DecodeBatch(body, limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::Code::kResourceExhausted);
    EXPECT_EQ(r.status().reason(), "too_large");
    EXPECT_NE(r.status().message().find(std::to_string(limit + 1)), std::string::npos);
  }
}

TEST(BatchCodecTest, AcceptsExactlyMaxEventsAndRefusesOneMore) {
  for (size_t max : {size_t{4}, DecodeLimits{}.max_events}) {
    SCOPED_TRACE(max);
    DecodeLimits limits;
    limits.max_events = max;
    auto ok = DecodeBatch(EncodeBatch(CancelEvents(max)), limits);
    ASSERT_TRUE(ok.ok()) << ok.status().ToString();
    EXPECT_EQ(ok->events.size(), max);
    auto r = DecodeBatch(EncodeBatch(CancelEvents(max + 1)), limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), "too_many_events");
    EXPECT_NE(r.status().message().find(std::to_string(max + 1)), std::string::npos);
  }
}

TEST(BatchCodecTest, RefusesDeeplyNestedJsonWithoutOverflowingTheStack) {
  const size_t depth = DecodeLimits{}.max_body_bytes / 2 - 100;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  auto top = DecodeBatch(deep);
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.status().reason(), "bad_batch");

  std::string nested;
  for (size_t i = 0; i < depth / 6; ++i) nested += R"({"a":)";
  nested += "1" + std::string(depth / 6, '}');
  auto payload = DecodeBatch(R"({"origin":"kiosk-1","events":[{"seq":1,"type":"cancel","at":1,)"
                             R"("payload":)" +
                             nested + "}]}");
  ASSERT_FALSE(payload.ok());
  EXPECT_EQ(payload.status().reason(), "bad_payload");
  EXPECT_EQ(payload.status().message(), "events[0].payload.a is not a known field");
}

// Random damage to a valid body never crashes, never yields an unknown
// reason, and whatever still decodes survives a second round trip.
TEST(BatchCodecTest, SurvivesRandomMutations) {
  const std::set<std::string> reasons = {"bad_json",       "bad_batch",   "bad_event",
                                         "bad_sequence",   "bad_payload", "unknown_event_type",
                                         "too_many_events"};
  const std::string valid = EncodeBatch(SampleEvents());
  const std::string alphabet = "{}[]\":,0123456789-.eE \\u\xc3\xa9tfnalsr";
  std::mt19937 rng(20261122);
  int decoded = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string body = valid;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits && !body.empty(); ++k) {
      size_t at = rng() % body.size();
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 4) {
        case 0:
          body[at] = c;
          break;
        case 1:
          body.insert(at, 1, c);
          break;
        case 2:
          body.erase(at, 1 + rng() % 8);
          break;
        default:
          body[at] = static_cast<char>(rng() % 256);
          break;
      }
    }
    auto r = DecodeBatch(body);
    if (!r.ok()) {
      ASSERT_TRUE(reasons.count(r.status().reason())) << r.status().ToString() << "\n" << body;
      ASSERT_EQ(r.status().code(), base::Code::kInvalidArgument);
      ASSERT_FALSE(r.status().message().empty());
      continue;
    }
    ++decoded;
    auto again = DecodeBatch(EncodeBatch(r->events));
    ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << body;
    ASSERT_EQ(*again, *r) << body;
  }
  // Some mutations only touch whitespace-free values (a digit of a time):
  // the loop must exercise the success path too, not only the refusals.
  EXPECT_GT(decoded, 0);
}

}  // namespace
}  // namespace gb::protocol
