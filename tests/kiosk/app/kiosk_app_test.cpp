// The shopper journey with in-memory desks: screens, the join form, phone
// validation in words, printing outcomes, idle wipe and the language switch.
#include "kiosk/app/kiosk_app.h"

#include <gtest/gtest.h>

#include <set>

#include "tests/kiosk/app/fake_desks.h"

namespace gb::app {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;  // ms

class KioskAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    deals_.deals.push_back(DealInfo{test::SofaDeal(kT0 / 1000), rules::DealState::kOpen, {}});
    app_.Start(kT0);
  }
  void Tap(std::string_view id) { app_.Tap(id, now_); }
  void Type(std::string_view keys) {
    for (char c : keys) Tap(std::string("key-") + c);
  }
  // Wall -> deal 1 -> join, with a phone and consent.
  void ToFilledJoin() {
    Tap("deal-1");
    Tap("join");
    Type("015112345678");
    Tap("consent");
  }
  const ViewModel& vm() const { return app_.view(); }

  test::FakeDealDesk deals_;
  test::FakePrintDesk printer_;
  AppOptions options_{};
  KioskApp app_{deals_, printer_, options_};
  int64_t now_ = kT0;
};

TEST_F(KioskAppTest, StartsOnTheWallWithTheDeals) {
  EXPECT_EQ(vm().screen, Screen::kWall);
  ASSERT_EQ(vm().deals.size(), 1u);
  EXPECT_EQ(vm().now, kT0 / 1000);
}

TEST_F(KioskAppTest, WallToDealToJoinAndBack) {
  Tap("deal-1");
  EXPECT_EQ(vm().screen, Screen::kDeal);
  ASSERT_TRUE(vm().deal);
  Tap("join");
  EXPECT_EQ(vm().screen, Screen::kJoin);
  Tap("back");
  EXPECT_EQ(vm().screen, Screen::kDeal);
  Tap("back");
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_FALSE(vm().deal);
}

TEST_F(KioskAppTest, UnknownIdsAndDealsAreIgnored) {
  const uint64_t before = app_.revision();
  Tap("deal-99");
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_EQ(vm().notice, "scan.deal_unknown");
  Tap("deal-1x");
  Tap("confirm");  // not on the wall
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_GT(app_.revision(), before);
}

TEST_F(KioskAppTest, JoinRecordsTheNormalisedPhoneAndNameThenPrints) {
  ToFilledJoin();
  Tap("name");
  for (std::string_view k : {"kb-41", "kb-6e", "kb-6e", "kb-61"}) Tap(k);
  EXPECT_EQ(vm().form.name, "Anna");
  Tap("confirm");
  ASSERT_EQ(deals_.joins.size(), 1u);
  EXPECT_EQ(deals_.joins[0].phone_e164, "+4915112345678");
  EXPECT_EQ(deals_.joins[0].name, "Anna");
  EXPECT_EQ(deals_.joins[0].lang, "en");
  EXPECT_EQ(vm().screen, Screen::kPrinting);
  EXPECT_TRUE(vm().form.phone.empty()) << "personal data leaves the screen once recorded";
  EXPECT_EQ(printer_.wakes, 1);
  EXPECT_TRUE(app_.Busy());

  printer_.status.job = JobState::kPrinting;
  app_.Tick(now_ += 200);
  EXPECT_EQ(vm().print.job, JobState::kPrinting);
  printer_.status.job = JobState::kDone;
  app_.Tick(now_ += 200);
  EXPECT_EQ(printer_.last_job, 41);
  EXPECT_EQ(vm().screen, Screen::kDone);
  ASSERT_TRUE(vm().ticket);
  EXPECT_EQ(vm().ticket->position, 1);
  Tap("done");
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_FALSE(vm().ticket);
}

TEST_F(KioskAppTest, BadPhoneIsExplainedAndNothingIsRecorded) {
  Tap("deal-1");
  Tap("join");
  Tap("consent");
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.no_phone");
  Type("123");
  EXPECT_TRUE(vm().form.error.empty()) << "typing clears the error";
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.bad_phone");
  EXPECT_EQ(vm().screen, Screen::kJoin);
  EXPECT_TRUE(deals_.joins.empty());
}

TEST_F(KioskAppTest, ConsentIsRequired) {
  Tap("deal-1");
  Tap("join");
  Type("015112345678");
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.consent");
  EXPECT_TRUE(deals_.joins.empty());
}

TEST_F(KioskAppTest, LedgerRefusalsHaveTheirOwnWords) {
  ToFilledJoin();
  deals_.fail_reason = "sold_out";
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.sold_out");
  deals_.fail_reason = "sold_out_here";  // this kiosk's lease is used up
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.sold_out_here");
  deals_.fail_reason = "kiosk_paused";  // clock out of step with the store
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.kiosk_paused");
  deals_.fail_reason = "kiosk_suspended";
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.kiosk_suspended");
  deals_.fail_reason = "sqlite_busy";
  Tap("confirm");
  EXPECT_EQ(vm().form.error, "join.error.storage");
  EXPECT_EQ(vm().screen, Screen::kJoin);
  EXPECT_EQ(vm().form.phone, "015112345678") << "the shopper may try again";
}

TEST_F(KioskAppTest, WallPagesGoDownAndUpAndAWipeReturnsToTheFirst) {
  Tap("wall-up");
  EXPECT_EQ(vm().wall_page, 0) << "no page before the first";
  Tap("wall-down");
  EXPECT_EQ(vm().wall_page, 0) << "one deal: no second page";
  for (uint32_t id = 2; id <= 6; ++id) {
    DealInfo d = deals_.deals[0];
    d.deal.id = id;
    deals_.deals.push_back(d);
  }
  app_.Tick(now_ += 5'000);  // the wall reads the deals again
  ASSERT_EQ(vm().deals.size(), 6u);
  Tap("wall-down");
  EXPECT_EQ(vm().wall_page, 1);
  Tap("wall-up");
  Tap("wall-down");
  Tap("deal-5");
  EXPECT_EQ(vm().screen, Screen::kDeal);
  Tap("back");
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_EQ(vm().wall_page, 1) << "Back returns to the page the deal was on";
  app_.Tick(now_ += 59'000);
  EXPECT_EQ(vm().wall_page, 1);
  EXPECT_EQ(app_.NextTickMs(), now_ + 1'000) << "the wall wakes for its idle wipe";
  app_.Tick(now_ += 1'000);
  EXPECT_EQ(vm().wall_page, 0) << "the idle wipe returns to the first page";
}

TEST_F(KioskAppTest, LanguageAndPageStayWhenTheShopperGoesBackToTheWall) {
  for (uint32_t id = 2; id <= 6; ++id) {
    DealInfo d = deals_.deals[0];
    d.deal.id = id;
    deals_.deals.push_back(d);
  }
  app_.Tick(now_ += 5'000);
  Tap("lang-ru");
  Tap("wall-down");
  Tap("deal-5");
  Tap("back");
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_EQ(vm().lang, i18n::Lang::kRu) << "Back keeps the language";
  EXPECT_EQ(vm().wall_page, 1);
  Tap("wall-up");
  ToFilledJoin();
  Tap("confirm");
  printer_.status.job = JobState::kDone;
  app_.Tick(now_ += 100);
  ASSERT_EQ(vm().screen, Screen::kDone);
  Tap("done");
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_EQ(vm().lang, i18n::Lang::kRu) << "Done after joining keeps the language";
  EXPECT_FALSE(vm().deal);
  EXPECT_TRUE(vm().form.phone.empty()) << "the journey itself is forgotten";
  EXPECT_FALSE(vm().ticket);
  app_.Tick(now_ += 30'000);
  Tap("lang-zh");  // a tap on the wall restarts its idle time
  app_.Tick(now_ += 59'000);
  EXPECT_EQ(vm().lang, i18n::Lang::kZh);
  app_.Tick(now_ += 1'000);
  EXPECT_EQ(vm().lang, i18n::Lang::kEn) << "an idle wall returns to the kiosk's language";
}

TEST_F(KioskAppTest, ADepositTicketSaysByWhenToPay) {
  deals_.deals[0].deal.deposit = {rules::DepositKind::kAmount, 5000, 48 * 3600};
  app_.Tick(now_ += 5'000);
  ToFilledJoin();
  Tap("confirm");
  ASSERT_TRUE(vm().ticket);
  EXPECT_EQ(vm().ticket->deposit_due, 5000);
  EXPECT_EQ(vm().ticket->deposit_by, now_ / 1000 + 48 * 3600) << "as the receipt prints it";
}

TEST_F(KioskAppTest, AFailedPrintsDoneKeepsTheLanguage) {
  Tap("lang-zh");
  ToFilledJoin();
  printer_.status = PrintStatus{JobState::kHeld, false, "paper_out"};
  Tap("confirm");
  ASSERT_EQ(vm().print_phase, PrintPhase::kFailed);
  Tap("done");
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_EQ(vm().lang, i18n::Lang::kZh);
}

TEST_F(KioskAppTest, HeldPrintShowsTheVoucherOnScreen) {
  ToFilledJoin();
  printer_.status = PrintStatus{JobState::kHeld, false, "paper_out"};
  Tap("confirm");
  EXPECT_EQ(vm().screen, Screen::kPrinting);
  EXPECT_EQ(vm().print_phase, PrintPhase::kFailed);
  EXPECT_EQ(vm().print.reason, "paper_out");
  ASSERT_TRUE(vm().ticket);
  EXPECT_EQ(vm().ticket->voucher_text, "GB1:TEST");
  EXPECT_FALSE(app_.Busy());
  Tap("done");
  EXPECT_EQ(vm().screen, Screen::kWall);
}

TEST_F(KioskAppTest, APrintThatNeverFinishesTimesOut) {
  ToFilledJoin();
  Tap("confirm");
  app_.Tick(now_ += 19'000);
  EXPECT_EQ(vm().print_phase, PrintPhase::kPrinting);
  EXPECT_EQ(vm().idle_seconds_left, std::nullopt) << "no idle reset while printing";
  app_.Tick(now_ += 1'000);
  EXPECT_EQ(vm().print_phase, PrintPhase::kFailed);
}

TEST_F(KioskAppTest, IdleCountsDownThenWipesEverything) {
  ToFilledJoin();
  Tap("lang-ru");
  app_.Tick(now_ += 49'000);
  EXPECT_FALSE(vm().idle_seconds_left);
  app_.Tick(now_ += 1'000);
  EXPECT_EQ(vm().idle_seconds_left, 10);
  app_.Tick(now_ += 3'500);
  EXPECT_EQ(vm().idle_seconds_left, 7);
  app_.Tick(now_ += 6'500);
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_TRUE(vm().form.phone.empty());
  EXPECT_FALSE(vm().form.consent);
  EXPECT_FALSE(vm().deal);
  EXPECT_EQ(vm().lang, i18n::Lang::kEn) << "the next shopper starts in the kiosk's language";
}

TEST_F(KioskAppTest, AnyTapRestartsTheIdleTimer) {
  Tap("deal-1");
  app_.Tick(now_ += 55'000);
  EXPECT_EQ(vm().idle_seconds_left, 5);
  Tap("stay");
  EXPECT_FALSE(vm().idle_seconds_left);
  app_.Tick(now_ += 55'000);
  EXPECT_EQ(vm().screen, Screen::kDeal);
  EXPECT_EQ(app_.NextTickMs(), now_ + 1000);
}

TEST_F(KioskAppTest, LanguageSwitchKeepsWhatWasTyped) {
  Tap("deal-1");
  Tap("join");
  Type("0151");
  Tap("lang-zh");
  EXPECT_EQ(vm().lang, i18n::Lang::kZh);
  EXPECT_EQ(vm().form.phone, "0151");
  EXPECT_EQ(vm().screen, Screen::kJoin);
  Tap("lang-xx");
  EXPECT_EQ(vm().lang, i18n::Lang::kZh);
}

// The name keyboard opens in the shopper's alphabet: Cyrillic for Russian,
// Latin for English and Chinese (pinyin), and follows a language change.
TEST_F(KioskAppTest, NameKeyboardOpensInTheShoppersAlphabet) {
  for (auto [lang, alphabet] : {std::pair{"lang-ru", Alphabet::kCyrillic},
                                {"lang-en", Alphabet::kLatin},
                                {"lang-zh", Alphabet::kLatin}}) {
    SCOPED_TRACE(lang);
    Tap(lang);
    Tap("deal-1");
    Tap("join");
    EXPECT_EQ(vm().form.alphabet, alphabet);
    Tap("back");
    Tap("back");
  }
}

TEST_F(KioskAppTest, NameKeyboardFollowsALanguageChangeOnTheJoinScreen) {
  Tap("deal-1");
  Tap("join");
  EXPECT_EQ(vm().form.alphabet, Alphabet::kLatin);
  Tap("lang-ru");
  EXPECT_EQ(vm().form.alphabet, Alphabet::kCyrillic);
  Tap("kb-layout");  // the shopper can still choose the other one
  EXPECT_EQ(vm().form.alphabet, Alphabet::kLatin);
  Tap("lang-en");
  EXPECT_EQ(vm().form.alphabet, Alphabet::kLatin);
}

TEST_F(KioskAppTest, ClosedDealsCannotBeJoined) {
  deals_.deals[0].deal.stop_at = kT0 / 1000 + 60;
  deals_.deals[0].deal.deadline = kT0 / 1000 + 60;
  app_.Tick(now_ += 61'000);
  Tap("deal-1");
  EXPECT_EQ(BadgeOf(*vm().deal, vm().now), Badge::kFailed);
  Tap("join");
  EXPECT_EQ(vm().screen, Screen::kDeal);
}

TEST_F(KioskAppTest, ShelfCardScanOpensTheDeal) {
  app_.Scan("GBD1:1\r\n", now_);
  EXPECT_EQ(vm().screen, Screen::kDeal);
  Tap("back");
  app_.Scan("hello", now_);
  EXPECT_EQ(vm().notice, "scan.unknown");
  app_.Scan("7-1000-59198", now_);
  EXPECT_EQ(vm().screen, Screen::kWall);
  EXPECT_EQ(vm().notice, "scan.voucher_at_till");
  EXPECT_EQ(app_.NextTickMs(), now_ + 5'000);
  app_.Tick(now_ += 10'000);
  EXPECT_TRUE(vm().notice.empty()) << "a notice does not wait for the next shopper";
}

TEST_F(KioskAppTest, TalliesRefreshOnTheWall) {
  deals_.deals[0].tally.committed = 7;
  app_.Tick(now_ += 4'000);
  EXPECT_EQ(vm().deals[0].tally.committed, 0);
  app_.Tick(now_ += 1'000);
  EXPECT_EQ(vm().deals[0].tally.committed, 7);
}

TEST_F(KioskAppTest, StorageFailureOnTheWallSaysSo) {
  deals_.list_fails = true;
  app_.Tick(now_ += 5'000);
  EXPECT_EQ(vm().wall_error, "wall.error.storage");
  deals_.list_fails = false;
  app_.Tick(now_ += 5'000);
  EXPECT_TRUE(vm().wall_error.empty());
}

TEST(BadgeTest, FollowsStateTimeAndCap) {
  const int64_t now = 1'790'000'000;
  DealInfo d{test::SofaDeal(now), rules::DealState::kOpen, {}};
  EXPECT_EQ(BadgeOf(d, now), Badge::kOpen);
  d.tally.committed = 10;
  EXPECT_EQ(BadgeOf(d, now), Badge::kUnlocked);
  d.deal.cap = 10;
  EXPECT_EQ(BadgeOf(d, now), Badge::kSoldOut);
  d.deal.cap = 0;
  EXPECT_EQ(BadgeOf(d, d.deal.stop_at + 1), Badge::kClosed) << "unlocked, past the stop";
  d.tally.committed = 3;
  EXPECT_EQ(BadgeOf(d, d.deal.stop_at + 1), Badge::kClosed) << "below it, before the deadline";
  EXPECT_EQ(BadgeOf(d, d.deal.deadline + 1), Badge::kFailed);
  EXPECT_EQ(BadgeName(Badge::kFailed), "failed");
}

TEST(BadgeTest, EveryStateHasItsOwnBadge) {
  const int64_t now = 1'790'000'000;
  const DealInfo open{test::SofaDeal(now), rules::DealState::kOpen, {3, 0}};
  DealInfo upcoming = open;
  upcoming.deal.opens_at = now + 3600;
  EXPECT_EQ(BadgeOf(upcoming, now), Badge::kUpcoming);
  EXPECT_FALSE(CanJoin(upcoming, now)) << "nothing can be joined before it opens";
  DealInfo paused = open;
  paused.deal.paused = true;
  EXPECT_EQ(BadgeOf(paused, now), Badge::kPaused);
  DealInfo sold_out = open;
  sold_out.deal.cap = 4;
  sold_out.tally.reserved = 1;
  EXPECT_EQ(BadgeOf(sold_out, now), Badge::kSoldOut) << "reserved places count against the cap";
  EXPECT_FALSE(CanJoin(sold_out, now));
  DealInfo stopped = open;
  stopped.deal.stopped_early_at = now - 60;
  EXPECT_EQ(BadgeOf(stopped, now), Badge::kStopped);
  EXPECT_EQ(BadgeOf(stopped, stopped.deal.deadline + 1), Badge::kFailed)
      << "a stopped deal below its threshold still fails at the deadline";
  DealInfo closed = open;
  closed.state = rules::DealState::kUnlocked;
  closed.tally.committed = 12;
  EXPECT_EQ(BadgeOf(closed, closed.deal.stop_at), Badge::kClosed);
  std::set<std::string_view> names;
  for (Badge b : {Badge::kUpcoming, Badge::kOpen, Badge::kUnlocked, Badge::kSoldOut, Badge::kPaused,
                  Badge::kStopped, Badge::kClosed, Badge::kFailed}) {
    names.insert(BadgeName(b));
    EXPECT_EQ(Ended(b), b == Badge::kStopped || b == Badge::kClosed || b == Badge::kFailed);
  }
  EXPECT_EQ(names.size(), 8u);
}

TEST_F(KioskAppTest, EndedDealsSortLastOnTheWall) {
  const int64_t now = kT0 / 1000;
  DealInfo failed{test::SofaDeal(now), rules::DealState::kOpen, {1, 0}};
  failed.deal.id = 7;
  failed.deal.stop_at = now - 120;
  failed.deal.deadline = now - 60;
  DealInfo stopped{test::SofaDeal(now), rules::DealState::kOpen, {1, 0}};
  stopped.deal.id = 8;
  stopped.deal.stopped_early_at = now - 60;
  DealInfo upcoming{test::SofaDeal(now), rules::DealState::kOpen, {}};
  upcoming.deal.id = 9;
  upcoming.deal.opens_at = now + 3600;
  deals_.deals.insert(deals_.deals.begin(), {failed, stopped});
  deals_.deals.push_back(upcoming);
  app_.Tick(now_ += 5'000);
  std::vector<uint32_t> order;
  for (const DealInfo& d : vm().deals) order.push_back(d.deal.id);
  EXPECT_EQ(order, (std::vector<uint32_t>{1, 9, 7, 8})) << "ended last, catalog order kept";
}

}  // namespace
}  // namespace gb::app
