// Staff's Printer tab as pure steps over the view model:
//
//   the printer's state in words and its queue (ViewModel::printer)
//   #printer-test            queues a test page
//   type a short code, #printer-reprint, or scan a voucher: queues a copy
//                            of that voucher, marked REPRINT
//   #shelf-<deal id>         (on the Deals tab) queues the deal's shelf card in
//                            the staff's language
//
// Each action says what it queued (StaffView::printed) or why not
// (StaffView::print_refusal); the queue's worker prints, so nothing here
// waits for paper. The tabs and #staff-exit are staff_flow.h's. Pure: the
// print desk is the only way out. Not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "kiosk/app/seams.h"
#include "kiosk/app/staff_flow.h"
#include "kiosk/app/view_model.h"

namespace gb::app {

// A tap on the Printer tab, or a #shelf-<id> on the Deals tab.
// `now` in Unix seconds.
StaffStep PrinterTap(PrintDesk& desk, ViewModel& vm, std::string_view id, int64_t now);
// A scan on the Printer tab: the voucher is reprinted.
StaffStep PrinterScan(PrintDesk& desk, ViewModel& vm, std::string_view text, int64_t now);

}  // namespace gb::app
