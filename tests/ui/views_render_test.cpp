// The kiosk's screens (ui/views) rendered headless with the software
// renderer: every screen in English, Russian and Chinese, portrait and
// landscape, against golden screenshots (stored at half size, 2x2 averaged,
// to keep the repository small); nothing laid out past the screen's edge;
// the fixed automation ids present; the same pixels twice. The families'
// own checks: wall_render_test.cpp, shopper_render_test.cpp,
// staff_render_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

#include "kiosk/app/staff_flow.h"
#include "tests/ui/kiosk_scenes.h"
#include "tests/ui/layout_checks.h"
#include "tests/ui/rgba_golden.h"
#include "tests/ui/views_fixture.h"
#include "ui/button.h"
#include "ui/views/views.h"

namespace gb::ui {
namespace {

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
       {"today-1", "today-2", "stop-1", "stop-2", "shelf-1", "shelf-2", "staff-exit", "tab-redeem",
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

    // A cashier taps "stop sign-ups": the kiosk's own rule, before any confirmation.
    app::ViewModel deals = test::Scene("staff-deals", lang);
    deals.staff.refusal = "role_required";
    Rendered d = Render(deals, kPortrait);
    ASSERT_NE(d.tree->FindById("deals-error"), nullptr) << code;
    EXPECT_NE(AllText(*d.tree).find(cat.Text("deals.refusal.role_required")), std::string::npos)
        << code;
    ExpectInside(*d.tree, kPortrait, code + " deals role_required");
    EXPECT_TRUE(test::WriteRgbaPng(d.pixels, kPortrait, "staff_deals_role_required_" + code + ".png"));
  }
}

}  // namespace
}  // namespace gb::ui
