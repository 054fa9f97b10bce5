// The kiosk's screens (ui/views) rendered headless with the software
// renderer: every screen in English, Russian and Chinese, portrait and
// landscape, against golden screenshots (stored at half size, 2x2 averaged,
// to keep the repository small); nothing laid out past the screen's edge;
// the fixed automation ids present; the on-screen voucher QR readable.
#include <gtest/gtest.h>

#include <chrono>
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
    Rendered r;
    const Theme theme = Theme::Default().Scaled(views::Scale(size));
    SdlTextMeasurer measurer(*fonts_);
    const LayoutContext ctx{measurer, theme};
    r.tree = views::BuildScreen(test::Scene(scene, lang), i18n::Catalog::For(lang), size);
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
