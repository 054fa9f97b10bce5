// The deals wall: a heading and a card per deal, two columns in portrait,
// three in landscape; more deals than three rows (portrait) or one row
// (landscape) hold are paged with #wall-up / #wall-down; at the foot the
// "nobody pays" promise and how to check a voucher; a notice (a wrong scan)
// lies over the foot rather than pushing the cards.
#include <algorithm>
#include <memory>

#include "ui/button.h"
#include "ui/column.h"
#include "ui/grid.h"
#include "ui/image.h"
#include "ui/label.h"
#include "ui/overlay.h"
#include "ui/progress_bar.h"
#include "ui/row.h"
#include "ui/spacer.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

std::unique_ptr<ui::Widget> BadgePill(app::Badge b, const i18n::Catalog& cat, const Metrics& m) {
  auto pill = std::make_unique<ui::Row>();
  pill->set_padding(m.Px(8)).set_fill(BadgeColor(b), m.Px(16));
  auto* text =
      pill->Add(std::make_unique<ui::Label>(BadgeText(b, cat), m.Font(28, ui::Weight::kBold)));
  text->set_role(ui::TextRole::kOnPrimary).set_max_lines(1).set_essential();
  return pill;
}

// A card sized for three rows of two on a portrait panel: the picture beside
// the badge and the countdown (on a line of its own: a countdown cut before
// its unit says nothing), the whole title (four lines hold 80 characters in
// every language), the price with the regular price beside it, the tally.
std::unique_ptr<ui::Widget> Card(const app::DealInfo& d, const app::ViewModel& vm,
                                 const i18n::Catalog& cat, const Metrics& m) {
  const app::Badge badge = app::BadgeOf(d, vm.now);
  auto card = std::make_unique<ui::Column>("deal-" + std::to_string(d.deal.id));
  card->set_padding(m.Px(16)).set_spacing(m.Px(4)).set_surface(ui::Surface::kCard, m.Px(24));
  auto* top = card->Add(std::make_unique<ui::Row>());
  top->set_spacing(m.Px(14));
  top->Add(std::make_unique<ui::Image>(d.deal.image, Title(d.deal, cat), m.Px(88)))->set_flex(1);
  auto* state = top->Add(std::make_unique<ui::Column>());
  state->set_spacing(m.Px(6)).set_flex(3);
  auto* pill = state->Add(std::make_unique<ui::Row>());
  pill->Add(BadgePill(badge, cat, m));
  pill->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  state
      ->Add(std::make_unique<ui::Label>(Countdown(d, vm.now, vm.utc_offset_minutes, cat),
                                        m.Font(28)))
      ->set_role(ui::TextRole::kMuted)
      .set_max_lines(2)
      .set_essential();
  card->Add(std::make_unique<ui::Label>(Title(d.deal, cat), m.Font(34, ui::Weight::kBold)))
      ->set_max_lines(4)
      .set_essential();
  auto* prices = card->Add(std::make_unique<ui::Row>());
  prices->set_spacing(m.Px(12)).set_cross_align(ui::CrossAlign::kEnd);
  prices->Add(std::make_unique<ui::Label>(PriceNow(d, cat), m.Font(48, ui::Weight::kBold)))
      ->set_role(ui::TextRole::kAccent)
      .set_max_lines(1)
      .set_essential();
  prices->Add(std::make_unique<ui::Label>(RegularPrice(d, cat), m.Font(26)))
      ->set_role(ui::TextRole::kMuted)
      .set_max_lines(2)
      .set_essential()
      .set_flex(1);
  auto* bar = card->Add(std::make_unique<ui::ProgressBar>());
  bar->Set(static_cast<int>(d.tally.committed), static_cast<int>(ProgressTarget(d)));
  card->Add(std::make_unique<ui::Label>(Joined(d, cat), m.Font(30, ui::Weight::kBold)))
      ->set_max_lines(1)
      .set_essential();
  if (badge == app::Badge::kOpen || badge == app::Badge::kUnlocked) {
    card->Add(std::make_unique<ui::Label>(NextTier(d, cat), m.Font(30)))->set_max_lines(1);
  }
  return card;
}

}  // namespace

std::unique_ptr<ui::Widget> BuildWall(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      ui::Size size) {
  const Metrics m(size);
  auto wall = std::make_unique<ui::Column>();
  wall->set_padding(m.Px(32)).set_spacing(m.Px(m.landscape() ? 16 : 14));
  // More deals than fit one screen: pages of whole rows of cards, never
  // smaller cards.
  const int columns = size.width >= 1600 ? 3 : size.width >= 800 ? 2 : 1;
  const int per_page = columns * (m.landscape() ? 1 : 3);
  const int count = static_cast<int>(vm.deals.size());
  const int pages = std::max(1, (count + per_page - 1) / per_page);
  const int page = std::clamp(vm.wall_page, 0, pages - 1);
  // The pager shares the heading's row: the height goes to a third row of
  // cards in portrait. Either way the cards keep their size.
  ui::Row* pager = wall->Add(std::make_unique<ui::Row>());
  pager->Add(std::make_unique<ui::Label>(cat.Text("wall.heading"),
                                         m.Font(m.landscape() ? 56 : 44, ui::Weight::kBold)))
      ->set_flex(1);
  if (pages > 1) {
    pager->set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kCenter);
    if (page > 0) {
      pager->Add(std::make_unique<ui::Button>(cat.Text("wall.prev"), "wall-up"))
          ->set_secondary(true);
    }
    pager
        ->Add(std::make_unique<ui::Label>(cat.Text("wall.page",
                                                   {{"page", std::to_string(page + 1)},
                                                    {"pages", std::to_string(pages)}}),
                                          m.Font(40, ui::Weight::kBold), "wall-page"))
        ->set_max_lines(1)
        .set_align(ui::Align::kCenter);
    if (page + 1 < pages) {
      pager->Add(std::make_unique<ui::Button>(cat.Text("wall.next"), "wall-down"));
    }
  }
  if (vm.deals.empty() && vm.wall_error.empty()) {
    wall->Add(std::make_unique<ui::Label>(cat.Text("wall.empty"), m.Font(44)));
  }
  auto* grid = wall->Add(std::make_unique<ui::Grid>(columns));
  grid->set_spacing(m.Px(12));
  for (int i = page * per_page; i < std::min(count, (page + 1) * per_page); ++i) {
    grid->Add(Card(vm.deals[static_cast<std::size_t>(i)], vm, cat, m));
  }
  // At the foot, on every page: the promise and, where a scan can check a
  // voucher, how to do it.
  wall->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  auto* foot = wall->Add(std::make_unique<ui::Column>("wall-footer"));
  foot->set_padding(m.Px(16)).set_spacing(m.Px(4)).set_surface(ui::Surface::kCard, m.Px(20));
  foot->Add(std::make_unique<ui::Label>(cat.Text("wall.promise"), m.Font(36, ui::Weight::kBold)));
  if (vm.voucher_check) {
    foot->Add(std::make_unique<ui::Label>(cat.Text("wall.scan_hint"), m.Font(32)))
        ->set_role(ui::TextRole::kMuted);
  }
  if (vm.notice.empty() && vm.wall_error.empty()) return wall;
  // A notice (a wrong scan, a storage problem) lies over the foot of the
  // wall: nothing a finger may be on moves, and it goes after a few seconds.
  auto layered = std::make_unique<ui::Overlay>(std::string(), ui::Overlay::Edge::kBottom);
  layered->Add(std::move(wall));
  auto* holder = layered->Add(std::make_unique<ui::Column>());
  holder->set_padding(m.Px(32));
  auto* note = holder->Add(std::make_unique<ui::Column>("wall-notice"));
  note->set_padding(m.Px(24)).set_fill(vm.wall_error.empty() ? kWarningFill : kErrorFill, m.Px(24));
  note->Add(std::make_unique<ui::Label>(cat.Text(vm.wall_error.empty() ? vm.notice : vm.wall_error),
                                        m.Font(40, ui::Weight::kBold)));
  return layered;
}

}  // namespace gb::views
