// Staff mode's screens as pure steps over the view model:
//
//   (long press on #staff) --> Pin --pin-enter, right PIN--> Redeem
//                               ^ wrong PIN: words, attempts left; locked out: until when
//   Redeem: scan or type a code --> the verdict; VALID --redeem-confirm--> redeemed, slip
//   Tabs: Redeem, Deposit, Refund (the till), Deals, Printer (printer_flow.h)
//   #staff-exit (any staff screen), or the idle timeout: staff mode ends
//
// KioskApp calls these for the staff screens and decides where "leave"
// goes (the wall, or the PIN pad again in till mode). Pure: the desk is the
// only way out. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/app/staff_desk.h"
#include "kiosk/app/view_model.h"

namespace gb::app {

// How long a press on the staff corner must be held to open the PIN pad.
inline constexpr int64_t kStaffPressMs = 2000;
inline constexpr std::size_t kMaxPinDigits = 12;
inline constexpr std::size_t kMaxCodeChars = 32;

bool IsStaffScreen(Screen s);

// The PIN pad, with everything staff mode showed before wiped.
void EnterStaffMode(ViewModel& vm);

enum class StaffStep {
  kIgnored,  // not an id of this screen: nothing changed
  kChanged,  // the view changed
  kLeave,    // leave staff mode
};

// Appends the keypad's character for `id` ("key-0".."key-9", "key-dash"
// when `dash`) to `text` (at most `max` bytes), or edits it ("key-back",
// "key-clear"); false when `id` is not an editing key of this pad.
bool EditKey(std::string& text, std::string_view id, std::size_t max, bool dash);

// A tap on a staff screen (REQUIRES: IsStaffScreen(vm.screen)). `now` in Unix seconds.
StaffStep StaffTap(StaffDesk& desk, ViewModel& vm, std::string_view id, int64_t now);
// A scan on a staff screen: on the redeem screen the code is looked up.
StaffStep StaffScan(StaffDesk& desk, ViewModel& vm, std::string_view text, int64_t now);

// The server identity alarm: reasons the till gives for it, and the desk's
// standing alarm copied into vm.server_alarm (true when that changed).
inline constexpr std::string_view kServerIdentityChanged = "server_identity_changed";
bool PollServerAlarm(StaffDesk& desk, ViewModel& vm);

}  // namespace gb::app
