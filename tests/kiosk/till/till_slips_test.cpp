// The slips the till queues (cancellation, deposit, refund, redemption) come
// out of the print worker's JobRenderer as clean pages: the ledger's payloads
// and the renderer's fields agree.
#include <gtest/gtest.h>

#include "drivers/escpos/printer_profile.h"
#include "drivers/virtual/interpreter.h"
#include "kiosk/printing/job_renderer.h"
#include "kiosk/till/local_till.h"
#include "tests/kiosk/ledger/till_fixture.h"
#include "tests/kiosk/receipts/drawn_words.h"

namespace gb::till {
namespace {

using ledger::testing::kJoin;
using ledger::testing::kStop;

class TillSlipsTest : public ledger::testing::TillFixture {};

TEST_F(TillSlipsTest, EveryTillSlipRendersAsOneCleanPage) {
  ledger::SignUpReceipt a = Join(43, 1);
  ledger::SignUpReceipt b = Join(43, 2);
  ledger::SignUpReceipt c = Join(43, 3);
  auto till = LocalTill::Create(l(), OwnKeyRing(ledger::testing::TestIdentity()).value(),
                                {"till-2", "Store 12", 0, "en"});
  ASSERT_TRUE(till.ok());
  ASSERT_TRUE(till->TakeDeposit(a.voucher_text, kJoin + 1).ok());
  ASSERT_TRUE(till->TakeDeposit(b.voucher_text, kJoin + 2).ok());
  ASSERT_TRUE(till->TakeDeposit(c.voucher_text, kJoin + 3).ok());
  ASSERT_TRUE(till->Cancel(c.voucher_text, kJoin + 4, "").ok());
  ASSERT_TRUE(till->GiveRefund(c.short_code, kJoin + 5).ok());
  auto v = till->Redeem(a.voucher_text, kStop + 1);
  ASSERT_TRUE(v.ok() && v->redeemed_now) << (v.ok() ? v->reason : v.status().ToString());

  auto renderer = printing::JobRenderer::Create({"Store 12", 60});
  ASSERT_TRUE(renderer.ok()) << renderer.status().ToString();
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  std::map<std::string, std::string> text;  // kind -> the bytes sent
  for (;;) {
    auto job = l().ClaimPrintJob(kStop + 2);
    ASSERT_TRUE(job.ok()) << job.status().ToString();
    if (!job->has_value()) break;
    auto bytes = (*renderer)->Render(l(), **job, profile, kStop + 2);
    ASSERT_TRUE(bytes.ok()) << (*job)->kind << ": " << bytes.status().ToString();
    virtual_printer::Rendering r = virtual_printer::Interpreter(profile).Run(*bytes);
    for (const auto& d : r.diagnostics) ADD_FAILURE() << (*job)->kind << ": " << d.ToString();
    EXPECT_EQ(r.pages.size(), 1u) << (*job)->kind;
    text[(*job)->kind] += std::string(bytes->begin(), bytes->end());
    ASSERT_TRUE(l().FinishPrintJob((*job)->id, kStop + 2).ok());
  }
  // Receipts draw their words: look for the images of the headings.
  using receipts::drawn::Contains;
  using receipts::drawn::Heading;
  EXPECT_TRUE(Contains(text["deposit"], Heading("generic-58mm", "DEPOSIT PAID")));
  EXPECT_TRUE(Contains(text["refund"], Heading("generic-58mm", "DEPOSIT RETURNED")));
  EXPECT_TRUE(Contains(text["cancellation"], Heading("generic-58mm", "CANCELLED")));
  EXPECT_TRUE(Contains(text["redemption"], Heading("generic-58mm", "REDEEMED")));
  EXPECT_TRUE(Contains(text["redemption"], Heading("generic-58mm", "Store 12")));
  EXPECT_FALSE(Contains(text["deposit"], Heading("generic-58mm", "REDEEMED")));
  EXPECT_EQ(text.size(), 5u) << "voucher, deposit, cancellation, refund, redemption";
}

TEST_F(TillSlipsTest, ARefundJobWithoutItsAmountIsABadJobNotACrash) {
  ledger::SignUpReceipt a = Join(43, 1);
  auto id = l().QueuePrintJob(
      {"refund", a.pledge_id, "en", R"({"deal_id":43,"short_code":"x"})", false}, kJoin);
  ASSERT_TRUE(id.ok());
  auto renderer = printing::JobRenderer::Create({"Store 12", 0});
  ASSERT_TRUE(renderer.ok());
  ledger::PrintJob job;
  job.id = *id;
  job.kind = "refund";
  job.payload = R"({"deal_id":43,"short_code":"x"})";
  auto bytes = (*renderer)->Render(l(), job, *escpos::FindProfileByName("generic-58mm"), kJoin);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().reason(), "bad_print_job");
  EXPECT_NE(bytes.status().message().find("amount"), std::string::npos);
}

}  // namespace
}  // namespace gb::till
