// KioskApp's printing side: the sign-up that queues a voucher, following
// the voucher's and the till slips' print jobs, and the printer's state for
// the alert and staff's Printer tab (kiosk_app.h).
#include <algorithm>

#include "core/rules/phone.h"
#include "kiosk/app/kiosk_app.h"

namespace gb::app {
namespace {

// Reasons the ledger gives for a refused sign-up that have their own words;
// anything else is a storage problem and gets "join.error.storage".
constexpr std::string_view kKnownJoinReasons[] = {
    "not_open",      "after_stop",   "deadline_passed", "sold_out",       "sold_out_here",
    "shopper_limit", "deal_unknown", "kiosk_paused",    "kiosk_suspended", "paused"};

std::string JoinErrorKey(const std::string& reason) {
  for (std::string_view known : kKnownJoinReasons) {
    if (reason == known) return "join.error." + reason;
  }
  return "join.error.storage";
}

}  // namespace

void KioskApp::Confirm() {
  JoinForm& form = view_.form;
  Changed();
  if (!view_.deal) return GoWall(Forget::kJourney);
  base::Result<std::string> phone = rules::NormalizePhone(form.phone, options_.country);
  if (form.phone.empty() || !phone.ok()) {
    form.error = form.phone.empty() ? "join.error.no_phone" : "join.error.bad_phone";
    form.focus = InputFocus::kPhone;
    return;
  }
  if (!form.consent) {
    form.error = "join.error.consent";
    return;
  }
  JoinRequest req;
  req.deal_id = view_.deal->deal.id;
  req.phone_e164 = *phone;
  std::string name = form.name;
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (!name.empty()) req.name = name;
  req.now = view_.now;
  req.lang = std::string(i18n::LangCode(view_.lang));
  base::Result<JoinTicket> ticket = deals_.Join(req);
  if (!ticket.ok()) {
    form.error = JoinErrorKey(ticket.status().reason());
    RefreshDeals();
    return;
  }
  view_.ticket = std::move(*ticket);
  if (view_.ticket->deposit_due > 0 && view_.ticket->deposit_by == 0) {
    view_.ticket->deposit_by = req.now + view_.deal->deal.deposit.pay_within_s;
  }
  // Personal data leaves the screen as soon as it is recorded.
  form = JoinForm{};
  view_.screen = Screen::kPrinting;
  view_.print_phase = PrintPhase::kPrinting;
  view_.print = PrintStatus{};
  print_started_ms_ = now_ms_;
  printer_.Wake();
  RefreshDeals();
  PollPrint(now_ms_);
}

void KioskApp::PollPrint(int64_t now_ms) {
  if (view_.screen != Screen::kPrinting || !view_.ticket ||
      view_.print_phase != PrintPhase::kPrinting) {
    return;
  }
  const PrintStatus status = printer_.Status(view_.ticket->print_job_id);
  PollPrinter();  // the alert comes with the news, not a tick later
  if (status != view_.print) {
    view_.print = status;
    Changed();
  }
  if (status.job == JobState::kDone) {
    view_.print_phase = PrintPhase::kPrinted;
    view_.screen = Screen::kDone;
    last_input_ms_ = now_ms;  // the shopper reads the result from now
    Changed();
  } else if (status.job == JobState::kHeld ||
             now_ms - print_started_ms_ >= options_.print_timeout_ms) {
    view_.print_phase = PrintPhase::kFailed;
    // The shopper leaves with the voucher on screen: the paper copy that
    // follows is a second one and must say so.
    printer_.ShownOnScreen(view_.ticket->print_job_id);
    last_input_ms_ = now_ms;
    Changed();
  }
}

void KioskApp::PollSlip(int64_t now_ms) {
  SlipFollow& slip = view_.slip;
  if (!slip.pending) return;
  if (!slip.state) print_started_ms_ = now_ms;
  const JobState job = printer_.Status(slip.job).job;
  const bool over = job == JobState::kDone || job == JobState::kHeld ||
                    now_ms - print_started_ms_ >= options_.print_timeout_ms;
  if (slip.state != job || over) Changed();
  slip.state = job;
  if (over) {
    slip.pending = false;
    last_input_ms_ = now_ms;  // the outcome is read from now
  }
}

void KioskApp::PollPrinter() {
  PrinterState state = printer_.Printer();
  if (state == view_.printer) return;
  view_.printer = std::move(state);
  Changed();
}

bool KioskApp::Busy() const {
  if (view_.slip.pending) return true;
  return view_.screen == Screen::kPrinting && view_.print_phase == PrintPhase::kPrinting;
}

}  // namespace gb::app
