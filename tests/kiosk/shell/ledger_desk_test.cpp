// PrintQueueDesk tells the store about the printer: one "printer" outbox
// event when the printer gets into trouble, one when it is fine again, none
// while nothing changes and none before the queue has asked the printer.
// LedgerDesk marks a capped deal "sold out here" when this kiosk's lease of
// its places is used up while the store still has some.
#include "kiosk/shell/ledger_desk.h"

#include "kiosk/app/view_model.h"
#include "tests/kiosk/printing/queue_fixture.h"
#include "tests/support/fake_printer.h"

namespace gb::shell {
namespace {

using printing::testing::QueueFixture;
using printing::testing::WaitUntil;

class LedgerDeskTest : public QueueFixture {
 protected:
  void SetUp() override {
    QueueFixture::SetUp();
    printer_.emplace(*escpos::FindProfileByName("generic-58mm"));
  }
  // The "printer" events in the outbox, as "state/held".
  std::vector<std::string> PrinterEvents() {
    std::vector<std::string> out;
    auto events = ledger_->OutboxAfter(0, 1000);
    EXPECT_TRUE(events.ok());
    for (const ledger::OutboxEvent& e : *events) {
      if (e.type != "printer") continue;
      const auto j = nlohmann::json::parse(e.payload);
      out.push_back(j["state"].get<std::string>() + "/" + std::to_string(j["held"].get<int>()));
    }
    return out;
  }
  std::optional<test::FakePrinter> printer_;
};

TEST_F(LedgerDeskTest, PrinterTroubleAndRecoveryAreEachToldOnce) {
  printer_->SetReason("paper_out");
  SignUp(1);  // the queue asks the printer when it has a job: this one is held
  auto q = printing::PrintQueue::Start(path_, ledger::testing::TestIdentity(), *printer_,
                                       Renderer(), Options());
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  PrintQueueDesk desk(*ledger_, **q);
  EXPECT_TRUE(PrinterEvents().empty());  // not asked yet: nothing to tell
  ASSERT_TRUE(WaitUntil([&] {
    const app::PrinterState p = desk.Printer();
    return !p.ready && p.held == 1;
  }));
  (void)desk.Printer();  // polled again: nothing new to tell
  std::vector<std::string> events = PrinterEvents();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), "paper_out/1");
  // Whether the reason or the held job was seen first, trouble is all it told.
  for (const std::string& e : events) EXPECT_EQ(e.rfind("paper_out/", 0), 0u) << e;
  EXPECT_LE(events.size(), 2u);

  printer_->SetReason("");
  (*q)->Wake();
  ASSERT_TRUE(WaitUntil([&] {
    const app::PrinterState p = desk.Printer();
    return p.ready && p.held == 0;
  }));
  (void)desk.Printer();
  events = PrinterEvents();
  EXPECT_EQ(events.back(), "ok/0");
  EXPECT_EQ(std::count(events.begin(), events.end(), "ok/0"), 1);
}

// The store lent this kiosk 2 of the deal's 12 places: once both are given
// the wall says "sold out here for now", though the deal has room; a
// standalone kiosk (no lease required) and an uncapped deal never do.
TEST_F(LedgerDeskTest, ACappedDealWhoseLeaseIsUsedUpIsSoldOutHere) {
  rules::Deal capped = rules::testing::SampleDeal();
  capped.cap = 12;
  ledger::RemoteState state{5, {ledger::RemoteDeal{capped, rules::DealState::kOpen, {1, 0}}}, {}};
  state.leases = std::vector<ledger::StoreLease>{{rules::Lease{42, 2, clock_ + 600}, 0}};
  ASSERT_TRUE(ledger_->ApplyRemoteState(state, clock_).ok());
  LedgerDesk synced(*ledger_, /*lease_required=*/true);
  LedgerDesk standalone(*ledger_, /*lease_required=*/false);
  const auto sold_out_here = [&](LedgerDesk& desk, int64_t now) {
    auto deals = desk.ListDeals(now);
    EXPECT_TRUE(deals.ok()) << deals.status().ToString();
    return deals.ok() && deals->size() == 1 && (*deals)[0].sold_out_here;
  };
  EXPECT_FALSE(sold_out_here(synced, clock_)) << "two places of the lease are free";
  EXPECT_TRUE(sold_out_here(synced, clock_ + 600)) << "the lease has expired";
  for (int phone : {1, 2}) {
    app::JoinRequest r{42, ledger::testing::Phone(phone), std::nullopt, clock_, "en"};
    ASSERT_TRUE(synced.Join(r).ok()) << phone;
  }
  EXPECT_TRUE(sold_out_here(synced, clock_)) << "both lent places given";
  auto deals = synced.ListDeals(clock_);
  ASSERT_TRUE(deals.ok());
  EXPECT_EQ(app::BadgeOf((*deals)[0], clock_), app::Badge::kSoldOutHere);
  EXPECT_LT((*deals)[0].tally.seats(), 12) << "the store still has places";
  EXPECT_FALSE(app::CanJoin((*deals)[0], clock_));
  EXPECT_FALSE(sold_out_here(standalone, clock_));
}

// A shelf card says "scan at the kiosk to join": none for a deal that takes
// no sign-ups any more; an open deal's is queued.
TEST_F(LedgerDeskTest, NoShelfCardForADealThatHasEnded) {
  auto q = printing::PrintQueue::Start(path_, ledger::testing::TestIdentity(), *printer_,
                                       Renderer(), Options());
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  PrintQueueDesk desk(*ledger_, **q);
  EXPECT_TRUE(desk.PrintShelfCard(42, "en", clock_).ok());
  rules::Deal stopped = rules::testing::SampleDeal();
  stopped.stopped_early_at = clock_ - 10;
  ASSERT_TRUE(ledger_->PutDeal(stopped, rules::DealState::kOpen, clock_).ok());
  const auto refused = desk.PrintShelfCard(42, "en", clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "deal_ended");
  // Past the deadline below the threshold: failed, ended too.
  EXPECT_EQ(desk.PrintShelfCard(42, "en", rules::testing::kDeadline + 1).status().reason(),
            "deal_ended");
  EXPECT_EQ(desk.PrintShelfCard(7, "en", clock_).status().code(), base::Code::kNotFound);
}

}  // namespace
}  // namespace gb::shell
