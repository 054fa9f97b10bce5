// Staff screens: the deals paged with a stop on every open deal, no
// shopper data and the till's verdict word, and one tap that could do harm
// asking first, in three languages.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "kiosk/app/staff_flow.h"
#include "tests/ui/kiosk_scenes.h"
#include "tests/ui/layout_checks.h"
#include "tests/ui/views_fixture.h"
#include "ui/button.h"
#include "ui/sdl/sdl_text_measurer.h"
#include "ui/theme.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::ui {
namespace {

TEST_F(ViewsRenderTest, StaffDealsArePagedAndEveryDealCanBeStopped) {
  app::ViewModel vm = test::Scene("staff-deals-more", i18n::Lang::kRu);
  const Theme theme = Theme::Default();
  SdlTextMeasurer measurer(*fonts_);
  const LayoutContext ctx{measurer, theme, hyph_};
  for (Size size : {kPortrait, kLandscape, Size{1200, 1600}, Size{1920, 1200}}) {
    std::set<int> seen;
    for (int page = 0; page < 9; ++page) {
      vm.staff.deals_page = page;
      auto tree = views::BuildScreen(vm, i18n::Catalog::For(i18n::Lang::kRu), size);
      tree->Measure({size.width, size.height}, ctx);
      tree->Layout({0, 0, size.width, size.height}, ctx);
      const std::string name = std::to_string(size.width) + "x" + std::to_string(size.height) +
                               " page " + std::to_string(page);
      ExpectInside(*tree, size, name);
      for (int id = 1; id <= 9; ++id) {
        if (tree->FindById("staff-deal-" + std::to_string(id)) != nullptr) {
          EXPECT_TRUE(seen.insert(id).second) << name << ": deal " << id << " on two pages";
          // Open deals can be stopped from their card (3 has stopped already).
          if (id != 3) {
            EXPECT_NE(tree->FindById("stop-" + std::to_string(id)), nullptr) << name << " " << id;
          }
        }
      }
      EXPECT_EQ(tree->FindById("staff-deals-up") != nullptr, page > 0) << name;
      if (tree->FindById("staff-deals-down") == nullptr) break;
    }
    EXPECT_EQ(seen.size(), 9u) << "every deal is on some page at " << size.width << "x"
                               << size.height;
  }
}

TEST_F(ViewsRenderTest, StaffScreensShowNoShopperDataAndTheVerdictWord) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    Rendered valid = Render("redeem-valid", lang, kPortrait);
    EXPECT_EQ(valid.tree->FindById("redeem-verdict")->AutomationText(), "VALID");
    EXPECT_EQ(valid.tree->FindById("key-plus"), nullptr);  // a short code has no '+'
    Rendered refused = Render("redeem-refused", lang, kLandscape);
    EXPECT_EQ(refused.tree->FindById("redeem-verdict")->AutomationText(), "ALREADY_REDEEMED");
    EXPECT_EQ(refused.tree->FindById("redeem-confirm"), nullptr);
    Rendered pin = Render("pin-wrong", lang, kPortrait);
    EXPECT_EQ(pin.tree->FindById("pin")->AutomationText(), "\xE2\x97\x8F\xE2\x97\x8F");
    EXPECT_EQ(pin.tree->FindById("key-plus"), nullptr);
    EXPECT_EQ(pin.tree->FindById("name"), nullptr);
    EXPECT_EQ(pin.tree->FindById("phone"), nullptr);
  }
}

// A deposit the store's identity alarm refused offers nothing to take: no
// amount "to take", no button to take it, in either orientation.
TEST_F(ViewsRenderTest, ADepositRefusedForTheIdentityAlarmOffersNoMoney) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    for (ui::Size size : {kPortrait, kLandscape}) {
      Rendered r = Render("deposit-alarm", lang, size);
      EXPECT_EQ(r.tree->FindById("deposit-confirm"), nullptr) << size.width;
      EXPECT_EQ(r.tree->FindById("till-amount"), nullptr) << size.width;
      EXPECT_NE(r.tree->FindById("redeem-next"), nullptr) << size.width;
    }
    Rendered taken = Render("deposit-taken", lang, kPortrait);  // the same tab, no alarm
    EXPECT_NE(taken.tree->FindById("till-amount"), nullptr);
  }
}

// A cashier sees no "stop sign-ups" (a manager's act) on any deal, and one
// line says who may; a manager sees it on every deal that takes sign-ups.
TEST_F(ViewsRenderTest, OnlyAManagerIsOfferedToStopSignUps) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    for (Size size : {kPortrait, kLandscape}) {
      const std::string where = std::string(i18n::LangCode(lang)) + " " +
                                std::to_string(size.width) + "x" + std::to_string(size.height);
      Rendered cashier = Render("staff-deals-cashier", lang, size);
      Rendered manager = Render("staff-deals", lang, size);
      for (int id = 1; id <= 3; ++id) {
        EXPECT_EQ(cashier.tree->FindById("stop-" + std::to_string(id)), nullptr) << where;
      }
      EXPECT_NE(manager.tree->FindById("stop-1"), nullptr) << where;
      ASSERT_NE(cashier.tree->FindById("deals-manager-only"), nullptr) << where;
      EXPECT_EQ(cashier.tree->FindById("deals-manager-only")->AutomationText(),
                cat.Text("deals.manager_only"));
      EXPECT_EQ(manager.tree->FindById("deals-manager-only"), nullptr) << where;
      // The shelf cards stay: printing one is a cashier's job too.
      EXPECT_NE(cashier.tree->FindById("shelf-1"), nullptr) << where;
    }
  }
}

// Staff screens where one tap could do harm ask first or say plainly what
// is true, in every language.
TEST_F(ViewsRenderTest, StaffScreensAskBeforeHarmAndNameWhatIsTrue) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    const std::string where(i18n::LangCode(lang));
    Rendered deals = Render("staff-deals", lang, kPortrait);
    const auto* stop = dynamic_cast<const Button*>(deals.tree->FindById("stop-1"));
    ASSERT_NE(stop, nullptr);
    EXPECT_TRUE(stop->secondary()) << where << ": stopping is not the filled main button";
    // The coffee table did not unlock: no shelf card invites anyone to join it.
    EXPECT_EQ(deals.tree->FindById("shelf-3"), nullptr) << where;
    EXPECT_NE(deals.tree->FindById("shelf-1"), nullptr) << where;
    EXPECT_EQ(deals.tree->FindById("today-2")->AutomationText(),
              cat.Plural("deals.today", 1, {{"redeemed", "2"}}));
    Rendered ask = Render("staff-deals-confirm", lang, kPortrait);
    EXPECT_EQ(ask.tree->FindById("stop-deal")->AutomationText(),
              views::Title(test::Scene("staff-deals-confirm", lang).deals[0].deal, cat))
        << where << ": the question names the deal";
    const auto* keep = dynamic_cast<const Button*>(ask.tree->FindById("stop-keep"));
    const auto* yes = dynamic_cast<const Button*>(ask.tree->FindById("stop-confirm"));
    ASSERT_NE(keep, nullptr);
    ASSERT_NE(yes, nullptr);
    EXPECT_FALSE(keep->secondary());
    EXPECT_TRUE(yes->secondary());
    EXPECT_EQ(ask.tree->FindById("stop-1"), nullptr) << "nothing else to tap while asked";

    const std::string armchair = views::Title(test::Scene("redeem-valid", lang).deals[1].deal, cat);
    Rendered valid = Render("redeem-valid", lang, kPortrait);
    EXPECT_NE(valid.tree->FindById("redeem-detail")->AutomationText().find(armchair),
              std::string::npos)
        << where << ": VALID names the product to hand over";
    Rendered done = Render("redeem-done", lang, kPortrait);
    EXPECT_NE(done.tree->FindById("redeem-verdict")->AutomationText(), "");
    EXPECT_NE(ShownText(*done.tree).find(cat.Text("redeem.redeemed_heading")), std::string::npos);
    EXPECT_EQ(ShownText(*done.tree).find("\n" + cat.Text("verdict.VALID") + "\n"),
              std::string::npos)
        << where << ": no green Valid left standing once redeemed";
    EXPECT_EQ(done.tree->FindById("redeem-confirm"), nullptr);

    Rendered scan = Render("redeem-not-voucher", lang, kLandscape);
    EXPECT_EQ(scan.tree->FindById("redeem-verdict")->AutomationText(), "NOT_A_VOUCHER");
    EXPECT_NE(ShownText(*scan.tree).find(cat.Text("verdict.NOT_A_VOUCHER")), std::string::npos);
    EXPECT_EQ(ShownText(*scan.tree).find(cat.Text("verdict.FORGED")), std::string::npos);

    Rendered paid = Render("deposit-paid", lang, kPortrait);
    EXPECT_EQ(paid.tree->FindById("till-amount")->AutomationText().find(cat.Text("till.no_deposit")),
              std::string::npos);
    EXPECT_NE(paid.tree->FindById("till-amount")
                  ->AutomationText()
                  .find(cat.DateTime(test::kSceneNow - 26 * 3600, 0)),
              std::string::npos)
        << where << ": says when the deposit was paid";
    EXPECT_EQ(paid.tree->FindById("deposit-confirm"), nullptr);

    Rendered locked = Render("pin-locked", lang, kPortrait);
    for (const char* id : {"key-1", "key-0", "key-back", "key-clear", "pin-enter"}) {
      const auto* key = dynamic_cast<const Button*>(locked.tree->FindById(id));
      ASSERT_NE(key, nullptr) << id;
      EXPECT_FALSE(key->enabled()) << where << ": #" << id << " looks usable while locked";
    }
    EXPECT_NE(locked.tree->FindById("pin-error")->AutomationText().find(
                  cat.DateTime(test::kSceneNow + 15 * 60, 0)),
              std::string::npos);
    EXPECT_TRUE(dynamic_cast<const Button*>(locked.tree->FindById("staff-exit"))->enabled());
  }
  EXPECT_EQ(Render("redeem-done", i18n::Lang::kEn, kPortrait)
                .tree->FindById("redeem-verdict")
                ->AutomationText(),
            "VALID")
      << "scripts still read the till's verdict";
  EXPECT_EQ(Render("staff-deals", i18n::Lang::kEn, kPortrait).tree->FindById("today-2")
                ->AutomationText(),
            "Today: 1 sign-up, 2 redeemed");
}

// Every reason the printer drivers give has its own words; on the wall the
// alert says it whole in the top bar without moving anything below, and the
// Printer tab adds the driver's own words for whoever fixes it.
TEST_F(ViewsRenderTest, ThePrinterAlertIsReadableAndStaffSeeTheDriversWords) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    const std::string where(i18n::LangCode(lang));
    for (Size size : {kPortrait, kLandscape, Size{1200, 1600}}) {
      Rendered calm = Render("wall", lang, size);
      for (const char* reason : {"paper_out", "cover_open", "offline", "unplugged", "timeout",
                                 "stale", "error", "no_device", "no_permission", "busy",
                                 "io_error"}) {
        EXPECT_TRUE(cat.Has("printer.reason." + std::string(reason))) << where << " " << reason;
        EXPECT_TRUE(cat.Has("printer.alert." + std::string(reason))) << where << " " << reason;
        app::ViewModel vm = test::Scene("wall", lang);
        vm.printer = app::PrinterState{false, reason, 0, 1, "detail"};
        Rendered busy = Render(vm, size);
        const std::string what = where + " " + reason + " " + std::to_string(size.width);
        const Widget* alert = busy.tree->FindById("printer-alert");
        ASSERT_NE(alert, nullptr) << what;
        EXPECT_NE(alert->AutomationText().find(cat.Text("printer.alert." + std::string(reason))),
                  std::string::npos)
            << what;
        EXPECT_EQ(alert->AutomationText().find("detail"), std::string::npos)
            << "the driver's words are for staff, not on the wall";
        int seen = 0;
        ExpectEssentialsWhole(*alert, what, seen);
        EXPECT_EQ(seen, 1) << what;
        ExpectNothingMoved(*calm.tree, *busy.tree, what);
      }
    }
    Rendered denied = Render("staff-printer-denied", lang, kPortrait);
    EXPECT_EQ(denied.tree->FindById("printer-state")->AutomationText().find(
                  cat.Text("printer.reason.error")),
              std::string::npos)
        << where << ": not just \"the printer has a problem\"";
    ASSERT_NE(denied.tree->FindById("printer-detail"), nullptr) << where;
    EXPECT_NE(denied.tree->FindById("printer-detail")->AutomationText().find(
                  "open /dev/usb/lp0: Permission denied"),
              std::string::npos);
    EXPECT_EQ(Render("staff-printer-out", lang, kPortrait).tree->FindById("printer-detail"),
              nullptr)
        << "no detail given, none shown";
  }
}

}  // namespace
}  // namespace gb::ui
