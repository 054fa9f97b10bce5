#include "drivers/printer/escpos_printer.h"

#include <gtest/gtest.h>

#include "tests/support/fake_transport.h"

namespace gb::printer {
namespace {

// Status replies with the fixed bits (0xx1xx10) set; see realtime_status.h.
constexpr uint8_t kHealthy = 0x12;
constexpr uint8_t kOffline = 0x12 | 0x08;     // n=1 bit 3
constexpr uint8_t kCoverOpen = 0x12 | 0x04;   // n=2 bit 2
constexpr uint8_t kPaperEnd = 0x12 | 0x60;    // n=4 bits 5, 6

struct Script {
  uint8_t n1 = kHealthy, n2 = kHealthy, n4 = kHealthy;
};

class EscposPrinterTest : public ::testing::Test {
 protected:
  EscposPrinter MakePrinter(EscposPrinterOptions o = {}) {
    return EscposPrinter(
        [this]() -> base::Result<std::unique_ptr<Transport>> {
          ++opens_;
          if (!open_error_.empty()) {
            return base::Status::Error(base::Code::kUnavailable, open_error_, "cannot open");
          }
          auto t = std::make_unique<test::FakeTransport>();
          t->SetResponder([this](const std::vector<uint8_t>& w) -> std::vector<uint8_t> {
            if (w.size() < 3 || w[w.size() - 3] != 0x10 || w[w.size() - 2] != 0x04) return {};
            switch (w.back()) {
              case 1: return {script_.n1};
              case 2: return {script_.n2};
              case 4: return {script_.n4};
            }
            return {};
          });
          if (fail_after_ >= 0) t->FailAfter(fail_after_, "unplugged");
          last_ = t.get();
          return std::unique_ptr<Transport>(std::move(t));
        },
        *escpos::FindProfileByName("generic-58mm"), o);
  }
  Script script_;
  std::string open_error_;
  int fail_after_ = -1;
  int opens_ = 0;
  test::FakeTransport* last_ = nullptr;
};

TEST_F(EscposPrinterTest, ReadinessFromTheThreeStatusReplies) {
  struct Row {
    Script script;
    bool ready;
    const char* reason;
  };
  const Row rows[] = {
      {{}, true, ""},
      {{kOffline, kHealthy, kHealthy}, false, "offline"},
      {{kHealthy, kCoverOpen, kHealthy}, false, "cover_open"},
      {{kHealthy, kHealthy, kPaperEnd}, false, "paper_out"},
      {{kOffline, kCoverOpen, kPaperEnd}, false, "paper_out"},
  };
  for (const Row& r : rows) {
    script_ = r.script;
    EscposPrinter p = MakePrinter();
    auto got = p.Check();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->ready, r.ready) << r.reason;
    EXPECT_EQ(got->reason, r.reason);
    EXPECT_TRUE(got->known);
    // It asked DLE EOT 1, 2 and 4, in that order. Read while `p` lives: the
    // transport is the printer's and goes with it.
    EXPECT_EQ(last_->written(), (std::vector<uint8_t>{0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4}))
        << r.reason;
  }
}

TEST_F(EscposPrinterTest, AReplyWithWrongFixedBitsIsAnError) {
  script_.n2 = 0xff;
  EscposPrinter p = MakePrinter();
  EXPECT_EQ(p.Check().status().reason(), "bad_status_reply");
}

TEST_F(EscposPrinterTest, JobsGoOutInChunksAndEndTheJob) {
  EscposPrinterOptions o;
  o.chunk_bytes = 100;
  EscposPrinter p = MakePrinter(o);
  std::vector<uint8_t> job(1050);
  for (size_t i = 0; i < job.size(); ++i) job[i] = static_cast<uint8_t>(i);
  ASSERT_TRUE(p.Print(job).ok());
  EXPECT_EQ(last_->written(), job);
  EXPECT_EQ(last_->jobs_ended(), 1);
  ASSERT_TRUE(p.Reset().ok());
  std::vector<uint8_t> tail(last_->written().end() - 5, last_->written().end());
  EXPECT_EQ(tail, (std::vector<uint8_t>{0x10, 0x05, 0x02, 0x1b, 0x40}));
}

TEST_F(EscposPrinterTest, UnplugMidJobFailsThenReopens) {
  EscposPrinterOptions o;
  o.chunk_bytes = 10;
  fail_after_ = 3;
  EscposPrinter p = MakePrinter(o);
  std::vector<uint8_t> job(100, 0x41);
  EXPECT_EQ(p.Print(job).reason(), "unplugged");
  EXPECT_EQ(opens_, 1);
  fail_after_ = -1;
  auto r = p.Check();  // reopens through the factory
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(opens_, 2);
  EXPECT_TRUE(r->ready);
}

TEST_F(EscposPrinterTest, AMissingPrinterSaysSo) {
  open_error_ = "no_device";
  EscposPrinter p = MakePrinter();
  EXPECT_EQ(p.Check().status().reason(), "no_device");
  EXPECT_EQ(p.Print(std::vector<uint8_t>{1}).reason(), "no_device");
}

TEST_F(EscposPrinterTest, AWireWithNoWayBackIsReadyButUnknown) {
  EscposPrinter p(
      []() -> base::Result<std::unique_ptr<Transport>> {
        return std::unique_ptr<Transport>(std::make_unique<test::FakeTransport>());
      },
      *escpos::FindProfileByName("generic-58mm"));
  auto r = p.Check();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ready);
  EXPECT_FALSE(r->known);
}

}  // namespace
}  // namespace gb::printer
