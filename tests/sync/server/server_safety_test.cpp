// Nothing a client sends ends the process, in the pure parts: every JSON
// reply is UTF-8 whatever it holds, a handler that throws is answered 500
// once and counted, strangers are limited per address, and the writer's
// queue is bounded in bytes and survives a failing group.
#include <gtest/gtest.h>

#include <future>

#include "core/base/text.h"
#include "sync/server/event_writer.h"
#include "sync/server/json_reply.h"
#include "sync/server/router.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::server {
namespace {

using nlohmann::json;

TEST(JsonReplyTest, InvalidUtf8IsReplacedNotThrown) {
  json body = {{"name", "Jos\xe9"}, {"nested", {{"k\xff", "v"}}}};
  EXPECT_THROW((void)body.dump(), json::type_error);  // what used to end the server
  const int64_t before = RepairedReplies();
  const std::string text = SafeDump(body, "/test");
  EXPECT_TRUE(base::IsValidUtf8(text));
  EXPECT_NE(text.find("Jos\xEF\xBF\xBD"), std::string::npos) << text;
  EXPECT_EQ(RepairedReplies(), before + 1);
  // Valid text is not counted and comes back as dump() gives it.
  const json valid = {{"a", "Журнал"}};
  EXPECT_EQ(SafeDump(valid), valid.dump() + "\n");
  EXPECT_EQ(RepairedReplies(), before + 1);
}

TEST(JsonReplyTest, AnErrorEchoingAClientsBytesIsBoundedAndValid) {
  const std::string path(8192, '\x90');
  Response r = ErrorResponse(base::Status::NotFound("no_route", "no route " + path));
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(base::IsValidUtf8(r.body));
  EXPECT_LT(r.body.size(), 1200u);
  EXPECT_EQ(json::parse(r.body)["error"], "no_route");
}

// A backend whose every answer is a trap.
class Hostile final : public Backend {
 public:
  std::optional<Principal> Authenticate(std::string_view token) override {
    if (token == "kiosk") return Principal{false, "kiosk-1"};
    return std::nullopt;
  }
  void SubmitEvents(protocol::Batch, EventsDone done) override { done(EventsOutcome{}); }
  base::Result<json> State(const Principal&, int64_t) override {
    return json{{"staff", {{{"name", "Jos\xe9"}}}}};  // a doctored row
  }
  base::Result<json> Tallies() override { throw std::runtime_error("a corrupt row"); }
  base::Result<json> Redeem(const RedeemCall&) override { return json{{"verdict", "UNKNOWN"}}; }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }
};

class RouterSafetyTest : public ::testing::Test {
 protected:
  std::vector<Response> Call(const std::string& target, const std::string& token,
                             const std::string& peer = "10.0.0.9") {
    Request req{"GET", target, token.empty() ? "" : "Bearer " + token, "", false, false, peer};
    if (target == "/v1/enroll") req.method = "POST";
    std::vector<Response> got;
    router_.Handle(req, [&got](Response r) { got.push_back(std::move(r)); });
    return got;
  }

  double now_ = 100;
  Hostile backend_;
  Metrics metrics_{[this] { return now_; }};
  RateLimiter per_address_{{.rate = 0.5, .burst = 3}, [this] { return now_; }};
  Router router_{backend_, metrics_, nullptr, &per_address_};
};

TEST_F(RouterSafetyTest, AHandlerThatThrowsIsAnswered500OnceAndCounted) {
  std::vector<Response> got = Call("/v1/tallies", "kiosk");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status, 500);
  EXPECT_EQ(json::parse(got[0].body)["error"], "internal");
  EXPECT_EQ(metrics_.failures("router"), 1);
  EXPECT_NE(metrics_.Text().find("gb_internal_failures_total{where=\"router\"} 1"),
            std::string::npos);
  // And the router goes on.
  EXPECT_EQ(Call("/healthz", "").at(0).status, 200);
}

TEST_F(RouterSafetyTest, ADoctoredNameIsReplacedInTheState) {
  std::vector<Response> got = Call("/v1/state", "kiosk");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status, 200);
  EXPECT_NE(got[0].body.find("Jos\xEF\xBF\xBD"), std::string::npos) << got[0].body;
}

TEST_F(RouterSafetyTest, AnAddressThatKeepsFailingGets429AndAGoodTokenStillGetsIn) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Call("/v1/tallies", "guess").at(0).status, 401);
  Response r = Call("/v1/tallies", "guess").at(0);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(json::parse(r.body)["error"], "too_many_failures");
  EXPECT_EQ(Call("/v1/enroll", "").at(0).status, 429);
  // Another address is not held back; nor is a good token from this one.
  EXPECT_EQ(Call("/v1/tallies", "guess", "10.0.0.10").at(0).status, 401);
  EXPECT_EQ(Call("/v1/state", "kiosk").at(0).status, 200);
  EXPECT_EQ(metrics_.limit_refusals("auth_failures"), 2);
  now_ += 2;  // one token back at 0.5/s
  EXPECT_EQ(Call("/v1/tallies", "guess").at(0).status, 401);
}

TEST(RateLimiterSafetyTest, BucketsOfManyAddressesAreSweptOnceFull) {
  double now = 0;
  RateLimiter limiter({.rate = 1, .burst = 2, .max_keys = 100}, [&now] { return now; });
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.Take("a" + std::to_string(i)).allowed);
  EXPECT_TRUE(limiter.Take("b").allowed);  // over max_keys: none full yet, all kept
  now += 10;  // every bucket refilled: forgetting them changes nothing
  for (int i = 0; i < 2; ++i) EXPECT_TRUE(limiter.Take("b").allowed);
  EXPECT_FALSE(limiter.Take("b").allowed) << "b's own bucket must survive the sweep";
}

class WriterSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = store::StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok());
    auto key = voucher::SigningKey::Generate();
    ASSERT_TRUE(key.ok());
    ASSERT_TRUE((*db)->AddKiosk({"kiosk-0", 1, key->Public().Pem(), store::Sha256("t"), 0, {}}).ok());
    ASSERT_TRUE((*db)->PutDeals({deal_}, test::kOpens).ok());
    key_.emplace(std::move(key).value());
    WriterOptions o;
    o.now = [] { return test::kOpens + 4000; };
    o.max_queue_bytes = 1000;
    writer_ = std::move(EventWriter::Create(std::move(db).value(), o)).value();
  }
  protocol::Batch BatchOf(int64_t seq) {
    return test::MakeBatch(
        {test::SignUp(*key_, 1, "kiosk-0", seq, static_cast<uint64_t>(seq), deal_)});
  }

  test::ScopedTempDir tmp_;
  rules::Deal deal_ = test::MakeDeal(42, 100);
  std::optional<voucher::SigningKey> key_;
  std::unique_ptr<EventWriter> writer_;
};

TEST_F(WriterSafetyTest, TheQueueIsBoundedInBytesAndAFailingGroupDoesNotEndTheWriter) {
  std::promise<void> holding, release;
  std::shared_future<void> go = release.get_future().share();
  // The first batch's answer throws after holding the writer: the writer
  // must catch it and go on.
  writer_->Submit(BatchOf(1), [&](base::Result<EventsOutcome> r) {
    if (!r.ok()) return;  // the writer's own 500 after the throw
    holding.set_value();
    go.wait();
    throw std::runtime_error("a reply that could not be built");
  }, 10);
  holding.get_future().wait();
  std::promise<base::Status> second;
  writer_->Submit(BatchOf(2), [&](base::Result<EventsOutcome> r) { second.set_value(r.status()); },
                  800);
  EXPECT_EQ(writer_->queued_bytes(), 800u);
  base::Status third;
  writer_->Submit(BatchOf(3), [&](base::Result<EventsOutcome> r) { third = r.status(); }, 300);
  EXPECT_EQ(third.reason(), "overloaded");
  release.set_value();
  EXPECT_TRUE(second.get_future().get().ok());
  EXPECT_EQ(writer_->failures(), 1);
  EXPECT_EQ(writer_->queued_bytes(), 0u);
  EXPECT_TRUE(writer_->Health().ok()) << writer_->Health().ToString();
}

}  // namespace
}  // namespace gb::server
