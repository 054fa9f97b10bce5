// Exactly once across connections: two threads, each with its own Ledger on
// the same file, race to redeem (and to take the deposit of) the same
// pledges. Every pledge must end with one redemption, one outbox event and
// one slip, and each racer's refusals must be the reason a second attempt gets.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "tests/kiosk/ledger/till_fixture.h"

namespace gb::ledger {
namespace {

using testing::kJoin;
using testing::TillFixture;

constexpr int kPledges = 25;

struct Tally {
  int ok = 0;
  int refused = 0;
  std::string other;  // any unexpected failure
};

// Runs `op` on every pledge from a fresh connection; both racers start together.
template <typename Op>
Tally Race(const std::string& path, const std::vector<int64_t>& ids, std::atomic<int>& ready,
           const std::string& refusal, Op op) {
  Tally t;
  auto l = Ledger::Open(path, testing::TestIdentity().WithoutKey());
  if (!l.ok()) {
    t.other = l.status().ToString();
    return t;
  }
  ready.fetch_add(1);
  while (ready.load() < 2) std::this_thread::yield();
  for (int64_t id : ids) {
    base::Status s = op(*l, id);
    if (s.ok()) {
      ++t.ok;
    } else if (s.reason() == refusal) {
      ++t.refused;
    } else {
      t.other = s.ToString();
    }
  }
  return t;
}

template <typename Op>
void RaceTwice(const std::string& path, const std::vector<int64_t>& ids, const std::string& refusal,
               Op op) {
  std::atomic<int> ready{0};
  Tally a, b;
  std::thread ta([&] { a = Race(path, ids, ready, refusal, op); });
  std::thread tb([&] { b = Race(path, ids, ready, refusal, op); });
  ta.join();
  tb.join();
  EXPECT_EQ(a.other, "");
  EXPECT_EQ(b.other, "");
  EXPECT_EQ(a.ok + b.ok, kPledges);
  EXPECT_EQ(a.refused + b.refused, kPledges);
}

TEST_F(TillFixture, TwoConnectionsRacingRedeemEachVoucherOnce) {
  std::vector<int64_t> ids;
  for (int i = 0; i < kPledges; ++i) ids.push_back(Join(42, i).pledge_id);
  RaceTwice(path_, ids, "already_redeemed", [](Ledger& l, int64_t id) {
    return l.Redeem({id, kJoin + 10, "till", ""}).status();
  });
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM pledges WHERE state='redeemed'"), kPledges);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='redeem'"), kPledges);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM print_jobs WHERE kind='redemption'"), kPledges);
  EXPECT_EQ(Scalar(l(),
                   "SELECT count(DISTINCT pledge_id) FROM print_jobs "
                   "WHERE kind='redemption'"),
            kPledges);
}

TEST_F(TillFixture, TwoConnectionsRacingTakeEachDepositOnce) {
  std::vector<int64_t> ids;
  for (int i = 0; i < kPledges; ++i) ids.push_back(Join(43, i).pledge_id);
  RaceTwice(path_, ids, "deposit_already_paid", [](Ledger& l, int64_t id) {
    return l.PayDeposit({id, kJoin + 10, "till", ""}).status();
  });
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='deposit'"), kPledges);
  EXPECT_EQ(Scalar(l(), "SELECT sum(deposit_paid) FROM pledges WHERE deal_id=43"), kPledges * 5990);
  EXPECT_EQ(Scalar(l(), "SELECT local_committed FROM deals WHERE id=43"), kPledges);
}

// The same race between two processes (two tills on one kiosk's file): each
// child exits with the number of redemptions it won, 255 on any other failure.
TEST_F(TillFixture, TwoProcessesRacingRedeemEachVoucherOnce) {
  std::vector<int64_t> ids;
  for (int i = 0; i < kPledges; ++i) ids.push_back(Join(42, i).pledge_id);
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  std::vector<pid_t> children;
  for (int c = 0; c < 2; ++c) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(go[1]);
      auto l = Ledger::Open(path_, testing::TestIdentity().WithoutKey());
      char byte;
      if (!l.ok() || ::read(go[0], &byte, 1) != 0) _exit(255);  // waits for the start
      int won = 0;
      for (int64_t id : ids) {
        base::Status s = l->Redeem({id, kJoin + 10, "till-" + std::to_string(c), ""}).status();
        if (s.ok()) {
          ++won;
        } else if (s.reason() != "already_redeemed") {
          _exit(255);
        }
      }
      _exit(won);
    }
    children.push_back(pid);
  }
  ::close(go[0]);
  ::close(go[1]);  // both children start now
  int won = 0;
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_NE(WEXITSTATUS(status), 255);
    won += WEXITSTATUS(status);
  }
  EXPECT_EQ(won, kPledges);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM outbox WHERE type='redeem'"), kPledges);
  EXPECT_EQ(Scalar(l(), "SELECT count(*) FROM print_jobs WHERE kind='redemption'"), kPledges);
}

}  // namespace
}  // namespace gb::ledger
