// The frame around every screen: the top bar with the language switch and
// the staff corner, the idle countdown, then the screen's content.
#include <memory>

#include "ui/button.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/overlay.h"
#include "ui/row.h"
#include "ui/spacer.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

// The staff corner: 96 px of the reference panel, big enough for a deliberate press.
constexpr int kStaffCorner = 96;

std::unique_ptr<ui::Widget> TopBar(const app::ViewModel& vm, const i18n::Catalog& cat,
                                   const Metrics& m) {
  auto bar = std::make_unique<ui::Row>();
  bar->set_padding(m.Px(16)).set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kCenter);
  // The staff corner is invisible to shoppers: an empty touch area.
  bar->Add(std::make_unique<ui::Spacer>(ui::Size{m.Px(kStaffCorner), m.Px(kStaffCorner)}, "staff"));
  // While the printer cannot print, its trouble takes the brand's place:
  // staff passing by see it on every screen, and the layout below does not
  // move (the printing screen and the Printer tab say it themselves).
  const bool alert = !vm.printer.ready && vm.screen != app::Screen::kPrinting &&
                     vm.screen != app::Screen::kStaffPrinter;
  if (alert) {
    // A warning sign and the trouble in a few bold words on amber, as tall
    // as the staff corner (two lines of them fit it in every language), so
    // the bar keeps its height and nothing below moves; the Printer tab says
    // it in a sentence, with the driver's words.
    auto* pill = bar->Add(std::make_unique<ui::Row>("printer-alert"));
    pill->set_padding(m.Px(10)).set_spacing(m.Px(12)).set_cross_align(ui::CrossAlign::kCenter);
    pill->set_fill(kAlertFill, m.Px(16)).set_flex(1);
    pill->Add(std::make_unique<ui::Label>("\xE2\x9A\xA0", m.Font(40, ui::Weight::kBold)));
    pill->Add(std::make_unique<ui::Label>(PrinterAlert(vm.printer, cat),
                                          m.Font(28, ui::Weight::kBold)))
        ->set_max_lines(2)
        .set_essential()
        .set_flex(1);
  } else {
    auto* brand = bar->Add(
        std::make_unique<ui::Label>(cat.Text("app.brand"), m.Font(36, ui::Weight::kBold)));
    brand->set_max_lines(2).set_role(ui::TextRole::kMuted);
    brand->set_flex(1);
  }
  for (i18n::Lang lang : i18n::kAllLangs) {
    const std::string code(i18n::LangCode(lang));
    // Each language is named in its own words, so a shopper finds theirs.
    auto* b = bar->Add(std::make_unique<ui::Button>(i18n::Catalog::For(lang).Text("language.name"),
                                                    "lang-" + code));
    b->set_secondary(lang != vm.lang).set_padding(m.Px(16));
  }
  return bar;
}

std::unique_ptr<ui::Widget> IdleBanner(int seconds, const i18n::Catalog& cat, const Metrics& m) {
  auto banner = std::make_unique<ui::Row>("idle-countdown");
  banner->set_padding(m.Px(24)).set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kCenter);
  banner->set_fill(kWarningFill, m.Px(24));
  auto* text = banner->Add(std::make_unique<ui::Label>(cat.Plural("idle.countdown", seconds),
                                                       m.Font(44, ui::Weight::kBold)));
  text->set_flex(1);
  banner->Add(std::make_unique<ui::Button>(cat.Text("idle.stay"), "stay"));
  return banner;
}

}  // namespace

std::unique_ptr<ui::Widget> BuildScreen(const app::ViewModel& vm, const i18n::Catalog& cat,
                                        ui::Size size) {
  const std::string screen_id = "screen-" + std::string(app::ScreenName(vm.screen));
  // In the last seconds before an idle reset, the countdown lies over the
  // top bar (any tap keeps the screen): the screen below it does not move.
  std::unique_ptr<ui::Overlay> overlay;
  if (vm.idle_seconds_left) overlay = std::make_unique<ui::Overlay>(screen_id);
  auto root = std::make_unique<ui::Column>(overlay ? std::string() : screen_id);
  const Metrics m(size);
  root->Add(TopBar(vm, cat, m));
  std::unique_ptr<ui::Widget> content;
  switch (vm.screen) {
    case app::Screen::kWall:
      content = BuildWall(vm, cat, size);
      break;
    case app::Screen::kDeal:
      content = BuildDealPage(vm, cat, size);
      break;
    case app::Screen::kJoin:
      content = BuildJoin(vm, cat, size);
      break;
    case app::Screen::kPrinting:
      content = BuildPrinting(vm, cat, size);
      break;
    case app::Screen::kDone:
      content = BuildDone(vm, cat, size);
      break;
    case app::Screen::kPin:
      content = BuildPin(vm, cat, size);
      break;
    case app::Screen::kRedeem:
      content = BuildRedeem(vm, cat, size);
      break;
    case app::Screen::kCheck:
      content = BuildCheck(vm, cat, size);
      break;
    case app::Screen::kStaffDeals:
      content = BuildStaffDeals(vm, cat, size);
      break;
    case app::Screen::kStaffPrinter:
      content = BuildStaffPrinter(vm, cat, size);
      break;
  }
  content->set_flex(1);
  root->Add(std::move(content));
  if (!overlay) return root;
  overlay->Add(std::move(root));
  auto* holder = overlay->Add(std::make_unique<ui::Column>());
  holder->set_padding(m.Px(16));
  holder->Add(IdleBanner(*vm.idle_seconds_left, cat, m));
  return overlay;
}

}  // namespace gb::views
