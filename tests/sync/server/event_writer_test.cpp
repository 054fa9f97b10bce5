// Group commit: batches queued while a group commits form the next group,
// and every batch is answered after its group committed.
#include "sync/server/event_writer.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>

#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::server {
namespace {

class EventWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = store::StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok());
    std::array<uint8_t, 32> seed{};
    seed.fill(9);
    auto key = voucher::SigningKey::FromSeed(seed);
    ASSERT_TRUE(key.ok());
    for (int i = 0; i < 10; ++i) {
      store::KioskRecord k{"kiosk-" + std::to_string(i),
                           static_cast<uint32_t>(i + 1),
                           key->Public().Pem(),
                           store::Sha256(std::to_string(i)),
                           0,
                           {}};
      ASSERT_TRUE((*db)->AddKiosk(k).ok());
    }
    // Deal 43 unlocks with one sign-up, for the redemption tests.
    ASSERT_TRUE(
        (*db)->PutDeals({test::MakeDeal(42, 100), test::MakeDeal(43, 1)}, test::kOpens).ok());
    key_.emplace(std::move(key).value());
    WriterOptions o;
    o.now = [] { return test::kOpens + 4000; };
    auto w = EventWriter::Create(std::move(db).value(), o);
    ASSERT_TRUE(w.ok());
    writer_ = std::move(w).value();
  }

  protocol::Batch BatchOf(int kiosk, int64_t seq) {
    return test::MakeBatch(
        {test::SignUp(*key_, static_cast<uint32_t>(kiosk + 1), "kiosk-" + std::to_string(kiosk),
                      seq, static_cast<uint64_t>(seq), test::MakeDeal(42, 100))});
  }

  test::ScopedTempDir tmp_;
  std::optional<voucher::SigningKey> key_;
  std::unique_ptr<EventWriter> writer_;
};

TEST_F(EventWriterTest, BatchesQueuedDuringACommitShareTheNextOne) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::vector<std::promise<base::Result<EventsOutcome>>> replies(10);
  // The first reply holds the writer thread until the other nine are queued.
  writer_->Submit(BatchOf(0, 1), [&](base::Result<EventsOutcome> r) {
    replies[0].set_value(std::move(r));
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return release; });
  });
  auto first = replies[0].get_future();
  ASSERT_TRUE(first.get().ok());
  for (int i = 1; i < 10; ++i) {
    writer_->Submit(BatchOf(i, 5), [&replies, i](base::Result<EventsOutcome> r) {
      replies[static_cast<size_t>(i)].set_value(std::move(r));
    });
  }
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  for (int i = 1; i < 10; ++i) {
    auto r = replies[static_cast<size_t>(i)].get_future().get();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->acked_seq, 5);
    EXPECT_EQ(r->new_events, 1);
  }
  EXPECT_EQ(writer_->groups(), 2);
  EXPECT_EQ(writer_->batches(), 10);
}

TEST_F(EventWriterTest, RedemptionsQueuedDuringACommitAreDecidedTogetherOnce) {
  protocol::Event sign = test::SignUp(*key_, 1, "kiosk-0", 1, 1, test::MakeDeal(43, 1));
  const std::string voucher_text = sign.payload["voucher"].get<std::string>();
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::promise<void> holding;
  // The sign-up's reply holds the writer while five tills ask at once.
  writer_->Submit(test::MakeBatch({sign}), [&](base::Result<EventsOutcome> r) {
    EXPECT_TRUE(r.ok());
    holding.set_value();
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return release; });
  });
  holding.get_future().wait();
  std::vector<std::promise<base::Result<store::RedeemVerdict>>> replies(5);
  for (int i = 0; i < 5; ++i) {
    store::RedeemRequest req{voucher_text, "", "till-" + std::to_string(i), "kiosk-0", 0};
    writer_->SubmitRedeem(req, [&replies, i](base::Result<store::RedeemVerdict> v) {
      replies[static_cast<size_t>(i)].set_value(std::move(v));
    });
  }
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  int valid = 0;
  int already = 0;
  for (auto& p : replies) {
    auto v = p.get_future().get();
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    valid += v->verdict == "VALID";
    already += v->verdict == "ALREADY_REDEEMED";
    if (v->verdict == "ALREADY_REDEEMED") {
      EXPECT_EQ(v->place, "till-0") << "the first in line";
    }
  }
  EXPECT_EQ(valid, 1);
  EXPECT_EQ(already, 4);
}

TEST_F(EventWriterTest, StopFinishesQueuedWorkThenRefuses) {
  std::vector<std::future<base::Result<EventsOutcome>>> futures;
  std::vector<std::shared_ptr<std::promise<base::Result<EventsOutcome>>>> promises;
  for (int i = 0; i < 5; ++i) {
    auto p = std::make_shared<std::promise<base::Result<EventsOutcome>>>();
    futures.push_back(p->get_future());
    writer_->Submit(BatchOf(i, 1),
                    [p](base::Result<EventsOutcome> r) { p->set_value(std::move(r)); });
  }
  writer_->Stop();
  for (auto& f : futures) EXPECT_TRUE(f.get().ok());
  base::Status late;
  writer_->Submit(BatchOf(0, 2), [&late](base::Result<EventsOutcome> r) { late = r.status(); });
  EXPECT_EQ(late.reason(), "stopping");
  EXPECT_EQ(writer_->batches(), 5);
}

TEST_F(EventWriterTest, AFullQueueRefusesWithOverloaded) {
  auto db = store::StoreDb::Open(tmp_.File("other.db"));
  ASSERT_TRUE(db.ok());
  WriterOptions o;
  o.max_queue = 1;
  auto w = EventWriter::Create(std::move(db).value(), o);
  ASSERT_TRUE(w.ok());
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  std::promise<void> holding;
  // The first batch's reply holds the writer; the second waits in the queue.
  (*w)->Submit(BatchOf(0, 1), [&](base::Result<EventsOutcome>) {
    holding.set_value();
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return release; });
  });
  holding.get_future().wait();
  std::promise<base::Status> second;
  (*w)->Submit(BatchOf(0, 2),
               [&second](base::Result<EventsOutcome> r) { second.set_value(r.status()); });
  base::Status third;
  (*w)->Submit(BatchOf(0, 3), [&third](base::Result<EventsOutcome> r) { third = r.status(); });
  EXPECT_EQ(third.reason(), "overloaded");
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  EXPECT_TRUE(second.get_future().get().ok());
}

}  // namespace
}  // namespace gb::server
