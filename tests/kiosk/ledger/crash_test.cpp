// Crash safety: a child process signs up in a loop and is killed with SIGKILL
// at random points. Every sign-up it reported as committed must be there after
// reopening, the file must pass integrity_check, and no serial may repeat.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger {
namespace {

using rules::testing::kOpens;
using testing::LedgerFixture;

constexpr int kRounds = 40;

// Runs in the child: signs up until killed, reporting each committed serial.
[[noreturn]] void SignUpForever(const std::string& path, int out_fd) {
  auto l = Ledger::Open(path, testing::TestIdentity());
  if (!l.ok()) _exit(2);
  for (int i = 0;; ++i) {
    uint64_t last = l->LastSerial().value();
    SignUpRequest req;
    req.deal_id = 42;
    req.phone_e164 = testing::Phone(static_cast<int>(last) + 1);
    req.now = kOpens + 100;
    auto r = l->SignUp(req);
    if (!r.ok()) _exit(3);
    // Reported only after SignUp returned, i.e. after COMMIT.
    std::string line = std::to_string(r->serial) + "\n";
    if (::write(out_fd, line.data(), line.size()) < 0) _exit(4);
  }
}

TEST_F(LedgerFixture, KillNineNeverLosesACommittedSignUpOrRepeatsASerial) {
  {
    Ledger l = OpenOrDie();
    rules::Deal deal = rules::testing::SampleDeal();
    ASSERT_TRUE(l.PutDeal(deal, rules::DealState::kOpen, kOpens).ok());
  }
  std::mt19937 rng(12345);
  std::set<uint64_t> reported;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      SignUpForever(path_, fds[1]);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + rng() % 60));
    ::kill(pid, SIGKILL);
    int wstatus = 0;
    ::waitpid(pid, &wstatus, 0);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exited early with " << WEXITSTATUS(wstatus);
    std::string buf;
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(fds[0], chunk, sizeof chunk)) > 0) buf.append(chunk, static_cast<size_t>(n));
    ::close(fds[0]);
    size_t pos = 0;
    while ((pos = buf.find('\n')) != std::string::npos) {
      reported.insert(std::stoull(buf.substr(0, pos)));
      buf.erase(0, pos + 1);
    }

    Ledger l = OpenOrDie();
    auto check = l.db().Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.ok());
    ASSERT_TRUE(*check->Step());
    ASSERT_EQ(check->Text(0), "ok") << "round " << round;

    std::set<uint64_t> stored;
    auto st = l.db().Prepare("SELECT serial FROM pledges WHERE key_id=7");
    ASSERT_TRUE(st.ok());
    while (*st->Step()) {
      ASSERT_TRUE(stored.insert(static_cast<uint64_t>(st->Int(0))).second) << "serial repeats";
    }
    for (uint64_t s : reported) ASSERT_TRUE(stored.contains(s)) << "lost serial " << s;
    // Serials are dense: 1..last, none skipped by a rollback, none reused.
    uint64_t last = l.LastSerial().value();
    ASSERT_EQ(stored.size(), last);
    if (!stored.empty()) {
      ASSERT_EQ(*stored.rbegin(), last);
    }
    ASSERT_EQ(static_cast<uint64_t>(Scalar(l, "SELECT count(*) FROM pledges")), last);
    // The trigger-kept tally survived every kill too.
    ASSERT_EQ(static_cast<uint64_t>(Scalar(l, "SELECT local_committed FROM deals WHERE id=42")),
              last);
  }
  // The test must have exercised something: many sign-ups across the rounds.
  EXPECT_GT(reported.size(), static_cast<size_t>(kRounds));
  std::printf("crash test: %d kills, %zu committed sign-ups reported, all present\n", kRounds,
              reported.size());
}

}  // namespace
}  // namespace gb::ledger
