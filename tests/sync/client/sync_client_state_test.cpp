// SyncClient with a StateSink: when drained it asks GET /v1/state?since=REV
// (instead of the bare heartbeat) and hands the answer to the sink.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "sync/client/sync_client.h"
#include "tests/sync/client/fakes.h"

namespace gb::sync_client {
namespace {

using testing::CancelEvent;
using testing::FakeServer;
using testing::FakeStateSink;
using testing::MemoryCursor;
using testing::VectorOutbox;

template <typename Pred>
bool WaitFor(Pred pred) {  // the bound only keeps a broken build from hanging
  for (int i = 0; i < 1000; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

class SyncClientStateTest : public ::testing::Test {
 protected:
  std::unique_ptr<SyncClient> Start(int64_t saved_revision = 0) {
    auto outbox = std::make_unique<VectorOutbox>();
    auto server = std::make_unique<FakeServer>();
    auto sink = std::make_unique<FakeStateSink>();
    outbox_ = outbox.get();
    server_ = server.get();
    sink_ = sink.get();
    sink_->revision = saved_revision;
    server_->state_body = first_state_;
    server_->state_status = state_status_;
    for (int i = 1; i <= 3; ++i) outbox_->Append(CancelEvent(i));
    SyncClientOptions o;
    o.idle_poll_ms = 60'000;
    o.backoff = {.base_ms = 5, .cap_ms = 20, .floor_ms = 1};
    o.seed = 3;
    o.now = [] { return int64_t{1'800'000'000}; };
    auto c = SyncClient::Start(std::move(outbox), std::make_unique<MemoryCursor>(),
                               std::move(server), std::move(sink), o);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value();
  }
  std::vector<std::string> Targets() {
    std::lock_guard lock(server_->mu_);
    std::vector<std::string> out;
    for (const HttpRequest& r : server_->requests) out.push_back(r.target);
    return out;
  }

  int state_status_ = 200;
  VectorOutbox* outbox_ = nullptr;
  FakeServer* server_ = nullptr;
  // What the server answers from the start (set before Start: the client's
  // first poll happens at once, and the next only after idle_poll_ms).
  std::string first_state_ = R"({"revision":7,"since":0,"deals":[],"kiosks":[]})";
  FakeStateSink* sink_ = nullptr;
};

TEST_F(SyncClientStateTest, UploadsFirstThenAsksForTheStateSinceTheSavedRevision) {
  auto client = Start(/*saved_revision=*/4);
  ASSERT_TRUE(WaitFor([&] { return client->status().state_revision == 7; }));
  const std::vector<std::string> targets = Targets();
  ASSERT_GE(targets.size(), 2u);
  EXPECT_EQ(targets[0], "/v1/events");
  EXPECT_EQ(targets[1], "/v1/state?since=4");
  for (const std::string& t : targets) EXPECT_NE(t, "/healthz");
  SyncStatus s = client->status();
  EXPECT_TRUE(s.online);
  EXPECT_EQ(s.acked_seq, 3);
  EXPECT_EQ(s.state_applied_at, 1'800'000'000);
  // The next poll asks after what was applied.
  client->Wake();
  ASSERT_TRUE(WaitFor([&] {
    const std::vector<std::string> now = Targets();
    return now.size() >= 3 && now.back() == "/v1/state?since=7";
  }));
}

TEST_F(SyncClientStateTest, ARefusedStateIsAnOutageWithTheServersStatus) {
  state_status_ = 401;
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().failures >= 2; }));
  SyncStatus s = client->status();
  EXPECT_FALSE(s.online);
  EXPECT_EQ(s.last_error, "unauthorized: /v1/state answered 401");
  EXPECT_EQ(s.state_revision, 0);
}

TEST_F(SyncClientStateTest, AStateTheSinkCannotTakeIsReportedAndRetried) {
  first_state_ = "{\"nothing\":1}";
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().failures >= 2; }));
  EXPECT_EQ(client->status().last_error, "bad_state: no revision");
  {
    std::lock_guard lock(server_->mu_);
    server_->state_body = R"({"revision":9,"since":0,"deals":[],"kiosks":[]})";
  }
  ASSERT_TRUE(WaitFor([&] { return client->status().state_revision == 9; }));
  EXPECT_TRUE(client->status().online);
}

}  // namespace
}  // namespace gb::sync_client
