#include <nlohmann/json.hpp>

#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger {
namespace {

using rules::testing::kOpens;
using testing::LedgerFixture;

class PrintJobsTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ledger_.emplace(OpenOrDie());
    ASSERT_TRUE(ledger_->PutDeal(rules::testing::SampleDeal(), rules::DealState::kOpen, kOpens).ok());
  }
  SignUpReceipt SignUp(int phone, const std::string& lang = "en") {
    SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = testing::Phone(phone);
    r.now = kOpens + 100;
    r.lang = lang;
    auto got = ledger_->SignUp(r);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : SignUpReceipt{};
  }
  std::optional<PrintJob> Claim() {
    auto j = ledger_->ClaimPrintJob(kOpens + 200);
    EXPECT_TRUE(j.ok()) << j.status().ToString();
    return j.ok() ? *j : std::nullopt;
  }
  std::optional<Ledger> ledger_;
};

TEST_F(PrintJobsTest, EverySignUpQueuesOneVoucherJobInItsLanguage) {
  SignUpReceipt a = SignUp(1, "ru");
  auto job = Claim();
  ASSERT_TRUE(job);
  EXPECT_EQ(job->id, a.print_job_id);
  EXPECT_EQ(job->kind, "voucher");
  EXPECT_EQ(job->pledge_id, a.pledge_id);
  EXPECT_EQ(job->lang, "ru");
  EXPECT_FALSE(job->reprint);
  EXPECT_EQ(job->attempts, 1);
  EXPECT_FALSE(Claim()) << "a printing job is not handed out twice";
  ASSERT_TRUE(ledger_->FinishPrintJob(job->id, kOpens + 300).ok());
  auto sum = ledger_->GetPrintQueueSummary();
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->done, 1);
  EXPECT_EQ(sum->queued + sum->printing + sum->held, 0);
}

TEST_F(PrintJobsTest, ARetryAfterBytesLeftIsAReprintAndStaysOne) {
  SignUp(1);
  auto job = Claim();
  ASSERT_TRUE(job);
  ASSERT_TRUE(ledger_->MarkPrintJobSent(job->id, kOpens + 201).ok());
  ASSERT_TRUE(ledger_->HoldPrintJob(job->id, "unplugged", kOpens + 202).ok());
  auto sum = ledger_->GetPrintQueueSummary();
  EXPECT_EQ(sum->held, 1);
  EXPECT_EQ(sum->held_reason, "unplugged");
  EXPECT_EQ(ledger_->ReleaseHeldPrintJobs(kOpens + 300).value(), 1);
  auto again = Claim();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->reprint);
  EXPECT_EQ(again->attempts, 2);
  EXPECT_EQ(again->sent_at, kOpens + 201) << "the first send time is kept";
}

TEST_F(PrintJobsTest, AJobHeldBeforeSendingIsNotAReprint) {
  SignUp(1);
  auto job = Claim();
  ASSERT_TRUE(ledger_->HoldPrintJob(job->id, "paper_out", kOpens + 202).ok());
  ASSERT_EQ(ledger_->ReleaseHeldPrintJobs(kOpens + 300).value(), 1);
  auto again = Claim();
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->reprint);
}

TEST_F(PrintJobsTest, AVoucherShownOnScreenPrintsLaterAsAReprint) {
  SignUp(1);
  auto job = Claim();
  ASSERT_TRUE(job);
  EXPECT_FALSE(ledger_->MarkPrintJobReprint(job->id).value()) << "being printed: left alone";
  ASSERT_TRUE(ledger_->HoldPrintJob(job->id, "paper_out", kOpens + 202).ok());
  EXPECT_TRUE(ledger_->MarkPrintJobReprint(job->id).value());  // the screen showed it
  ASSERT_EQ(ledger_->ReleaseHeldPrintJobs(kOpens + 300).value(), 1);
  auto again = Claim();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->reprint);
  EXPECT_FALSE(ledger_->MarkPrintJobReprint(9999).value()) << "no such job";
}

TEST_F(PrintJobsTest, ACrashMidJobRequeuesItAsAReprint) {
  SignUp(1);
  auto job = Claim();
  ASSERT_TRUE(ledger_->MarkPrintJobSent(job->id, kOpens + 201).ok());
  ledger_.reset();  // the kiosk dies here
  ledger_.emplace(OpenOrDie());
  EXPECT_EQ(ledger_->RecoverPrintJobs(kOpens + 400).value(), 1);
  auto again = Claim();
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->reprint);
}

TEST_F(PrintJobsTest, StaleJobsStayHeldWhenThePrinterRecovers) {
  SignUp(1);
  auto job = Claim();
  ASSERT_TRUE(ledger_->HoldPrintJob(job->id, "stale", kOpens + 202).ok());
  EXPECT_EQ(ledger_->ReleaseHeldPrintJobs(kOpens + 300).value(), 0);
  EXPECT_FALSE(Claim());
}

TEST_F(PrintJobsTest, StaffJobsAndVoucherDataForPrinting) {
  SignUpReceipt a = SignUp(1, "zh");
  SignUpReceipt b = SignUp(2);
  auto id = ledger_->QueuePrintJob({"voucher", a.pledge_id, "zh", "{}", true}, kOpens + 500);
  ASSERT_TRUE(id.ok());
  auto v = ledger_->VoucherForPrint(a.pledge_id, kOpens + 600);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->lang, "zh");
  EXPECT_EQ(v->position, 1);
  EXPECT_EQ(v->voucher_text, a.voucher_text);
  EXPECT_EQ(v->short_code, a.short_code);
  EXPECT_EQ(v->deal.tally.committed, 2) << "the tally is read at print time";
  EXPECT_EQ(ledger_->VoucherForPrint(b.pledge_id, kOpens).value().position, 2);
  EXPECT_EQ(ledger_->VoucherForPrint(999, kOpens).status().reason(), "pledge_unknown");
  // Jobs come out in order: two sign-ups, then the staff reprint, marked.
  for (int64_t want : {a.print_job_id, b.print_job_id, *id}) {
    auto job = Claim();
    ASSERT_TRUE(job);
    EXPECT_EQ(job->id, want);
    EXPECT_EQ(job->reprint, want == *id);
  }
}

TEST_F(PrintJobsTest, APrintOnlyConnectionCannotSignUp) {
  auto reader = Ledger::Open(path_, testing::TestIdentity().WithoutKey());
  ASSERT_TRUE(reader.ok());
  SignUpRequest r;
  r.deal_id = 42;
  r.phone_e164 = testing::Phone(9);
  r.now = kOpens + 100;
  EXPECT_EQ(reader->SignUp(r).status().reason(), "no_signing_key");
  r.lang = "EN";
  EXPECT_EQ(ledger_->SignUp(r).status().reason(), "bad_lang");
}

}  // namespace
}  // namespace gb::ledger
