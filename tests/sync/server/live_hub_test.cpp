// The live hub with a scripted revision and recording sinks: the first value
// on subscribe, every change after it, nothing for dead sinks.
#include "sync/server/live_hub.h"

#include <gtest/gtest.h>

#include <thread>

namespace gb::server {
namespace {

class RecordingSink final : public LiveSink {
 public:
  void Push(int64_t revision) override {
    std::lock_guard lock(mu_);
    seen_.push_back(revision);
  }
  std::vector<int64_t> seen() const {
    std::lock_guard lock(mu_);
    return seen_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<int64_t> seen_;
};

// Waits for the hub's thread; the bound only keeps a broken build from hanging.
template <typename Pred>
bool WaitFor(Pred pred) {
  for (int i = 0; i < 2000 && !pred(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

class LiveHubTest : public ::testing::Test {
 protected:
  std::unique_ptr<LiveHub> MakeHub() {
    auto hub = LiveHub::Create(
        [this]() -> base::Result<int64_t> {
          if (fail_) return base::Status::IoError("db_busy", "locked");
          return rev_.load();
        },
        {std::chrono::milliseconds(5)});
    EXPECT_TRUE(hub.ok());
    return std::move(hub).value();
  }
  std::atomic<int64_t> rev_{7};
  std::atomic<bool> fail_{false};
};

TEST_F(LiveHubTest, ASubscriberGetsTheRevisionAtOnceThenEachChange) {
  auto hub = MakeHub();
  auto sink = std::make_shared<RecordingSink>();
  hub->Subscribe(sink);
  EXPECT_EQ(sink->seen(), std::vector<int64_t>{7});
  rev_ = 8;
  ASSERT_TRUE(WaitFor([&] { return sink->seen().size() == 2; }));
  rev_ = 10;
  ASSERT_TRUE(WaitFor([&] { return sink->seen().size() == 3; }));
  EXPECT_EQ(sink->seen(), (std::vector<int64_t>{7, 8, 10}));
  EXPECT_EQ(hub->revision(), 10);
}

TEST_F(LiveHubTest, AFailedReadKeepsTheLastRevisionAndPushesNothing) {
  auto hub = MakeHub();
  auto sink = std::make_shared<RecordingSink>();
  hub->Subscribe(sink);
  fail_ = true;
  rev_ = 9;
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(sink->seen(), std::vector<int64_t>{7});
  fail_ = false;
  ASSERT_TRUE(WaitFor([&] { return sink->seen().size() == 2; }));
  EXPECT_EQ(sink->seen().back(), 9);
}

TEST_F(LiveHubTest, GoneSinksAreDroppedAndNotCounted) {
  auto hub = MakeHub();
  auto a = std::make_shared<RecordingSink>();
  auto b = std::make_shared<RecordingSink>();
  hub->Subscribe(a);
  hub->Subscribe(b);
  EXPECT_EQ(hub->connections(), 2u);
  b.reset();
  EXPECT_EQ(hub->connections(), 1u);
  rev_ = 8;
  ASSERT_TRUE(WaitFor([&] { return a->seen().size() == 2; }));
}

TEST_F(LiveHubTest, NoPushAfterStop) {
  auto hub = MakeHub();
  auto sink = std::make_shared<RecordingSink>();
  hub->Subscribe(sink);
  hub->Stop();
  rev_ = 99;
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(sink->seen(), std::vector<int64_t>{7});
}

TEST(LiveHubCreate, AFailingFirstReadIsReturned) {
  auto hub = LiveHub::Create(
      []() -> base::Result<int64_t> { return base::Status::IoError("db_io", "disk gone"); });
  ASSERT_FALSE(hub.ok());
  EXPECT_EQ(hub.status().reason(), "db_io");
}

}  // namespace
}  // namespace gb::server
