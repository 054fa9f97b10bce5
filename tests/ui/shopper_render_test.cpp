// A shopper's screens after the wall: join (the keyboard's alphabet, errors
// that move nothing), printing and done (the voucher on screen scans back,
// deposits say when the place counts), the idle banner, and check and
// cancel, in three languages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "drivers/virtual/gray_image.h"
#include "tests/support/qr_scan.h"
#include "tests/ui/kiosk_scenes.h"
#include "tests/ui/layout_checks.h"
#include "tests/ui/views_fixture.h"
#include "ui/button.h"
#include "ui/views/views.h"

namespace gb::ui {
namespace {

// Russian opens the name keyboard in Cyrillic (й is "kb-439"), English and
// Chinese in Latin; Chinese says plainly to type the name in pinyin.
TEST_F(ViewsRenderTest, NameKeyboardFollowsTheLanguageAndChineseIsToldPinyin) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    SCOPED_TRACE(std::string(i18n::LangCode(lang)));
    Rendered r = Render("join-name", lang, kPortrait);
    const bool ru = lang == i18n::Lang::kRu;
    EXPECT_EQ(r.tree->FindById("kb-439") != nullptr, ru);
    EXPECT_EQ(r.tree->FindById("kb-71") != nullptr, !ru);
    const Widget* note = r.tree->FindById("join-name-note");
    EXPECT_EQ(note != nullptr, lang == i18n::Lang::kZh);
    if (note != nullptr) {
      EXPECT_NE(note->AutomationText().find("拼音"), std::string::npos);
    }
  }
}

TEST_F(ViewsRenderTest, TheVoucherOnScreenScansBack) {
  for (Size size : {kPortrait, kLandscape}) {
    Rendered r = Render("print-failed", i18n::Lang::kEn, size);
    ASSERT_FALSE(r.pixels.empty());
    virtual_printer::GrayImage gray{size.width, size.height, {}};
    gray.pixels.reserve(r.pixels.size());
    for (const std::uint32_t p : r.pixels) {
      const auto g = (((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF)) / 3;
      gray.pixels.push_back(static_cast<std::uint8_t>(g));
    }
    const std::vector<std::string> codes = virtual_printer::ScanQrCodes(gray);
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_EQ(codes[0], test::Scene("print-failed", i18n::Lang::kEn).ticket->voucher_text);
  }
}

TEST_F(ViewsRenderTest, DoneSaysThePlaceAndWhatIsMissing) {
  Rendered r = Render("done", i18n::Lang::kEn, kPortrait);
  EXPECT_EQ(r.tree->FindById("done-title")->AutomationText(), "You are #8.");
  EXPECT_NE(r.tree->FindById("done-detail")->AutomationText().find("We need 2 more by"),
            std::string::npos);
  Rendered ru = Render("wall", i18n::Lang::kRu, kPortrait);
  EXPECT_NE(ru.tree->FindById("deal-1")->AutomationText().find("7 из 10 участвуют"),
            std::string::npos)
      << ru.tree->FindById("deal-1")->AutomationText();
}

TEST_F(ViewsRenderTest, CheckAndCancelKeepThePlaceByDefaultAndNeverContradict) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    const std::string where(i18n::LangCode(lang));
    Rendered ask = Render("check-confirm", lang, kPortrait);
    const auto* keep = dynamic_cast<const Button*>(ask.tree->FindById("cancel-keep"));
    const auto* yes = dynamic_cast<const Button*>(ask.tree->FindById("cancel-confirm"));
    ASSERT_NE(keep, nullptr);
    ASSERT_NE(yes, nullptr);
    EXPECT_FALSE(keep->secondary()) << where << ": keeping the place is the main button";
    EXPECT_TRUE(yes->secondary()) << where;
    EXPECT_LT(keep->rect().y, yes->rect().y) << where << ": keeping comes first";
    ExpectNothingEllipsized(*ask.tree->FindById("cancel-keep"), where);
    ExpectNothingEllipsized(*ask.tree->FindById("cancel-confirm"), where);
    for (const char* scene : {"check-cancelled", "check-used"}) {
      Rendered r = Render(scene, lang, kPortrait);
      const std::string title = r.tree->FindById("check-title")->AutomationText();
      EXPECT_EQ(title.find('#'), std::string::npos) << where << " " << scene << ": " << title;
      EXPECT_NE(title.find(cat.Text("done.you_are", {{"n", "7"}})), 0u);
    }
    EXPECT_EQ(Render("check-cancelled", lang, kPortrait).tree->FindById("check-state")->AutomationText(),
              cat.Text("check.state.cancelled"));
    // The wall says, on every page, that a voucher can be checked here and
    // that nobody pays if a deal does not unlock.
    for (const char* scene : {"wall", "wall-more", "wall-states"}) {
      for (Size size : {kPortrait, kLandscape}) {
        Rendered r = Render(scene, lang, size);
        const Widget* foot = r.tree->FindById("wall-footer");
        ASSERT_NE(foot, nullptr) << where << " " << scene;
        EXPECT_NE(foot->AutomationText().find(cat.Text("wall.promise")), std::string::npos);
        EXPECT_NE(foot->AutomationText().find(cat.Text("wall.scan_hint")), std::string::npos);
      }
    }
  }
  // Without a till, a voucher scanned on the wall cannot be checked: no hint.
  app::ViewModel shop = test::Scene("wall", i18n::Lang::kEn);
  shop.voucher_check = false;
  auto tree = views::BuildScreen(shop, i18n::Catalog::For(i18n::Lang::kEn), kPortrait);
  EXPECT_EQ(tree->FindById("wall-footer")->AutomationText(),
            i18n::Catalog::For(i18n::Lang::kEn).Text("wall.promise"));
}

// A deposit deal's place counts once the deposit is paid: every result
// screen and the voucher on screen say so, and the headline agrees.
TEST_F(ViewsRenderTest, DepositDealsSayWhenThePlaceCounts) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    const std::string where(i18n::LangCode(lang));
    const std::string counts = cat.Text(
        "done.deposit_counts", {{"amount", cat.Money(2990, "EUR")},
                                {"time", cat.DateTime(test::kSceneNow + 86400, 0)}});
    for (Size size : {kPortrait, kLandscape}) {
      Rendered done = Render("done-deposit", lang, size);
      EXPECT_EQ(done.tree->FindById("done-detail")->AutomationText(), counts) << where;
      const std::string title = done.tree->FindById("done-title")->AutomationText();
      EXPECT_EQ(title, cat.Text("done.held", {{"n", "4"}})) << where;
      Rendered failed = Render("print-failed-deposit", lang, size);
      ASSERT_NE(failed.tree->FindById("voucher-deposit"), nullptr) << where;
      EXPECT_EQ(failed.tree->FindById("voucher-deposit")->AutomationText(), counts);
    }
    Rendered plain = Render("done", lang, kPortrait);
    EXPECT_EQ(plain.tree->AutomationText().find(cat.Text("done.held", {{"n", "8"}})),
              std::string::npos);
    EXPECT_EQ(Render("print-failed", lang, kPortrait).tree->FindById("voucher-deposit"), nullptr);
  }
}

// The join error and the idle countdown come without moving a key, a box
// or a button.
TEST_F(ViewsRenderTest, ErrorsAndTheIdleBannerMoveNothingUnderAFinger) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    for (Size size : {kPortrait, kLandscape, Size{1200, 1600}}) {
      const std::string where = std::string(i18n::LangCode(lang)) + " " +
                                std::to_string(size.width) + "x" + std::to_string(size.height);
      for (const char* scene : {"join", "join-paused", "join-sold-out-here"}) {
        app::ViewModel vm = test::Scene(scene, lang);
        ASSERT_FALSE(vm.form.error.empty());
        Rendered busy = Render(vm, size);
        vm.form.error.clear();
        Rendered calm = Render(vm, size);
        ASSERT_NE(busy.tree->FindById("join-error"), nullptr);
        ExpectNothingMoved(*calm.tree, *busy.tree, where + " " + scene);
        ExpectInside(*busy.tree, size, where + " " + scene);
      }
      for (const char* scene : {"done", "deal", "check-confirm"}) {
        app::ViewModel vm = test::Scene(scene, lang);
        vm.idle_seconds_left.reset();
        Rendered calm = Render(vm, size);
        vm.idle_seconds_left = 3;
        Rendered busy = Render(vm, size);
        ASSERT_NE(busy.tree->FindById("stay"), nullptr);
        const Rect stay = busy.tree->FindById("stay")->rect();
        EXPECT_EQ(busy.tree->HitTestId({stay.x + stay.width / 2, stay.y + stay.height / 2}),
                  "stay")
            << where << ": the banner lies on top";
        ExpectNothingMoved(*calm.tree, *busy.tree, where + " " + scene);
      }
    }
  }
}

// The phone is shown grouped as typed (scripts still read the digits), and
// '+' only starts a number: greyed out once a digit is typed.
TEST_F(ViewsRenderTest, ThePhoneIsGroupedAndPlusOnlyStartsIt) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    app::ViewModel vm = test::Scene("join-paused", lang);
    Rendered typed = Render(vm, kPortrait);
    EXPECT_EQ(typed.tree->FindById("phone")->AutomationText(), "+4915112345678");
    const auto* plus = dynamic_cast<const Button*>(typed.tree->FindById("key-plus"));
    ASSERT_NE(plus, nullptr);
    EXPECT_FALSE(plus->enabled()) << "'+' after the first digit would do nothing";
    EXPECT_TRUE(dynamic_cast<const Button*>(typed.tree->FindById("key-1"))->enabled());
    vm.form.phone.clear();
    Rendered empty = Render(vm, kPortrait);
    EXPECT_TRUE(dynamic_cast<const Button*>(empty.tree->FindById("key-plus"))->enabled());
  }
}

}  // namespace
}  // namespace gb::ui
