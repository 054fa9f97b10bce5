// The staff screens' tabs: Redeem, Deposit, Refund, Deals, Printer; the
// current tab is filled. One row in landscape, two in portrait (the till's
// three, then Deals and Printer), so no caption is cut short in any
// language. Shared by every staff screen after the PIN pad; with them the
// till's server identity alarm panel. Pure.
#pragma once

#include <memory>

#include "kiosk/app/view_model.h"
#include "kiosk/i18n/catalog.h"
#include "ui/column.h"
#include "ui/views/metrics.h"
#include "ui/widget.h"

namespace gb::views {

// What the Printer tab or a shelf card button last queued
// (#printer-result), or why not (#printer-error); nothing when neither
// (staff_printer_view.cpp).
void PrintOutcome(ui::Column& col, const app::ViewModel& vm, const i18n::Catalog& cat,
                  const Metrics& m);

// The alarm in red, white words (#server-alarm): "The store server's
// identity has changed. Call IT." and what the till refuses meanwhile. The
// till screen shows it in place of its keypad while the alarm stands
// (vm.server_alarm); `compact` (the first sentence only, a refusal's size)
// in place of a refusal when the till refused for it.
std::unique_ptr<ui::Widget> ServerAlarmPanel(const i18n::Catalog& cat, const Metrics& m,
                                             bool compact);

std::unique_ptr<ui::Widget> StaffTabs(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      const Metrics& m);

}  // namespace gb::views
