#include "sync/client/sync_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sync/client/http_date.h"
#include "tests/sync/client/fakes.h"

namespace gb::sync_client {
namespace {

using testing::CancelEvent;
using testing::FakeServer;
using testing::MemoryCursor;
using testing::VectorOutbox;

// Waits for a condition the client's thread brings about; the bound only
// keeps a broken build from hanging, it is not a performance check.
template <typename Pred>
bool WaitFor(Pred pred) {
  for (int i = 0; i < 1000; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

class SyncClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<SyncClient> Start() {
    auto outbox = std::make_unique<VectorOutbox>();
    auto cursor = std::make_unique<MemoryCursor>();
    auto server = std::make_unique<FakeServer>();
    outbox_ = outbox.get();
    server_ = server.get();
    cursor_ = cursor.get();
    for (int i = 1; i <= preload_; ++i) outbox_->Append(CancelEvent(i));
    server_->date = FormatHttpDate(kNow + server_ahead_);
    server_->poison = poison_;
    SyncClientOptions o;
    o.idle_poll_ms = 60'000;  // only Wake() brings new events quickly
    o.batch_limit = 50;
    o.backoff = {.base_ms = 5, .cap_ms = 20, .floor_ms = 1};
    o.seed = 7;
    o.now = [this] { return now_.load(); };
    auto c = SyncClient::Start(std::move(outbox), std::move(cursor), std::move(server), o);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value();
  }
  FakeServer& server() { return *server_; }

  static constexpr int64_t kNow = 1'800'000'000;
  std::atomic<int64_t> now_{kNow};
  int preload_ = 0;
  int64_t server_ahead_ = 0;
  std::vector<int64_t> poison_;
  VectorOutbox* outbox_ = nullptr;
  FakeServer* server_ = nullptr;
  MemoryCursor* cursor_ = nullptr;
};

TEST_F(SyncClientTest, UploadsTheBacklogThenWhatWakeAnnounces) {
  preload_ = 120;
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().acked_seq == 120; }));
  SyncStatus s = client->status();
  EXPECT_TRUE(s.online);
  EXPECT_EQ(s.offline_since, 0);
  EXPECT_EQ(s.events_acked, 120);
  for (int i = 121; i <= 125; ++i) outbox_->Append(CancelEvent(i));
  client->Wake();
  ASSERT_TRUE(WaitFor([&] { return client->status().acked_seq == 125; }));
  std::lock_guard lock(server().mu_);
  EXPECT_EQ(server().stored.size(), 125u);
}

TEST_F(SyncClientTest, ReportsOfflineSinceTheFirstFailureAndRecovers) {
  preload_ = 3;
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().acked_seq == 3; }));
  {
    std::lock_guard lock(server().mu_);
    server().down = true;
  }
  now_ = kNow + 60;
  for (int i = 4; i <= 6; ++i) outbox_->Append(CancelEvent(i));
  client->Wake();
  ASSERT_TRUE(WaitFor([&] { return client->status().failures >= 3; }));
  now_ = kNow + 120;  // later failures do not move "offline since"
  ASSERT_TRUE(WaitFor([&] { return client->status().failures >= 5; }));
  SyncStatus s = client->status();
  EXPECT_FALSE(s.online);
  EXPECT_EQ(s.offline_since, kNow + 60);
  EXPECT_EQ(s.last_error, "unreachable: refused");
  EXPECT_EQ(s.acked_seq, 3);
  {
    std::lock_guard lock(server().mu_);
    server().down = false;
  }
  ASSERT_TRUE(WaitFor([&] { return client->status().acked_seq == 6; }));
  s = client->status();
  EXPECT_TRUE(s.online);
  EXPECT_EQ(s.offline_since, 0);
  EXPECT_EQ(s.failures, 0);
  EXPECT_EQ(s.last_ok_at, kNow + 120);
}

TEST_F(SyncClientTest, MeasuresClockSkewFromTheServersDate) {
  server_ahead_ = 30;
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().clock_skew_s.has_value(); }));
  EXPECT_EQ(*client->status().clock_skew_s, 30);
  EXPECT_FALSE(client->status().skew_exceeded);
}

TEST_F(SyncClientTest, ASkewBeyondTheLimitIsFlagged) {
  server_ahead_ = -600;  // the kiosk's clock runs ten minutes fast
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().clock_skew_s.has_value(); }));
  EXPECT_EQ(*client->status().clock_skew_s, -600);
  EXPECT_TRUE(client->status().skew_exceeded);
}

TEST_F(SyncClientTest, PoisonedEventsAreReportedAndTheRestFlows) {
  preload_ = 8;
  poison_ = {2, 7};
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().acked_seq == 8; }));
  SyncStatus s = client->status();
  ASSERT_EQ(s.poisoned.size(), 2u);
  EXPECT_EQ(s.poisoned[0].seq, 2);
  EXPECT_EQ(s.poisoned[1].seq, 7);
  EXPECT_EQ(cursor_->saved.poisoned.size(), 2u);
}

TEST_F(SyncClientTest, FlushReturnsOnceTheBacklogIsAcknowledged) {
  preload_ = 120;
  auto client = Start();
  ASSERT_TRUE(client->Flush(10'000).ok());
  std::lock_guard lock(server().mu_);
  EXPECT_EQ(server().stored.size(), 120u);
}

TEST_F(SyncClientTest, FlushSendsWhatNoWakeAnnounced) {
  auto client = Start();
  ASSERT_TRUE(WaitFor([&] { return client->status().online; }));
  // The thread now rests for idle_poll_ms (a minute): only Flush wakes it.
  for (int i = 1; i <= 5; ++i) outbox_->Append(CancelEvent(i));
  ASSERT_TRUE(client->Flush(10'000).ok());
  EXPECT_EQ(client->status().acked_seq, 5);
  std::lock_guard lock(server().mu_);
  EXPECT_EQ(server().stored.size(), 5u);
}

TEST_F(SyncClientTest, FlushDoesNotWaitForAServerThatIsDown) {
  preload_ = 3;
  auto client = Start();
  ASSERT_TRUE(client->Flush(10'000).ok());
  {
    std::lock_guard lock(server().mu_);
    server().down = true;
  }
  outbox_->Append(CancelEvent(4));
  const auto start = std::chrono::steady_clock::now();
  base::Status s = client->Flush(60'000);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  // "offline" when the heartbeat after the first Flush already failed.
  EXPECT_TRUE(s.reason() == "unreachable" || s.reason() == "offline") << s.ToString();
  EXPECT_EQ(client->status().acked_seq, 3);
  // Offline now: the next Flush answers at once with the last error.
  s = client->Flush(60'000);
  EXPECT_EQ(s.reason(), "offline");
  EXPECT_NE(s.message().find("refused"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace gb::sync_client
