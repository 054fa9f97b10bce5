// ViewModel: everything the kiosk's screens show, as plain data. The app
// (kiosk_app.h) keeps it; ui/views builds widget trees from it and an i18n
// catalog. Texts are message keys, never words: the views translate.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/seams.h"
#include "kiosk/app/staff_desk.h"
#include "kiosk/i18n/catalog.h"

namespace gb::app {

// The shopper's screens, then staff mode's: the PIN pad and the redeem screen.
// kCheck: a shopper's own voucher, scanned on the wall (check, cancel).
// kRedeem is the till screen (redeem, deposit, refund: StaffView::action);
// kStaffDeals lists the deals for staff (today's counts, stop sign-ups);
// kStaffPrinter is staff's Printer tab (state, test page, reprint, shelf card).
enum class Screen {
  kWall, kDeal, kJoin, kPrinting, kDone, kPin, kRedeem, kCheck, kStaffDeals, kStaffPrinter
};
// "wall", "deal", "join", "printing", "done", "pin", "redeem", "check",
// "staff-deals", "staff-printer" (logs, tests, screenshots).
std::string_view ScreenName(Screen s);

// The state a shopper sees on a deal's card, each with its own badge, words
// and actions:
//   upcoming: published, its opening time still ahead (nothing to join yet);
//   open:     taking sign-ups below the threshold;
//   unlocked: taking sign-ups, threshold reached;
//   sold_out: would take sign-ups, but every capped place is taken;
//   sold_out_here: would take sign-ups and the store may have places, but
//             this kiosk's share of them is used up ("sold out here for now");
//   paused:   would take sign-ups, but the store or head office paused them;
//   stopped:  staff or head office stopped sign-ups before the stop time;
//   closed:   the stop time passed (unlocked, or waiting for the deadline);
//   failed:   the deadline passed below the threshold: nobody pays.
enum class Badge {
  kUpcoming, kOpen, kUnlocked, kSoldOut, kSoldOutHere, kPaused, kStopped, kClosed, kFailed
};
Badge BadgeOf(const DealInfo& deal, int64_t now);
// "upcoming", "open", "unlocked", "sold_out", "sold_out_here", "paused", "stopped",
// "closed", "failed"
std::string_view BadgeName(Badge b);
// Stopped, closed or failed: nothing will change for a shopper any more.
// The wall shows these last.
bool Ended(Badge b);
// True when a shopper may start joining (the ledger still has the last word).
bool CanJoin(const DealInfo& deal, int64_t now);

enum class InputFocus { kPhone, kName };
enum class Alphabet { kLatin, kCyrillic };

struct JoinForm {
  std::string phone;  // as typed: digits and a leading '+'
  std::string name;   // UTF-8
  bool consent = false;
  InputFocus focus = InputFocus::kPhone;
  Alphabet alphabet = Alphabet::kLatin;
  bool shift = true;  // a name starts with a capital
  std::string error;  // message key of what is wrong, or empty
};

enum class TillAction { kRedeem, kDeposit, kRefund };

// Staff mode: the PIN pad, the till screen and the deals. Wiped on leaving.
struct StaffView {
  TillAction action = TillAction::kRedeem;
  std::string pin;        // digits typed so far; screens show only dots
  std::string pin_error;  // "", "wrong_pin", "locked_out", "no_staff", "storage"
  int attempts_left = 0;
  int64_t locked_until = 0;  // Unix seconds; the pad takes no keys before it
  std::string member;        // who signed in
  // The member is a manager: refunds and stopping sign-ups are theirs
  // (issue #16: a cashier redeems and takes deposits), offline too.
  bool manager = false;
  std::string code;          // a short code being typed on the redeem keypad
  std::string subject;       // the code (scanned or typed) the answer is for
  std::optional<RedeemAnswer> answer;
  // "", "storage" (the till could not be read), "store_offline" or
  // "server_identity_changed" (the alarm: ViewModel::server_alarm)
  std::string error;
  std::optional<int64_t> done_amount;  // a deposit taken / refund given: how much
  std::string refusal;                 // the ledger's reason for a refused action
  std::map<uint32_t, DealToday> today;  // the deals screen: by deal id
  // The deals screen's page when more deals than fit (the view clamps it).
  int deals_page = 0;
  // The deals screen asks "stop sign-ups for <deal>?" before stopping: the
  // deal asked about, or 0.
  uint32_t confirm_stop = 0;
  // The Printer tab: what was last queued ("test", "reprint", "shelf") and
  // for what (a short code, a deal id), or why it was refused (a reason).
  std::string printed;
  std::string printed_what;
  std::string print_refusal;
};

// A slip (redemption, cancellation) being followed: pending until its job is
// done or held (or the print timeout passes); then state says which.
struct SlipFollow {
  int64_t job = 0;
  bool pending = false;
  std::optional<JobState> state;
};

// The check screen: a shopper's voucher, and a cancellation.
struct ShopperCheck {
  std::string code;  // as scanned; never shown
  std::optional<VoucherCheck> check;
  bool confirming = false;  // "Cancel my place?" asked
  bool cancelled = false;
  int64_t refund = 0;
  std::string error;  // "", "storage", or a refusal reason ("after_stop", ...)
};

enum class PrintPhase { kPrinting, kPrinted, kFailed };

struct ViewModel {
  Screen screen = Screen::kWall;
  i18n::Lang lang = i18n::Lang::kEn;
  int64_t now = 0;  // Unix seconds
  int utc_offset_minutes = 0;
  std::vector<DealInfo> deals;   // the wall
  int wall_page = 0;  // the wall's page (the view clamps it to the pages it has)
  std::optional<DealInfo> deal;  // the deal being looked at or joined
  JoinForm form;
  std::optional<JoinTicket> ticket;  // after a sign-up
  PrintPhase print_phase = PrintPhase::kPrinting;
  PrintStatus print;
  std::optional<int> idle_seconds_left;  // shown in the last seconds before the wipe
  std::string notice;                    // message key of a notice on the wall (a scan), or empty
  std::string wall_error;                // message key when the deals cannot be read
  bool voucher_check = false;            // a voucher scanned on the wall opens the check screen
  StaffView staff;                       // the staff screens
  ShopperCheck check;                    // the check screen
  SlipFollow slip;                       // a till slip printing
  PrinterState printer;                  // the alert on every screen, staff's Printer tab
  bool server_alarm = false;             // StaffDesk::ServerAlarm: the till screens' red alarm
};

}  // namespace gb::app
