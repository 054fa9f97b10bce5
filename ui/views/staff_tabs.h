// The staff screens' tab row: Redeem, Deposit, Refund, Deals, and leaving
// staff mode; the current tab is filled. Shared by staff_view.cpp and
// staff_deals_view.cpp. Pure.
#pragma once

#include <memory>

#include "kiosk/app/view_model.h"
#include "kiosk/i18n/catalog.h"
#include "ui/views/metrics.h"
#include "ui/widget.h"

namespace gb::views {

std::unique_ptr<ui::Widget> StaffTabs(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      const Metrics& m);

}  // namespace gb::views
