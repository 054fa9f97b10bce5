// Staff's deals: each deal's state, today's sign-ups and redemptions at this
// kiosk, "stop sign-ups now" while it still takes them, and its shelf card.
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
  for (const app::DealInfo& d : vm.deals) {
    const std::string id = std::to_string(d.deal.id);
    auto* card = page->Add(std::make_unique<ui::Row>("staff-deal-" + id));
    card->set_padding(m.Px(24)).set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kCenter);
    card->set_surface(ui::Surface::kCard, m.Px(20));
    auto* words = card->Add(std::make_unique<ui::Column>());
    words->set_spacing(m.Px(8)).set_flex(1);
    words->Add(std::make_unique<ui::Label>(Title(d.deal, cat), m.Font(44, ui::Weight::kBold)))
        ->set_max_lines(1);
    words
        ->Add(std::make_unique<ui::Label>(
            BadgeText(app::BadgeOf(d, vm.now), cat) + " · " + Joined(d, cat), m.Font(36)))
        ->set_role(ui::TextRole::kMuted)
        .set_max_lines(2);
    const auto t = st.today.find(d.deal.id);
    const app::DealToday today = t == st.today.end() ? app::DealToday{} : t->second;
    words->Add(std::make_unique<ui::Label>(
        cat.Text("deals.today", {{"signups", std::to_string(today.sign_ups)},
                                 {"redeemed", std::to_string(today.redemptions)}}),
        m.Font(36), "today-" + id));
    auto* buttons = card->Add(std::make_unique<ui::Column>());
    buttons->set_spacing(m.Px(12)).set_cross_align(ui::CrossAlign::kStretch);
    if (app::CanJoin(d, vm.now)) {
      buttons->Add(std::make_unique<ui::Button>(cat.Text("deals.stop"), "stop-" + id));
    }
    buttons->Add(std::make_unique<ui::Button>(cat.Text("printer.shelf"), "shelf-" + id))
        ->set_secondary(true);
  }
  if (!m.landscape()) {
    page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
    page->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
        ->set_secondary(true);
  }
  return page;
}

}  // namespace gb::views
