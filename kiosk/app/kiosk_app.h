// KioskApp: the shopper journey as a pure state machine.
//
//   Wall --deal-<id>--> Deal --join--> Join --confirm--> Printing --> Done
//     ^                  |back          |back              | printed     |done
//     +------------------+--------------+------------------+-------------+
//
// Inputs are app events, never SDL ones: a tap on an automation id, a
// scanned text, and the passing of time (Tick). The app reads deals and
// records sign-ups through DealDesk and follows the voucher's print job
// through PrintDesk (seams.h). Time is whatever the caller says it is, in
// milliseconds, so headless runs and tests move the clock without sleeping.
//
// Idle: with no input for idle_timeout_ms on any screen but the wall (and not
// while a voucher is printing) the app returns to the wall and wipes the
// deal, the form, the ticket, the language and the wall's page; in the last
// idle_warning_ms a countdown is part of the view. On the wall itself the
// same timeout puts the language and the page back to the kiosk's own.
// A shopper who leaves a screen (Back from a deal, Done after joining or
// checking a voucher) keeps the language and the wall's page: only the idle
// wipe, a language button or the pager changes them.
// Printing: the voucher's job is polled on every Tick; printed -> Done. If
// the job is held (printer not ready) or has not printed within
// print_timeout_ms, the printing screen shows the voucher itself (QR and short
// code) and says a reprint is queued: the print queue keeps the held job and
// prints it when the printer is back; staff see it held.
// Printer: its state is polled on every Tick (a snapshot, never a wait);
// when it is not ready every screen shows an alert (ui/views) and staff's
// Printer tab (printer_flow.h) says why, with the queue. A voucher shown on
// screen because its job was held or late gets its paper copy marked REPRINT.
// Staff mode (staff_flow.h): a press of kStaffPressMs or more on the staff
// corner opens the PIN pad; leaving it, or its idle timeout, returns to the
// wall. In till mode (AppOptions::till_mode) the PIN pad is the home screen
// instead of the wall: the kiosk starts there and returns there.
// Not thread-safe: one UI thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/app/seams.h"
#include "kiosk/app/staff_desk.h"
#include "kiosk/app/staff_flow.h"
#include "kiosk/app/view_model.h"

namespace gb::app {

struct AppOptions {
  i18n::Lang lang = i18n::Lang::kEn;  // the kiosk's first language
  std::string country = "DE";         // for phone numbers typed without '+'
  int utc_offset_minutes = 0;
  int64_t idle_timeout_ms = 60'000;
  int64_t idle_warning_ms = 10'000;
  int64_t print_timeout_ms = 20'000;
  int64_t refresh_ms = 5'000;  // how often the wall re-reads the tallies
  bool till_mode = false;      // a till: home is the PIN pad, then Redeem
};

class KioskApp {
 public:
  // Borrows the desks; they must outlive the app. Without a staff desk there
  // is no staff mode (the staff corner does nothing).
  KioskApp(DealDesk& deals, PrintDesk& printer, AppOptions options, StaffDesk* staff = nullptr);

  // Shows the wall at `now_ms` (Unix milliseconds).
  void Start(int64_t now_ms);
  // A tap on the widget with this automation id (ids the current screen
  // does not have are ignored, as a finger between buttons is), held for
  // `held_ms` (the staff corner wants a long press).
  void Tap(std::string_view id, int64_t now_ms, int64_t held_ms = 0);
  // A scanned code: a shelf card's deal link opens that deal.
  void Scan(std::string_view text, int64_t now_ms);
  void Tick(int64_t now_ms);

  const ViewModel& view() const { return view_; }
  // Increases whenever the view changes: redraw only then.
  uint64_t revision() const { return revision_; }
  // True while the outcome of a print is pending (scripts wait for it).
  bool Busy() const;
  // When the next Tick may change the view, in Unix ms (for the event wait).
  int64_t NextTickMs() const;

 private:
  void Changed() { ++revision_; }
  void Input(int64_t now_ms);
  void SetNow(int64_t now_ms);
  // What returning to the wall forgets: the shopper's journey (deal, form,
  // ticket) or, for the idle timeout and staff leaving, also the language
  // and the wall's page.
  enum class Forget { kJourney, kEverything };
  void GoWall(Forget forget);
  void OpenDeal(uint32_t deal_id);
  void RefreshDeals();
  void Confirm();
  void PollPrint(int64_t now_ms);
  void PollSlip(int64_t now_ms);  // the redemption slip on the redeem screen
  void PollPrinter();             // the printer's state (alert, Printer tab)
  // After a staff screen's step: leave, redraw, follow a slip.
  void StaffStepDone(StaffStep step, std::string_view id);
  void UpdateIdle(int64_t now_ms);
  // The screen idle returns to: the wall, or the PIN pad of a till.
  bool AtHome() const;
  // The wall shows another language or page than the kiosk starts with.
  bool WallDiffersFromHome() const;

  DealDesk& deals_;
  PrintDesk& printer_;
  StaffDesk* staff_;
  AppOptions options_;
  ViewModel view_;
  uint64_t revision_ = 1;
  int64_t now_ms_ = 0;
  int64_t last_input_ms_ = 0;
  int64_t last_refresh_ms_ = 0;
  int64_t print_started_ms_ = 0;
};

}  // namespace gb::app
