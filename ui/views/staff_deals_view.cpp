// Staff's deals: each deal's state, today's sign-ups and redemptions at this
// kiosk, "stop sign-ups now" while it still takes them, and its shelf card.
#include <algorithm>
#include <memory>

#include "ui/button.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/row.h"
#include "ui/spacer.h"
#include "ui/views/metrics.h"
#include "ui/views/staff_tabs.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

// Cards that fit below the title and the tabs (and, portrait, above the exit
// button), with or without a pager row; card heights are the tallest the
// three languages make (80-character titles on two lines, Russian states on
// two lines).
// A cashier's page also holds the line saying who may stop sign-ups.
int Capacity(ui::Size size, const Metrics& m, bool pager, bool manager) {
  const int chrome = m.Px(m.landscape() ? 360 : 560) + (pager ? m.Px(74) : 0) +
                     (manager ? 0 : m.Px(m.landscape() ? 70 : 110));
  const int card = m.Px(m.landscape() ? 236 : 340);
  return std::max(1, (size.height - chrome) / card);
}

}  // namespace

std::unique_ptr<ui::Widget> BuildStaffDeals(const app::ViewModel& vm, const i18n::Catalog& cat,
                                            ui::Size size) {
  const Metrics m(size);
  const app::StaffView& st = vm.staff;
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(32)).set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kStretch);
  auto* head = page->Add(std::make_unique<ui::Row>());
  head->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kCenter);
  head->Add(std::make_unique<ui::Label>(cat.Text("deals.title"), m.Font(56, ui::Weight::kBold)))
      ->set_flex(1);
  // Portrait has no width to spare beside the title: leaving sits at the foot.
  if (m.landscape()) {
    head->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
        ->set_secondary(true);
  }
  page->Add(StaffTabs(vm, cat, m));
  if (!st.error.empty() || !st.refusal.empty()) {
    const std::string key = "deals.refusal." + (st.error.empty() ? st.refusal : st.error);
    auto* box = page->Add(std::make_unique<ui::Column>("deals-error"));
    box->set_padding(m.Px(20)).set_fill(kErrorFill, m.Px(20));
    box->Add(
        std::make_unique<ui::Label>(cat.Has(key) ? cat.Text(key) : cat.Text("deals.refusal.other"),
                                    m.Font(40, ui::Weight::kBold)));
  }
  PrintOutcome(*page, vm, cat, m);
  // A cashier is not offered what only a manager may do (issue #16's roles):
  // one line says so, instead of a button on every card that refuses.
  if (!st.manager && st.confirm_stop == 0) {
    page->Add(std::make_unique<ui::Label>(cat.Text("deals.manager_only"), m.Font(34),
                                          "deals-manager-only"))
        ->set_role(ui::TextRole::kMuted)
        .set_max_lines(2)
        .set_essential();
  }
  // Stopping cannot be undone: the question names the deal and stands alone
  // on the screen, with keeping it open as the main (filled) button.
  if (st.confirm_stop != 0) {
    const auto deal = std::find_if(vm.deals.begin(), vm.deals.end(), [&](const app::DealInfo& d) {
      return d.deal.id == st.confirm_stop;
    });
    if (deal != vm.deals.end()) {
      auto* ask = page->Add(std::make_unique<ui::Column>("stop-question"));
      ask->set_padding(m.Px(40)).set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kStretch);
      ask->set_fill(kWarningFill, m.Px(24));
      ask->Add(std::make_unique<ui::Label>(cat.Text("deals.confirm_title"),
                                           m.Font(48, ui::Weight::kBold)));
      ask->Add(std::make_unique<ui::Label>(Title(deal->deal, cat), m.Font(56, ui::Weight::kBold),
                                           "stop-deal"));
      ask->Add(std::make_unique<ui::Label>(Joined(*deal, cat), m.Font(40)))
          ->set_role(ui::TextRole::kMuted);
      ask->Add(std::make_unique<ui::Label>(cat.Text("deals.confirm_body"), m.Font(40)));
      // One above the other: each says all it says, whatever the language.
      auto* choice = ask->Add(std::make_unique<ui::Column>());
      choice->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kStretch);
      choice->Add(std::make_unique<ui::Button>(cat.Text("deals.confirm_keep"), "stop-keep"));
      choice->Add(std::make_unique<ui::Button>(cat.Text("deals.confirm_stop"), "stop-confirm"))
          ->set_secondary(true);
      if (!m.landscape()) {
        page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
        page->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
            ->set_secondary(true);
      }
      return page;
    }
  }
  // A store's whole catalog does not fit one screen: pages of whole cards,
  // with a pager as on the wall.
  const int count = static_cast<int>(vm.deals.size());
  const int per_page = count <= Capacity(size, m, false, st.manager)
                           ? std::max(count, 1)
                           : Capacity(size, m, true, st.manager);
  const int pages = std::max(1, (count + per_page - 1) / per_page);
  const int shown = std::clamp(st.deals_page, 0, pages - 1);
  if (pages > 1) {
    auto* pager = page->Add(std::make_unique<ui::Row>());
    pager->set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kCenter);
    if (shown > 0) {
      pager->Add(std::make_unique<ui::Button>(cat.Text("wall.prev"), "staff-deals-up"))
          ->set_secondary(true);
    }
    pager
        ->Add(std::make_unique<ui::Label>(cat.Text("wall.page",
                                                   {{"page", std::to_string(shown + 1)},
                                                    {"pages", std::to_string(pages)}}),
                                          m.Font(40, ui::Weight::kBold), "staff-deals-page"))
        ->set_max_lines(1)
        .set_align(ui::Align::kCenter)
        .set_flex(1);
    if (shown + 1 < pages) {
      pager->Add(std::make_unique<ui::Button>(cat.Text("wall.next"), "staff-deals-down"));
    }
  }
  for (int i = shown * per_page; i < std::min(count, (shown + 1) * per_page); ++i) {
    const app::DealInfo& d = vm.deals[static_cast<std::size_t>(i)];
    const std::string id = std::to_string(d.deal.id);
    // The whole title (two lines hold 80 characters): across the card in
    // portrait, beside the buttons in landscape, where the width is.
    ui::Box* card = nullptr;
    ui::Box* beside = nullptr;  // where the buttons go
    ui::Column* words = nullptr;
    if (m.landscape()) {
      card = page->Add(std::make_unique<ui::Row>("staff-deal-" + id));
      card->set_cross_align(ui::CrossAlign::kCenter);
      beside = card;
      words = card->Add(std::make_unique<ui::Column>());
      words->Add(std::make_unique<ui::Label>(Title(d.deal, cat), m.Font(36, ui::Weight::kBold)))
          ->set_max_lines(2)
          .set_essential();
    } else {
      card = page->Add(std::make_unique<ui::Column>("staff-deal-" + id));
      card->Add(std::make_unique<ui::Label>(Title(d.deal, cat), m.Font(36, ui::Weight::kBold)))
          ->set_max_lines(2)
          .set_essential();
      auto* row = card->Add(std::make_unique<ui::Row>());
      row->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kCenter);
      beside = row;
      words = row->Add(std::make_unique<ui::Column>());
    }
    card->set_padding(m.Px(24)).set_spacing(m.Px(m.landscape() ? 24 : 8));
    card->set_surface(ui::Surface::kCard, m.Px(20));
    words->set_spacing(m.Px(8)).set_flex(1);
    words
        ->Add(std::make_unique<ui::Label>(
            BadgeText(app::BadgeOf(d, vm.now), cat) + " · " + Joined(d, cat), m.Font(36)))
        ->set_role(ui::TextRole::kMuted)
        .set_max_lines(2);
    const auto t = st.today.find(d.deal.id);
    const app::DealToday today = t == st.today.end() ? app::DealToday{} : t->second;
    words->Add(std::make_unique<ui::Label>(
        cat.Plural("deals.today", today.sign_ups,
                   {{"redeemed", std::to_string(today.redemptions)}}),
        m.Font(36), "today-" + id));
    auto* buttons = beside->Add(std::make_unique<ui::Column>());
    buttons->set_spacing(m.Px(12)).set_cross_align(ui::CrossAlign::kStretch);
    // Not the filled main button: it asks first (the question names the deal).
    if (st.manager && app::CanJoin(d, vm.now)) {
      buttons->Add(std::make_unique<ui::Button>(cat.Text("deals.stop"), "stop-" + id))
          ->set_secondary(true);
    }
    // A shelf card invites shoppers to join: none for a deal that has ended.
    if (!app::Ended(app::BadgeOf(d, vm.now))) {
      buttons->Add(std::make_unique<ui::Button>(cat.Text("printer.shelf"), "shelf-" + id))
          ->set_secondary(true);
    }
  }
  if (!m.landscape()) {
    page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
    page->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
        ->set_secondary(true);
  }
  return page;
}

}  // namespace gb::views
