#include "sync/client/uploader.h"

#include <gtest/gtest.h>

#include "tests/sync/client/fakes.h"

namespace gb::sync_client {
namespace {

using testing::CancelEvent;
using testing::FakeServer;
using testing::MemoryCursor;
using testing::VectorOutbox;
using Kind = StepResult::Kind;

class UploaderTest : public ::testing::Test {
 protected:
  void Fill(int n) {
    for (int i = 1; i <= n; ++i) outbox.Append(CancelEvent(i));
  }
  Uploader Make(int batch_limit = 200) {
    UploadOptions o;
    o.batch_limit = batch_limit;
    o.now = [] { return int64_t{1'800'000'000}; };
    auto u = Uploader::Create(outbox, cursor, server, o);
    EXPECT_TRUE(u.ok());
    return std::move(u).value();
  }
  // Steps until idle or an error; returns the number of steps taken.
  int Drain(Uploader& u) {
    for (int i = 0; i < 1000; ++i) {
      auto r = u.Step();
      if (!r.ok() || r->kind == Kind::kIdle) return i;
    }
    ADD_FAILURE() << "did not drain";
    return -1;
  }

  VectorOutbox outbox;
  MemoryCursor cursor;
  FakeServer server;
};

TEST_F(UploaderTest, NothingToSendIsIdleAndSendsNothing) {
  Uploader u = Make();
  auto r = u.Step();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, Kind::kIdle);
  EXPECT_TRUE(server.requests.empty());
}

TEST_F(UploaderTest, SendsInBatchesAndSavesTheCursorAfterEachAck) {
  Fill(25);
  Uploader u = Make(10);
  auto r = u.Step();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, Kind::kSent);
  EXPECT_EQ(r->acked, 10);
  EXPECT_EQ(cursor.saved.acked_seq, 10);
  EXPECT_EQ(server.requests[0].method, "POST");
  EXPECT_EQ(server.requests[0].target, "/v1/events");
  EXPECT_EQ(Drain(u), 2);
  EXPECT_EQ(cursor.saved.acked_seq, 25);
  EXPECT_EQ(server.stored.size(), 25u);
  EXPECT_EQ(server.requests.size(), 3u);  // 10 + 10 + 5; finding nothing left sends nothing
}

TEST_F(UploaderTest, ResumesFromTheSavedCursorAfterARestart) {
  Fill(30);
  cursor.saved.acked_seq = 20;
  Uploader u = Make();
  ASSERT_TRUE(u.Step().ok());
  auto batch = protocol::DecodeBatch(server.requests[0].body);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->events.front().seq, 21);
  EXPECT_EQ(batch->events.size(), 10u);
}

TEST_F(UploaderTest, APartialAckResendsTheRest) {
  Fill(5);
  server.scripted.push_back(HttpReply{200, R"({"acked_seq":3})", ""});
  Uploader u = Make();
  auto r = u.Step();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->acked, 3);
  EXPECT_EQ(cursor.saved.acked_seq, 3);
  ASSERT_TRUE(u.Step().ok());
  auto batch = protocol::DecodeBatch(server.requests[1].body);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->events.front().seq, 4);
}

TEST_F(UploaderTest, AnAckPastWhatWasSentMovesOnlyToTheLastSent) {
  Fill(3);
  server.scripted.push_back(HttpReply{200, R"({"acked_seq":99})", ""});
  Uploader u = Make();
  ASSERT_TRUE(u.Step().ok());
  EXPECT_EQ(cursor.saved.acked_seq, 3);
}

TEST_F(UploaderTest, AnAckBehindTheCursorIsAnErrorAndMovesNothing) {
  Fill(3);
  cursor.saved.acked_seq = 2;
  server.scripted.push_back(HttpReply{200, R"({"acked_seq":1})", ""});
  Uploader u = Make();
  auto r = u.Step();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "ack_behind");
  EXPECT_EQ(u.cursor().acked_seq, 2);
}

TEST_F(UploaderTest, AMalformedAckIsAnErrorAndMovesNothing) {
  Fill(3);
  server.scripted.push_back(HttpReply{200, "<html>proxy</html>", ""});
  Uploader u = Make();
  auto r = u.Step();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bad_json");
  EXPECT_EQ(cursor.saves, 0);
}

TEST_F(UploaderTest, ErrorRepliesAndNoReplyMoveNothing) {
  Fill(3);
  const std::vector<std::pair<int, std::string>> cases = {
      {401, "unauthorized"}, {403, "forbidden"}, {429, "rate_limited"},
      {500, "server_error"}, {503, "server_error"}, {302, "server_error"}};
  Uploader u = Make();
  for (const auto& [code, reason] : cases) {
    server.scripted.push_back(HttpReply{code, R"({"reason":"x","message":"no"})", ""});
    auto r = u.Step();
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.status().reason(), reason) << code;
  }
  server.scripted.push_back(base::Status::Error(base::Code::kDeadlineExceeded, "timeout", "slow"));
  auto r = u.Step();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "timeout");
  EXPECT_EQ(cursor.saves, 0);
  EXPECT_EQ(Drain(u), 1);  // the server works again: everything goes
  EXPECT_EQ(cursor.saved.acked_seq, 3);
}

TEST_F(UploaderTest, ARefusedEventIsIsolatedPoisonedAndDoesNotBlockTheOthers) {
  Fill(10);
  server.poison = {6};
  Uploader u = Make();
  EXPECT_GT(Drain(u), 0);
  EXPECT_EQ(cursor.saved.acked_seq, 10);
  ASSERT_EQ(cursor.saved.poisoned.size(), 1u);
  const Poisoned& p = cursor.saved.poisoned[0];
  EXPECT_EQ(p.seq, 6);
  EXPECT_EQ(p.type, "cancel");
  EXPECT_EQ(p.http_status, 400);
  EXPECT_EQ(p.reason, "bad_payload");
  EXPECT_EQ(p.message, "events[0].payload.serial is wrong");
  EXPECT_EQ(p.at, 1'800'000'000);
  EXPECT_EQ(server.stored, (std::vector<int64_t>{1, 2, 3, 4, 5, 7, 8, 9, 10}));
  // After the culprit is passed, batches are whole again.
  for (int i = 11; i <= 30; ++i) outbox.Append(CancelEvent(i));
  const size_t before = server.requests.size();
  EXPECT_EQ(Drain(u), 1);
  EXPECT_EQ(server.requests.size() - before, 1u);  // one batch of 20
}

TEST_F(UploaderTest, TooLargeHalvesTheBatchUntilItFits) {
  Fill(40);
  server.max_events = 8;
  Uploader u = Make(40);
  Drain(u);
  EXPECT_EQ(cursor.saved.acked_seq, 40);
  EXPECT_TRUE(cursor.saved.poisoned.empty());
  EXPECT_LE(u.batch_limit(), 8);
}

TEST_F(UploaderTest, ASingleEventTooLargeIsPoisoned) {
  Fill(2);
  server.scripted.push_back(HttpReply{413, "", ""});
  Uploader u = Make(1);
  auto r = u.Step();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, Kind::kPoisoned);
  ASSERT_EQ(cursor.saved.poisoned.size(), 1u);
  EXPECT_EQ(cursor.saved.poisoned[0].http_status, 413);
  EXPECT_EQ(cursor.saved.poisoned[0].reason, "refused");
  Drain(u);
  EXPECT_EQ(server.stored, (std::vector<int64_t>{2}));
}

TEST_F(UploaderTest, ACursorThatCannotBeSavedDoesNotMove) {
  Fill(3);
  cursor.fail_saves = true;
  Uploader u = Make();
  auto r = u.Step();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "disk_full");
  EXPECT_EQ(u.cursor().acked_seq, 0);
  cursor.fail_saves = false;
  Drain(u);
  EXPECT_EQ(cursor.saved.acked_seq, 3);  // resent; the server ignored the repeats
  EXPECT_EQ(server.stored.size(), 3u);
}

}  // namespace
}  // namespace gb::sync_client
