// The shopper's check and cancel, as pure steps over the view model:
//
//   Wall --scan a voucher or short code--> Check: the deal's state, "you are #7"
//   Check --check-cancel--> "Cancel my place?" --cancel-confirm--> cancelled, slip
//                                              --cancel-keep--> back to Check
//   #done, or the idle timeout: the wall
//
// Cancelling is offered only when the till says it would succeed (before
// the deal's stop, a live pledge); otherwise the screen says why not. The
// voucher text is kept only while the screen is up. Pure; not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "kiosk/app/staff_desk.h"
#include "kiosk/app/staff_flow.h"
#include "kiosk/app/view_model.h"

namespace gb::app {

// Opens the check screen for a scanned voucher or short code.
void CheckScan(StaffDesk& desk, ViewModel& vm, std::string_view text, int64_t now);
// A tap on the check screen (REQUIRES: vm.screen == Screen::kCheck). kLeave:
// back to the wall.
StaffStep CheckTap(StaffDesk& desk, ViewModel& vm, std::string_view id, int64_t now);

}  // namespace gb::app
