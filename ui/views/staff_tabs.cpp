// The staff tabs. Five captions side by side leave a portrait panel about
// 190 px each, too narrow for a Russian word at button size ("Погашение"
// became "Пога…"): portrait puts the till's three actions on one row and
// Deals and Printer on a second, so every caption fits in every language.
#include "ui/views/staff_tabs.h"

#include "ui/button.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/row.h"

namespace gb::views {

std::unique_ptr<ui::Widget> StaffTabs(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      const Metrics& m) {
  auto tabs = std::make_unique<ui::Column>("staff-tabs");
  tabs->set_spacing(m.Px(12)).set_cross_align(ui::CrossAlign::kStretch);
  const bool till = vm.screen == app::Screen::kRedeem;
  const app::TillAction act = vm.staff.action;
  struct Tab {
    const char* id;
    const char* key;
    bool on;
  };
  const Tab all[] = {{"tab-redeem", "staff.tab.redeem", till && act == app::TillAction::kRedeem},
                     {"tab-deposit", "staff.tab.deposit", till && act == app::TillAction::kDeposit},
                     {"tab-refund", "staff.tab.refund", till && act == app::TillAction::kRefund},
                     {"tab-deals", "staff.tab.deals", vm.screen == app::Screen::kStaffDeals},
                     {"tab-printer", "staff.tab.printer", vm.screen == app::Screen::kStaffPrinter}};
  ui::Box* row = nullptr;
  for (int i = 0; i < 5; ++i) {
    if (row == nullptr || (!m.landscape() && i == 3)) {
      row = tabs->Add(std::make_unique<ui::Row>());
      row->set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kCenter);
    }
    auto* b = row->Add(std::make_unique<ui::Button>(cat.Text(all[i].key), all[i].id));
    b->set_secondary(!all[i].on).set_padding(m.Px(16));
    b->set_flex(1);
  }
  return tabs;
}

std::unique_ptr<ui::Widget> ServerAlarmPanel(const i18n::Catalog& cat, const Metrics& m,
                                             bool compact) {
  // The red of a refused voucher, white words: an alarm, not a wait-and-retry.
  auto panel = std::make_unique<ui::Column>("server-alarm");
  panel->set_padding(m.Px(compact ? 20 : 48))
      .set_spacing(m.Px(compact ? 8 : 24))
      .set_fill({0xB7, 0x1C, 0x1C, 0xFF}, m.Px(24));
  panel->Add(std::make_unique<ui::Label>(cat.Text("till.server_alarm"),
                                         m.Font(compact ? 40 : 64, ui::Weight::kBold)))
      ->set_role(ui::TextRole::kOnPrimary);
  // In place of a refusal there is room for the alarm's words only.
  if (compact) return panel;
  panel->Add(std::make_unique<ui::Label>(cat.Text("till.server_alarm_detail"), m.Font(40)))
      ->set_role(ui::TextRole::kOnPrimary);
  return panel;
}

}  // namespace gb::views
