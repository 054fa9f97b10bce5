#include "kiosk/app/staff_flow.h"

#include <algorithm>
#include <charconv>

#include "drivers/scanner/recognizer.h"

namespace gb::app {

bool EditKey(std::string& text, std::string_view id, std::size_t max, bool dash) {
  if (id == "key-back") {
    if (!text.empty()) text.pop_back();
    return true;
  }
  if (id == "key-clear") {
    text.clear();
    return true;
  }
  char c = 0;
  if (id.size() == 5 && id.starts_with("key-") && id[4] >= '0' && id[4] <= '9') c = id[4];
  if (dash && id == "key-dash") c = '-';
  if (c == 0) return false;
  if (text.size() < max) text += c;
  return true;
}

namespace {

StaffStep SignIn(StaffDesk& desk, StaffView& st, int64_t now, Screen& screen) {
  const std::string pin = std::move(st.pin);
  st.pin.clear();
  base::Result<StaffSignIn> r = desk.SignIn(pin, now);
  if (!r.ok()) {
    st.pin_error = "storage";
    return StaffStep::kChanged;
  }
  if (!r->ok) {
    st.pin_error = r->refusal.empty() ? "wrong_pin" : r->refusal;
    st.attempts_left = r->attempts_left;
    st.locked_until = r->locked_until;
    return StaffStep::kChanged;
  }
  st = StaffView{};
  st.member = r->member;
  st.manager = r->manager;
  screen = Screen::kRedeem;
  return StaffStep::kChanged;
}

void Answer(StaffView& st, base::Result<RedeemAnswer> r, std::string subject) {
  st.subject = std::move(subject);
  st.done_amount.reset();
  st.refusal.clear();
  if (!r.ok()) {
    st.answer.reset();
    // The failures staff can act on (wait and retry; sign in again; call
    // IT) get their own words.
    const std::string& why = r.status().reason();
    st.error = why == "store_offline" || why == kServerIdentityChanged ||
                       why == "staff_session_required" || why == "staff_session_expired"
                   ? why
                   : "storage";
    return;
  }
  st.error.clear();
  st.answer = std::move(*r);
}

// A deposit or refund: the till decides again; the slip is followed.
StaffStep TillAct(ViewModel& vm, base::Result<TillOutcome> r) {
  StaffView& st = vm.staff;
  if (!r.ok()) {
    st.refusal = r.status().reason();
    return StaffStep::kChanged;
  }
  st.refusal.clear();
  st.done_amount = r->amount;
  vm.slip = SlipFollow{};
  if (r->print_job_id > 0) {
    vm.slip.job = r->print_job_id;
    vm.slip.pending = true;
  }
  return StaffStep::kChanged;
}

void LoadToday(StaffDesk& desk, ViewModel& vm, int64_t now) {
  StaffView& st = vm.staff;
  st.today.clear();
  for (const DealInfo& d : vm.deals) {
    base::Result<DealToday> t = desk.Today(d.deal.id, now);
    if (!t.ok()) {
      st.error = "storage";
      return;
    }
    st.today[d.deal.id] = *t;
  }
}

// A tab starts clean but for who is signed in and the deals page they were
// on, so coming back to Deals finds the same deals.
StaffView FreshTab(const StaffView& st) {
  StaffView fresh;
  fresh.member = st.member;
  fresh.manager = st.manager;
  fresh.deals_page = st.deals_page;
  return fresh;
}

StaffStep DealsTap(StaffDesk& desk, ViewModel& vm, std::string_view id, int64_t now) {
  // The view shows #staff-deals-down / -up only when there is such a page;
  // the bound here only keeps a stray tap from counting up for ever.
  if (id == "staff-deals-down" || id == "staff-deals-up") {
    const bool down = id == "staff-deals-down";
    if (down && vm.staff.deals_page + 1 >= static_cast<int>(vm.deals.size())) {
      return StaffStep::kIgnored;
    }
    if (!down && vm.staff.deals_page == 0) return StaffStep::kIgnored;
    vm.staff.deals_page += down ? 1 : -1;
    return StaffStep::kChanged;
  }
  // Stopping cannot be undone: "stop-<id>" only asks, naming the deal;
  // "stop-confirm" stops it, "stop-keep" leaves it taking sign-ups.
  StaffView& st = vm.staff;
  if (id == "stop-keep" && st.confirm_stop != 0) {
    st.confirm_stop = 0;
    return StaffStep::kChanged;
  }
  if (id == "stop-confirm" && st.confirm_stop != 0) {
    const base::Status s = desk.StopSignUps(st.confirm_stop, now);
    st.confirm_stop = 0;
    st.refusal = s.ok() ? std::string() : s.reason();
    LoadToday(desk, vm, now);
    return StaffStep::kChanged;
  }
  if (!id.starts_with("stop-") || st.confirm_stop != 0) return StaffStep::kIgnored;
  uint32_t deal_id = 0;
  const std::string_view digits = id.substr(5);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), deal_id);
  if (ec != std::errc() || end != digits.data() + digits.size()) return StaffStep::kIgnored;
  const auto deal = std::find_if(vm.deals.begin(), vm.deals.end(),
                                 [&](const DealInfo& d) { return d.deal.id == deal_id; });
  if (deal == vm.deals.end() || !CanJoin(*deal, now)) return StaffStep::kIgnored;
  // Stopping sign-ups is a manager's (issue #16), asked before the
  // confirmation so a cashier is never shown a step they cannot take.
  if (!st.manager) {
    st.refusal = "role_required";
    return StaffStep::kChanged;
  }
  st.confirm_stop = deal_id;
  st.refusal.clear();
  return StaffStep::kChanged;
}

}  // namespace

bool PollServerAlarm(StaffDesk& desk, ViewModel& vm) {
  const bool alarm = desk.ServerAlarm();
  if (alarm == vm.server_alarm) return false;
  vm.server_alarm = alarm;
  return true;
}

bool IsStaffScreen(Screen s) {
  return s == Screen::kPin || s == Screen::kRedeem || s == Screen::kStaffDeals ||
         s == Screen::kStaffPrinter;
}

void EnterStaffMode(ViewModel& vm) {
  vm.staff = StaffView{};
  vm.screen = Screen::kPin;
}

StaffStep StaffTap(StaffDesk& desk, ViewModel& vm, std::string_view id, int64_t now) {
  StaffView& st = vm.staff;
  if (id == "staff-exit") return StaffStep::kLeave;
  if (vm.screen != Screen::kPin) {
    // The tabs: the till's three actions and the deals.
    const TillAction tabs[] = {TillAction::kRedeem, TillAction::kDeposit, TillAction::kRefund};
    const std::string_view names[] = {"tab-redeem", "tab-deposit", "tab-refund"};
    for (int i = 0; i < 3; ++i) {
      if (id != names[i]) continue;
      st = FreshTab(st);
      st.action = tabs[i];
      vm.screen = Screen::kRedeem;
      vm.slip = SlipFollow{};
      return StaffStep::kChanged;
    }
    if (id == "tab-deals" || id == "tab-printer") {
      st = FreshTab(st);
      vm.screen = id == "tab-deals" ? Screen::kStaffDeals : Screen::kStaffPrinter;
      vm.slip = SlipFollow{};
      if (vm.screen == Screen::kStaffDeals) LoadToday(desk, vm, now);
      return StaffStep::kChanged;
    }
    if (vm.screen == Screen::kStaffDeals) return DealsTap(desk, vm, id, now);
    // The Printer tab's own ids are printer_flow.h's.
    if (vm.screen == Screen::kStaffPrinter) return StaffStep::kIgnored;
  }
  if (vm.screen == Screen::kPin) {
    // Locked out: the pad takes nothing until the time it names.
    if (st.pin_error == "locked_out" && now < st.locked_until) return StaffStep::kIgnored;
    if (id == "pin-enter") {
      if (st.pin.empty()) return StaffStep::kIgnored;
      return SignIn(desk, st, now, vm.screen);
    }
    if (!EditKey(st.pin, id, kMaxPinDigits, false)) return StaffStep::kIgnored;
    st.pin_error.clear();
    return StaffStep::kChanged;
  }
  if (id == "redeem-check") {
    if (st.code.empty()) return StaffStep::kIgnored;
    Answer(st, desk.Look(st.code, now), st.code);
    return StaffStep::kChanged;
  }
  if (id == "deposit-confirm" || id == "refund-confirm") {
    const bool deposit = id == "deposit-confirm";
    if (!st.answer || st.done_amount ||
        st.action != (deposit ? TillAction::kDeposit : TillAction::kRefund)) {
      return StaffStep::kIgnored;
    }
    if ((deposit ? st.answer->deposit_to_take : st.answer->refund_to_give) <= 0) {
      return StaffStep::kIgnored;
    }
    // The store refuses a cashier's refund (403 role_required); offline, the
    // kiosk holds the same rule, so going offline grants no more rights.
    if (!deposit && !st.manager) {
      st.refusal = "role_required";
      return StaffStep::kChanged;
    }
    return TillAct(vm,
                   deposit ? desk.TakeDeposit(st.subject, now) : desk.GiveRefund(st.subject, now));
  }
  if (id == "redeem-confirm") {
    if (st.action != TillAction::kRedeem) return StaffStep::kIgnored;
    // Only a VALID answer not yet redeemed has the button; the till
    // decides again, so a voucher redeemed meanwhile elsewhere says so.
    if (!st.answer || st.answer->verdict != "VALID" || st.answer->redeemed_now) {
      return StaffStep::kIgnored;
    }
    Answer(st, desk.Redeem(st.subject, now), st.subject);
    st.code.clear();
    vm.slip = SlipFollow{};
    if (st.answer && st.answer->redeemed_now && st.answer->print_job_id > 0) {
      vm.slip.job = st.answer->print_job_id;
      vm.slip.pending = true;
    }
    return StaffStep::kChanged;
  }
  if (id == "redeem-next") {
    const std::string member = st.member;
    const bool manager = st.manager;
    const TillAction action = st.action;
    st = StaffView{};
    st.member = member;
    st.manager = manager;
    st.action = action;
    return StaffStep::kChanged;
  }
  if (!EditKey(st.code, id, kMaxCodeChars, true)) return StaffStep::kIgnored;
  return StaffStep::kChanged;
}

StaffStep StaffScan(StaffDesk& desk, ViewModel& vm, std::string_view text, int64_t now) {
  if (vm.screen != Screen::kRedeem || text.empty()) return StaffStep::kIgnored;
  StaffView& st = vm.staff;
  st.code.clear();
  // A product's barcode or a shelf card is no voucher, forged or not: say
  // that, and do not trouble the till with it.
  const scanner::Kind kind = scanner::Recognize(text).kind;
  if (kind != scanner::Kind::kVoucher && kind != scanner::Kind::kShortCode) {
    RedeemAnswer not_voucher;
    not_voucher.verdict = "NOT_A_VOUCHER";
    Answer(st, not_voucher, std::string(text));
    return StaffStep::kChanged;
  }
  Answer(st, desk.Look(text, now), std::string(text));
  return StaffStep::kChanged;
}

}  // namespace gb::app
