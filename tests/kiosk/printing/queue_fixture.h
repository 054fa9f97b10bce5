// Shared set-up for the print queue tests: a real ledger file with one open
// deal, a test clock, and a way to wait for the worker without sleeping blind.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "kiosk/printing/print_queue.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::printing::testing {

using rules::testing::kOpens;

inline const receipts::Store kStore{"Test Store", 0};

// Polls pred every 5 ms; false if it did not hold within 10 s (a hang guard,
// not a performance limit).
inline bool WaitUntil(const std::function<bool()>& pred) {
  for (int i = 0; i < 2000; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

class QueueFixture : public ledger::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ledger_.emplace(OpenOrDie());
    ASSERT_TRUE(ledger_->PutDeal(rules::testing::SampleDeal(), rules::DealState::kOpen, kOpens).ok());
    clock_ = kOpens + 100;
  }

  ledger::SignUpReceipt SignUp(int phone) {
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = ledger::testing::Phone(phone);
    r.now = clock_;
    auto got = ledger_->SignUp(r);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : ledger::SignUpReceipt{};
  }

  PrintQueueOptions Options() {
    PrintQueueOptions o;
    o.idle_poll_ms = 10;
    o.recheck_ms = 10;
    o.now = [this] { return clock_.load(); };
    return o;
  }

  std::unique_ptr<JobRenderer> Renderer() {
    auto r = JobRenderer::Create(kStore);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }

  std::optional<ledger::Ledger> ledger_;
  std::atomic<int64_t> clock_{0};
};

}  // namespace gb::printing::testing
