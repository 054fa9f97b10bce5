// The kiosk's screens (ui/views) rendered headless with the software
// renderer: every screen in English, Russian and Chinese, portrait and
// landscape, against golden screenshots (stored at half size, 2x2 averaged,
// to keep the repository small); nothing laid out past the screen's edge;
// the fixed automation ids present; the on-screen voucher QR readable.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <cstdio>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "drivers/virtual/gray_image.h"
#include "kiosk/app/staff_flow.h"
#include "tests/support/qr_scan.h"
#include "tests/ui/kiosk_scenes.h"
#include "tests/ui/layout_checks.h"
#include "tests/ui/rgba_golden.h"
#include "ui/button.h"
#include "ui/label.h"
#include "ui/sdl/font_chain.h"
#include "ui/sdl/sdl_canvas.h"
#include "ui/sdl/sdl_text_measurer.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::ui {
namespace {

constexpr Size kPortrait{1080, 1920};
constexpr Size kLandscape{1920, 1080};

struct Rendered {
  std::unique_ptr<Widget> tree;
  std::vector<std::uint32_t> pixels;
};

class ViewsRenderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto fonts = FontChain::Create();
    ASSERT_TRUE(fonts.ok()) << fonts.status().ToString();
    fonts_ = std::move(fonts).value().release();
  }
  static void TearDownTestSuite() {
    delete fonts_;
    fonts_ = nullptr;
  }

  static Rendered Render(const std::string& scene, i18n::Lang lang, Size size) {
    return Render(test::Scene(scene, lang), size);
  }
  static Rendered Render(const app::ViewModel& vm, Size size) {
    Rendered r;
    const i18n::Lang lang = vm.lang;
    const Theme theme = Theme::Default().Scaled(views::Scale(size));
    SdlTextMeasurer measurer(*fonts_);
    const LayoutContext ctx{measurer, theme};
    r.tree = views::BuildScreen(vm, i18n::Catalog::For(lang), size);
    r.tree->Measure({size.width, size.height}, ctx);
    r.tree->Layout({0, 0, size.width, size.height}, ctx);
    auto canvas = SdlCanvas::Create(size, *fonts_);
    EXPECT_TRUE(canvas.ok());
    if (!canvas.ok()) return r;
    EXPECT_TRUE((*canvas)->Render(*r.tree, theme).ok());
    auto px = (*canvas)->ReadPixels();
    EXPECT_TRUE(px.ok());
    if (px.ok()) r.pixels = std::move(*px);
    return r;
  }

  static inline FontChain* fonts_ = nullptr;
};

using Param = std::tuple<std::string, i18n::Lang, bool>;

class ScreenTest : public ViewsRenderTest, public ::testing::WithParamInterface<Param> {};

TEST_P(ScreenTest, FitsTheScreenAndMatchesGolden) {
  const auto& [scene, lang, landscape] = GetParam();
  const Size size = landscape ? kLandscape : kPortrait;
  Rendered r = Render(scene, lang, size);
  ASSERT_FALSE(r.pixels.empty());
  const std::string name = scene + "_" + std::string(i18n::LangCode(lang)) + "_" +
                           std::to_string(size.width) + "x" + std::to_string(size.height);
  ExpectInside(*r.tree, size, name);
  ExpectNoSiblingOverlap(*r.tree, name);
  if (const Widget* tabs = r.tree->FindById("staff-tabs")) ExpectNothingEllipsized(*tabs, name);
  if (app::IsStaffScreen(test::Scene(scene, lang).screen)) {
    // Every button of a staff screen says all it says.
    std::vector<const Widget*> stack{r.tree.get()};
    while (!stack.empty()) {
      const Widget* w = stack.back();
      stack.pop_back();
      if (const auto* b = dynamic_cast<const Button*>(w)) {
        EXPECT_EQ(b->shown_caption(), b->caption()) << name << ": #" << b->id() << " is cut short";
      }
      for (const auto& child : w->children()) stack.push_back(child.get());
    }
  }
  for (const char* id : {"lang-en", "lang-ru", "lang-zh", "staff"}) {
    EXPECT_NE(r.tree->FindById(id), nullptr) << name << " lacks #" << id;
  }
  GB_EXPECT_RGBA_GOLDEN(test::HalfSize(r.pixels, size), (Size{size.width / 2, size.height / 2}),
                        "tests/ui/golden/views/" + name + ".png");
}

std::string ParamName(const ::testing::TestParamInfo<Param>& info) {
  std::string scene = std::get<0>(info.param);
  for (char& c : scene) {
    if (c == '-') c = '_';
  }
  return scene + "_" + std::string(i18n::LangCode(std::get<1>(info.param))) +
         (std::get<2>(info.param) ? "_landscape" : "_portrait");
}

INSTANTIATE_TEST_SUITE_P(AllScreens, ScreenTest,
                         ::testing::Combine(::testing::ValuesIn(test::SceneNames()),
                                            ::testing::Values(i18n::Lang::kEn, i18n::Lang::kRu,
                                                              i18n::Lang::kZh),
                                            ::testing::Bool()),
                         ParamName);

TEST_F(ViewsRenderTest, SizesBetweenTheTwoPanelsFitToo) {
  for (Size size : {Size{1200, 1600}, Size{1440, 1440}, Size{1600, 1200}, Size{1920, 1200}}) {
    for (const std::string& scene : test::SceneNames()) {
      for (i18n::Lang lang : i18n::kAllLangs) {
        Rendered r = Render(scene, lang, size);
        ExpectInside(*r.tree, size,
                     scene + "_" + std::string(i18n::LangCode(lang)) + "_" +
                         std::to_string(size.width) + "x" + std::to_string(size.height));
      }
    }
  }
}

TEST_F(ViewsRenderTest, FixedIdsAreOnTheirScreens) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> want = {
      {"wall", {"deal-1", "deal-2", "deal-3"}},
      {"deal", {"join", "back", "deal-title"}},
      {"join", {"phone", "name", "consent", "confirm", "key-0", "key-9", "key-back", "join-error"}},
      {"join-name", {"kb-430", "kb-shift", "kb-layout", "kb-space"}},
      {"printing", {"print-title", "print-progress", "print-state", "done-title"}},
      {"print-failed", {"voucher-qr", "voucher-code", "print-state", "done"}},
      {"done", {"done", "done-title", "done-detail", "idle-countdown", "stay"}},
      {"pin-wrong", {"pin", "pin-error", "pin-enter", "staff-exit", "key-0", "key-clear"}},
      {"redeem-valid",
       {"code", "key-dash", "redeem-check", "redeem-verdict", "redeem-detail", "redeem-confirm",
        "redeem-next", "staff-exit"}},
      {"redeem-refused", {"redeem-verdict", "redeem-detail", "redeem-next"}},
      {"check-confirm", {"check-title", "check-state", "cancel-confirm", "cancel-keep", "done"}},
      {"check-stopped", {"check-title", "check-state", "check-no-cancel", "done"}},
      {"deposit-taken", {"till-amount", "till-result", "tab-deposit", "tab-deals"}},
      {"staff-deals",
       {"today-1", "today-2", "stop-1", "stop-2", "shelf-1", "shelf-3", "staff-exit", "tab-redeem",
        "tab-printer"}},
      {"staff-printer",
       {"printer-state", "printer-queue", "printer-result", "printer-test", "printer-reprint",
        "code", "key-dash", "tab-printer", "staff-exit"}},
      {"staff-printer-out", {"printer-state", "printer-error", "code", "printer-reprint"}},
      {"wall-printer-out", {"printer-alert", "deal-1"}},
      {"wall-more", {"deal-1", "deal-2", "deal-3", "deal-4", "wall-down", "wall-page"}},
      {"staff-deals-more", {"stop-1", "today-1", "staff-deals-down", "staff-deals-page"}},
      {"redeem-offline", {"code", "redeem-error", "redeem-check"}},
      {"join-paused", {"join-error", "confirm"}},
      {"join-sold-out-here", {"join-error", "confirm"}},
  };
  for (const auto& [scene, ids] : want) {
    Rendered r = Render(scene, i18n::Lang::kRu, kPortrait);
    for (const std::string& id : ids) {
      EXPECT_NE(r.tree->FindById(id), nullptr) << scene << " lacks #" << id;
    }
  }
}

TEST_F(ViewsRenderTest, AWallOfSevenDealsIsPagedNotSqueezed) {
  app::ViewModel vm = test::Scene("wall-more", i18n::Lang::kEn);
  const Theme theme = Theme::Default();
  SdlTextMeasurer measurer(*fonts_);
  const LayoutContext ctx{measurer, theme};
  for (Size size : {kPortrait, kLandscape}) {
    const int per_page = views::Landscape(size) ? 3 : 4;
    int seen = 0;
    for (int page = 0; page < 3; ++page) {
      vm.wall_page = page;
      auto tree = views::BuildScreen(vm, i18n::Catalog::For(i18n::Lang::kEn), size);
      tree->Measure({size.width, size.height}, ctx);
      tree->Layout({0, 0, size.width, size.height}, ctx);
      int cards = 0;
      for (int id = 1; id <= 7; ++id) {
        const Widget* card = tree->FindById("deal-" + std::to_string(id));
        if (card == nullptr) continue;
        ++cards;
        // As big as a card on a wall of three.
        EXPECT_GE(card->rect().width, views::Landscape(size) ? 600 : 490) << "deal-" << id;
      }
      EXPECT_LE(cards, per_page);
      seen += cards;
      EXPECT_EQ(tree->FindById("wall-up") != nullptr, page > 0) << page;
      const bool last = (page + 1) * per_page >= 7;
      EXPECT_EQ(tree->FindById("wall-down") != nullptr, !last) << page;
      if (last) break;
    }
    EXPECT_EQ(seen, 7) << "every deal is on some page";
  }
}

TEST_F(ViewsRenderTest, StaffDealsArePagedAndEveryDealCanBeStopped) {
  app::ViewModel vm = test::Scene("staff-deals-more", i18n::Lang::kRu);
  const Theme theme = Theme::Default();
  SdlTextMeasurer measurer(*fonts_);
  const LayoutContext ctx{measurer, theme};
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

// Every state has its own badge and words in every language, and what has
// passed is never offered as something still to do.
TEST_F(ViewsRenderTest, EveryDealStateHasItsOwnBadgeAndWords) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    std::set<std::string> badges;
    for (app::Badge b : {app::Badge::kUpcoming, app::Badge::kOpen, app::Badge::kUnlocked,
                         app::Badge::kSoldOut, app::Badge::kPaused, app::Badge::kStopped,
                         app::Badge::kClosed, app::Badge::kFailed}) {
      const std::string key = "badge." + std::string(app::BadgeName(b));
      EXPECT_TRUE(cat.Has(key)) << key;
      badges.insert(views::BadgeText(b, cat));
    }
    EXPECT_EQ(badges.size(), 8u) << i18n::LangCode(lang) << ": two states share a badge";
    Rendered wall = Render("wall-states", lang, kPortrait);
    const auto card = [&](int id) {
      return wall.tree->FindById("deal-" + std::to_string(id))->AutomationText();
    };
    const auto has = [](const std::string& text, const std::string& part) {
      return text.find(part) != std::string::npos;
    };
    EXPECT_TRUE(has(card(4), views::BadgeText(app::Badge::kUpcoming, cat))) << card(4);
    EXPECT_TRUE(has(card(5), views::BadgeText(app::Badge::kSoldOut, cat))) << card(5);
    EXPECT_TRUE(has(card(5), cat.Text("wall.sold_out_note"))) << card(5);
    EXPECT_TRUE(has(card(6), views::BadgeText(app::Badge::kStopped, cat))) << card(6);
    EXPECT_TRUE(has(card(7), views::BadgeText(app::Badge::kClosed, cat))) << card(7);
    for (int id : {5, 6, 7}) {
      EXPECT_FALSE(has(card(id), "\xE2\x86\x92")) << "no next tier on a deal nobody can join";
    }
  }
  Rendered wall = Render("wall-states", i18n::Lang::kEn, kPortrait);
  EXPECT_NE(wall.tree->FindById("deal-4")->AutomationText().find("Opens Tue 22 Sep 13:40"),
            std::string::npos);

  Rendered upcoming = Render("deal-upcoming", i18n::Lang::kEn, kPortrait);
  const auto* join = dynamic_cast<const Button*>(upcoming.tree->FindById("join"));
  ASSERT_NE(join, nullptr);
  EXPECT_FALSE(join->enabled()) << "nothing can be joined before it opens";
  EXPECT_EQ(join->caption(), "Opens Tue 22 Sep 13:40");
  EXPECT_EQ(upcoming.tree->FindById("deal-state")->AutomationText(),
            "Sign-ups open Tue 22 Sep 13:40. Nothing can be joined before then.");

  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    Rendered failed = Render("deal-failed", lang, kPortrait);
    const app::ViewModel vm = test::Scene("deal-failed", lang);
    const std::string terms = failed.tree->FindById("terms")->AutomationText();
    const std::string stop = cat.DateTime(rules::EffectiveStop(vm.deal->deal), 0);
    const std::string deadline = cat.DateTime(vm.deal->deal.deadline, 0);
    EXPECT_EQ(terms.find(stop), std::string::npos) << "no past last day to cancel: " << terms;
    EXPECT_EQ(terms.find(deadline), std::string::npos) << "no past deadline as a condition";
    const std::string page = failed.tree->AutomationText();
    EXPECT_EQ(page.find("\xE2\x86\x92"), std::string::npos) << "no \"5 more → €80\": " << page;
    EXPECT_FALSE(dynamic_cast<const Button*>(failed.tree->FindById("join"))->enabled());
    EXPECT_NE(failed.tree->FindById("deal-state"), nullptr);
    Rendered closed = Render("deal-closed", lang, kPortrait);
    EXPECT_EQ(closed.tree->FindById("terms")->AutomationText().find(
                  cat.DateTime(rules::EffectiveStop(test::Scene("deal-closed", lang).deal->deal), 0)),
              std::string::npos);
  }
  Rendered failed = Render("deal-failed", i18n::Lang::kEn, kPortrait);
  EXPECT_NE(failed.tree->FindById("deal-state")->AutomationText().find(
                "Did not unlock \xE2\x80\x93 nobody pays"),
            std::string::npos);
}

// Every label's text and button's caption under w, one a line, whatever
// a container reports to scripts.
std::string ShownText(const Widget& w) {
  std::string out;
  if (const auto* l = dynamic_cast<const Label*>(&w)) out += l->text() + "\n";
  if (const auto* b = dynamic_cast<const Button*>(&w)) out += b->caption() + "\n";
  for (const auto& child : w.children()) out += ShownText(*child);
  return out;
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

// A notice after a wrong scan appears where no finger is: every card and
// button of the wall stays where it was.
TEST_F(ViewsRenderTest, AWrongScanOnTheWallMovesNothing) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    for (Size size : {kPortrait, kLandscape}) {
      Rendered calm = Render("wall", lang, size);
      Rendered notice = Render("wall-notice", lang, size);
      ASSERT_NE(notice.tree->FindById("wall-notice"), nullptr);
      for (const char* id : {"deal-1", "deal-2", "deal-3", "lang-en", "lang-ru", "lang-zh"}) {
        const Rect a = calm.tree->FindById(id)->rect();
        const Rect b = notice.tree->FindById(id)->rect();
        EXPECT_TRUE(a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height)
            << i18n::LangCode(lang) << " " << size.width << ": #" << id << " moved";
      }
      const Rect n = notice.tree->FindById("wall-notice")->rect();
      const Rect foot = notice.tree->FindById("wall-footer")->rect();
      EXPECT_GE(n.bottom(), foot.bottom()) << "the notice lies over the wall's foot";
      EXPECT_EQ(notice.tree->HitTestId({n.x + n.width / 2, n.y + n.height / 2}), "wall-notice");
    }
  }
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

// The rect of every widget with an id under w, by id.
void RectsById(const Widget& w, std::map<std::string, Rect>& out) {
  if (!w.id().empty()) out.emplace(w.id(), w.rect());
  for (const auto& child : w.children()) RectsById(*child, out);
}

// Every widget with an id in `calm` is at the same place in `busy`.
void ExpectNothingMoved(const Widget& calm, const Widget& busy, const std::string& where) {
  std::map<std::string, Rect> before, after;
  RectsById(calm, before);
  RectsById(busy, after);
  for (const auto& [id, a] : before) {
    if (id.starts_with("screen-")) continue;
    const auto it = after.find(id);
    ASSERT_NE(it, after.end()) << where << ": #" << id << " is gone";
    const Rect b = it->second;
    EXPECT_TRUE(a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height)
        << where << ": #" << id << " moved from " << a.x << "," << a.y << " " << a.width << "x"
        << a.height << " to " << b.x << "," << b.y << " " << b.width << "x" << b.height;
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

// No essential text (titles, countdowns with their unit, prices, the state
// of a deal) is ever cut with an ellipsis: the longest titles and notes, in
// every language, on both panels and the sizes between.
void ExpectEssentialsWhole(const Widget& w, const std::string& where, int& seen) {
  if (const auto* l = dynamic_cast<const Label*>(&w); l != nullptr && l->essential()) {
    ++seen;
    std::string shown;
    for (const std::string& line : l->lines()) shown += line;
    EXPECT_EQ(shown.find("\xE2\x80\xA6"), l->text().find("\xE2\x80\xA6"))
        << where << ": \"" << l->text() << "\" is cut to \"" << shown << "\"";
  }
  for (const auto& child : w.children()) ExpectEssentialsWhole(*child, where, seen);
}

TEST_F(ViewsRenderTest, EssentialTextIsNeverCut) {
  for (const char* scene : {"wall", "wall-long", "wall-states", "wall-paused", "wall-more", "deal",
                            "deal-long", "deal-upcoming", "deal-failed", "deal-closed",
                            "deal-paused"}) {
    for (i18n::Lang lang : i18n::kAllLangs) {
      for (Size size : {kPortrait, kLandscape, Size{1200, 1600}, Size{1920, 1200}}) {
        const std::string where = std::string(scene) + "_" + std::string(i18n::LangCode(lang)) +
                                  "_" + std::to_string(size.width) + "x" +
                                  std::to_string(size.height);
        Rendered r = Render(scene, lang, size);
        int seen = 0;
        ExpectEssentialsWhole(*r.tree, where, seen);
        EXPECT_GT(seen, 0) << where << ": nothing marked essential";
        ExpectInside(*r.tree, size, where);
      }
    }
  }
  // The long titles are there whole, and the countdown keeps its unit.
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    const app::ViewModel vm = test::Scene("wall-long", lang);
    Rendered r = Render("wall-long", lang, kPortrait);
    const std::string card = r.tree->FindById("deal-1")->AutomationText();
    EXPECT_NE(card.find(views::Title(vm.deals[0].deal, cat)), std::string::npos) << card;
    EXPECT_NE(card.find(cat.Text("wall.time_left", {{"h", "47"}, {"m", "59"}})), std::string::npos)
        << card;
    Rendered deal = Render("deal-long", lang, kLandscape);
    EXPECT_EQ(deal.tree->FindById("deal-title")->AutomationText(), views::Title(vm.deals[0].deal, cat));
  }
}

TEST_F(ViewsRenderTest, RebuildingTheWallGivesTheSamePixels) {
  // Informal timing of a whole frame (build + measure + layout + paint with
  // a fresh canvas each time, so cold text caches): printed, not asserted.
  const auto start = std::chrono::steady_clock::now();
  Rendered a = Render("wall", i18n::Lang::kZh, kPortrait);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  Rendered b = Render("wall", i18n::Lang::kZh, kPortrait);
  EXPECT_TRUE(a.pixels == b.pixels);
  std::printf("wall (zh) at 1080x1920, cold caches: %.1f ms\n", ms);
}

}  // namespace
}  // namespace gb::ui

namespace gb::ui {
namespace {

// Every label's text under `w`, joined.
std::string AllText(const Widget& w) {
  std::string out;
  if (const auto* l = dynamic_cast<const Label*>(&w)) out += l->text() + "\n";
  for (const auto& child : w.children()) out += AllText(*child);
  return out;
}

// A cashier's refund refused by the store (403 role_required), and a
// redemption whose store session ended: staff read what to do, in each
// language, where the till's refusals stand. The screenshots are written
// beside the test (staff_role_required_<lang>.png) to be looked at.
TEST_F(ViewsRenderTest, TheStoresStaffRefusalsSayWhatToDo) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& cat = i18n::Catalog::For(lang);
    app::ViewModel vm = test::Scene("deposit-taken", lang);
    vm.staff.action = app::TillAction::kRefund;
    vm.staff.done_amount.reset();
    vm.staff.answer->verdict = "VOID";
    vm.staff.answer->reason = "cancelled";
    vm.staff.answer->deposit_to_take = 0;
    vm.staff.answer->deposit_paid = 2990;
    vm.staff.answer->refund_to_give = 2990;
    vm.staff.refusal = "role_required";
    Rendered r = Render(vm, kPortrait);
    const std::string code(i18n::LangCode(lang));
    ASSERT_NE(r.tree->FindById("till-error"), nullptr) << code;
    const std::string words = cat.Text("till.refusal.role_required");
    EXPECT_NE(words, cat.Text("till.refusal.other")) << code;
    EXPECT_NE(AllText(*r.tree).find(words), std::string::npos) << code << ": " << words;
    ExpectInside(*r.tree, kPortrait, code + " role_required");
    EXPECT_TRUE(test::WriteRgbaPng(r.pixels, kPortrait, "staff_role_required_" + code + ".png"));

    // As staff_flow leaves it: the failed redemption's answer is gone.
    app::ViewModel redeem = test::Scene("redeem-valid", lang);
    redeem.staff.answer.reset();
    redeem.staff.error = "staff_session_expired";
    Rendered e = Render(redeem, kPortrait);
    ASSERT_NE(e.tree->FindById("redeem-error"), nullptr) << code;
    EXPECT_NE(AllText(*e.tree).find(cat.Text("redeem.staff_session_expired")), std::string::npos)
        << code;
    ExpectInside(*e.tree, kPortrait, code + " staff_session_expired");
    EXPECT_TRUE(
        test::WriteRgbaPng(e.pixels, kPortrait, "staff_session_expired_" + code + ".png"));
  }
}

}  // namespace
}  // namespace gb::ui
