#include "kiosk/app/kiosk_app.h"

#include <algorithm>
#include <charconv>

#include "drivers/scanner/recognizer.h"
#include "kiosk/app/check_flow.h"
#include "kiosk/app/form_input.h"
#include "kiosk/app/printer_flow.h"
#include "kiosk/app/staff_flow.h"

namespace gb::app {
KioskApp::KioskApp(DealDesk& deals, PrintDesk& printer, AppOptions options, StaffDesk* staff)
    : deals_(deals), printer_(printer), staff_(staff), options_(std::move(options)) {
  view_.lang = options_.lang;
  view_.utc_offset_minutes = options_.utc_offset_minutes;
  view_.voucher_check = staff_ != nullptr;  // CheckScan needs the till
}

void KioskApp::SetNow(int64_t now_ms) {
  now_ms_ = std::max(now_ms_, now_ms);  // a clock that steps back changes nothing
  const int64_t now_s = now_ms_ / 1000;
  // The views show minutes at most: a new second alone is no reason to redraw.
  if (now_s / 60 != view_.now / 60) Changed();
  view_.now = now_s;
}

void KioskApp::Start(int64_t now_ms) {
  SetNow(now_ms);
  last_input_ms_ = now_ms_;
  PollPrinter();
  GoWall(Forget::kEverything);
}

void KioskApp::Input(int64_t now_ms) {
  SetNow(now_ms);
  last_input_ms_ = now_ms_;
  if (view_.idle_seconds_left) {
    view_.idle_seconds_left.reset();
    Changed();
  }
}

void KioskApp::GoWall(Forget forget) {
  view_.screen = Screen::kWall;
  view_.staff = StaffView{};  // staff mode never outlives its screens
  view_.check = ShopperCheck{};
  view_.slip = SlipFollow{};
  if (options_.till_mode && staff_ != nullptr) view_.screen = Screen::kPin;
  view_.deal.reset();
  view_.form = JoinForm{};
  view_.ticket.reset();
  view_.print = PrintStatus{};
  view_.print_phase = PrintPhase::kPrinting;
  if (forget == Forget::kEverything) {
    view_.wall_page = 0;
    view_.lang = options_.lang;
  }
  view_.notice.clear();
  view_.idle_seconds_left.reset();
  RefreshDeals();
  Changed();
}

void KioskApp::RefreshDeals() {
  last_refresh_ms_ = now_ms_;
  base::Result<std::vector<DealInfo>> deals = deals_.ListDeals(view_.now);
  if (!deals.ok()) {
    if (view_.wall_error.empty()) Changed();
    view_.wall_error = "wall.error.storage";
    return;
  }
  // Deals a shopper can still do something about first; ended ones last,
  // each group in the catalog's order.
  std::stable_sort(deals->begin(), deals->end(), [&](const DealInfo& a, const DealInfo& b) {
    return !Ended(BadgeOf(a, view_.now)) && Ended(BadgeOf(b, view_.now));
  });
  if (*deals != view_.deals || !view_.wall_error.empty()) Changed();
  view_.wall_error.clear();
  view_.deals = std::move(*deals);
  // The deal being looked at follows the news too.
  if (view_.deal && view_.screen != Screen::kDone && view_.screen != Screen::kPrinting) {
    for (const DealInfo& d : view_.deals) {
      if (d.deal.id == view_.deal->deal.id) view_.deal = d;
    }
  }
}

void KioskApp::OpenDeal(uint32_t deal_id) {
  RefreshDeals();
  for (const DealInfo& d : view_.deals) {
    if (d.deal.id != deal_id) continue;
    view_.deal = d;
    view_.form = JoinForm{};
    view_.notice.clear();
    view_.screen = Screen::kDeal;
    Changed();
    return;
  }
  view_.screen = Screen::kWall;
  view_.notice = "scan.deal_unknown";
  Changed();
}

void KioskApp::Tap(std::string_view id, int64_t now_ms, int64_t held_ms) {
  Input(now_ms);
  if (id == "staff") {
    // A deliberate long press only: a shopper brushing the corner stays put.
    if (staff_ != nullptr && held_ms >= kStaffPressMs && !IsStaffScreen(view_.screen) && !Busy()) {
      EnterStaffMode(view_);
      Changed();
    }
    return;
  }
  if (id == "lang-en" || id == "lang-ru" || id == "lang-zh") {
    base::Result<i18n::Lang> lang = i18n::ParseLang(id.substr(5));
    if (lang.ok() && *lang != view_.lang) {
      view_.lang = *lang;
      // The keyboard follows the language; the shopper can still switch it.
      view_.form.alphabet = NameAlphabet(view_.lang);
      Changed();
    }
    return;
  }
  switch (view_.screen) {
    case Screen::kWall:
      // More deals than fit: the view has #wall-down / #wall-up only when
      // there is a page that way, so the page never runs far past the end.
      if ((id == "wall-down" && view_.wall_page + 1 < static_cast<int>(view_.deals.size())) ||
          (id == "wall-up" && view_.wall_page > 0)) {
        view_.wall_page += id == "wall-down" ? 1 : -1;
        return Changed();
      }
      if (id.starts_with("deal-")) {
        uint32_t deal_id = 0;
        const std::string_view digits = id.substr(5);
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), deal_id);
        if (ec == std::errc() && end == digits.data() + digits.size()) OpenDeal(deal_id);
      }
      return;
    case Screen::kDeal:
      if (id == "back") return GoWall(Forget::kJourney);
      if (id == "join" && view_.deal && CanJoin(*view_.deal, view_.now)) {
        view_.form = JoinForm{};
        view_.form.alphabet = NameAlphabet(view_.lang);
        view_.screen = Screen::kJoin;
        Changed();
      }
      return;
    case Screen::kJoin:
      if (id == "back") {
        view_.screen = Screen::kDeal;
        Changed();
      } else if (id == "phone" || id == "name") {
        view_.form.focus = id == "phone" ? InputFocus::kPhone : InputFocus::kName;
        Changed();
      } else if (id == "consent") {
        view_.form.consent = !view_.form.consent;
        view_.form.error.clear();
        Changed();
      } else if (id == "confirm") {
        Confirm();
      } else if (ApplyKey(view_.form, id)) {
        Changed();
      }
      return;
    case Screen::kPrinting:
      if (id == "done" && view_.print_phase != PrintPhase::kPrinting) GoWall(Forget::kJourney);
      return;
    case Screen::kDone:
      if (id == "done") GoWall(Forget::kJourney);
      return;
    case Screen::kPin:
    case Screen::kRedeem:
    case Screen::kStaffDeals:
    case Screen::kStaffPrinter:
    case Screen::kCheck:
      if (staff_ == nullptr) return GoWall(Forget::kEverything);
      return StaffStepDone(view_.screen == Screen::kCheck
                               ? CheckTap(*staff_, view_, id, view_.now)
                               : StaffTap(*staff_, view_, id, view_.now),
                           id);
  }
}

void KioskApp::StaffStepDone(StaffStep step, std::string_view id) {
  // What the staff flow left to the Printer tab (and a shelf card on the
  // Deals tab) is the printer flow's.
  if (step == StaffStep::kIgnored &&
      (view_.screen == Screen::kStaffPrinter ||
       (view_.screen == Screen::kStaffDeals && id.starts_with("shelf-")))) {
    step = PrinterTap(printer_, view_, id, view_.now);
  }
  switch (step) {
    case StaffStep::kLeave:
      // A shopper done checking a voucher keeps the language; staff leaving
      // leave the kiosk as the next shopper should find it.
      return GoWall(view_.screen == Screen::kCheck ? Forget::kJourney : Forget::kEverything);
    case StaffStep::kChanged:
      Changed();
      // A till refused for the alarm shows it with the refusal, not a tick later.
      if (staff_ != nullptr) PollServerAlarm(*staff_, view_);
      if (view_.screen == Screen::kStaffDeals) RefreshDeals();  // a stop shows at once
      PollPrinter();  // a job queued shows in the queue at once
      if (view_.slip.pending) printer_.Wake();
      return PollSlip(now_ms_);
    case StaffStep::kIgnored:
      return;
  }
}

void KioskApp::Scan(std::string_view text, int64_t now_ms) {
  Input(now_ms);
  if (IsStaffScreen(view_.screen)) {
    if (staff_ == nullptr) return;
    const StaffStep step = view_.screen == Screen::kStaffPrinter
                               ? PrinterScan(printer_, view_, text, view_.now)
                               : StaffScan(*staff_, view_, text, view_.now);
    if (step == StaffStep::kChanged) {
      Changed();
      PollPrinter();
      PollServerAlarm(*staff_, view_);
    }
    return;
  }
  const scanner::Recognized r = scanner::Recognize(text);
  if (r.kind == scanner::Kind::kDealLink && r.status.ok() && r.deal_id) {
    if (view_.screen == Screen::kPrinting && view_.print_phase == PrintPhase::kPrinting) return;
    return OpenDeal(*r.deal_id);
  }
  if (view_.screen != Screen::kWall) return;
  const bool voucher = r.kind == scanner::Kind::kVoucher || r.kind == scanner::Kind::kShortCode;
  if (voucher && staff_ != nullptr) {
    CheckScan(*staff_, view_, text, view_.now);
    return Changed();
  }
  view_.notice = r.kind == scanner::Kind::kVoucher || r.kind == scanner::Kind::kShortCode
                     ? "scan.voucher_at_till"
                     : "scan.unknown";
  Changed();
}

bool KioskApp::WallDiffersFromHome() const {
  return view_.lang != options_.lang || view_.wall_page != 0;
}

bool KioskApp::AtHome() const {
  return view_.screen == Screen::kWall ||
         (options_.till_mode && staff_ != nullptr && view_.screen == Screen::kPin);
}

void KioskApp::UpdateIdle(int64_t now_ms) {
  if (AtHome()) {
    // A notice answers a scan; the next shopper should not find it.
    if (!view_.notice.empty() && now_ms - last_input_ms_ >= options_.idle_warning_ms) {
      view_.notice.clear();
      Changed();
    }
    // Nor the last shopper's language or page.
    if (WallDiffersFromHome() && now_ms - last_input_ms_ >= options_.idle_timeout_ms) {
      view_.lang = options_.lang;
      view_.wall_page = 0;
      Changed();
    }
    return;
  }
  if (Busy()) return;
  const int64_t idle = now_ms - last_input_ms_;
  if (idle >= options_.idle_timeout_ms) return GoWall(Forget::kEverything);
  const int64_t left_ms = options_.idle_timeout_ms - idle;
  std::optional<int> left;
  if (left_ms <= options_.idle_warning_ms) left = static_cast<int>((left_ms + 999) / 1000);
  if (left != view_.idle_seconds_left) {
    view_.idle_seconds_left = left;
    Changed();
  }
}

void KioskApp::Tick(int64_t now_ms) {
  SetNow(now_ms);
  PollPrinter();
  if (staff_ != nullptr && PollServerAlarm(*staff_, view_)) Changed();
  PollPrint(now_ms_);
  PollSlip(now_ms_);
  UpdateIdle(now_ms_);
  if (now_ms_ - last_refresh_ms_ >= options_.refresh_ms && view_.screen != Screen::kJoin) {
    RefreshDeals();
  }
}

int64_t KioskApp::NextTickMs() const {
  if (Busy()) return now_ms_ + 100;
  int64_t next = last_refresh_ms_ + options_.refresh_ms;
  if (view_.screen == Screen::kWall && !view_.notice.empty()) {
    next = std::min(next, last_input_ms_ + options_.idle_warning_ms);
  }
  if (AtHome() && WallDiffersFromHome()) {
    next = std::min(next, last_input_ms_ + options_.idle_timeout_ms);
  }
  if (!AtHome()) {
    const int64_t warn_at = last_input_ms_ + options_.idle_timeout_ms - options_.idle_warning_ms;
    // In the countdown: every second; before it: when it starts.
    next =
        std::min(next, now_ms_ >= warn_at ? now_ms_ + 1000 - (now_ms_ - warn_at) % 1000 : warn_at);
  }
  return std::max(next, now_ms_ + 1);
}

}  // namespace gb::app
