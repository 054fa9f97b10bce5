#include "tests/ui/kiosk_scenes.h"

#include "kiosk/app/form_input.h"

namespace gb::ui::test {
namespace {

rules::Deal MakeDeal(uint32_t id, std::map<std::string, std::string> title, int64_t regular,
                     std::vector<rules::Tier> tiers, int64_t stop_in) {
  rules::Deal d;
  d.id = id;
  d.title = std::move(title);
  d.currency = "EUR";
  d.regular_price_minor = regular;
  d.tiers = std::move(tiers);
  d.opens_at = kSceneNow - 3600;
  d.stop_at = kSceneNow + stop_in;
  d.deadline = d.stop_at + 86400;
  d.redeem_by = d.deadline + 30 * 86400;
  d.fee_bp = 250;
  return d;
}

std::vector<app::DealInfo> Deals() {
  rules::Deal sofa = MakeDeal(
      1,
      {{"en", "Sofa Oslo, 3 seats"}, {"ru", "Диван «Осло», трёхместный"}, {"zh", "奥斯陆三人沙发"}},
      99900, {{10, 59900}, {20, 54900}, {50, 49900}}, 7 * 86400);
  sofa.description = {
      {"en", "Grey wool, solid oak legs. Delivered within two weeks."},
      {"ru", "Серая шерсть, ножки из массива дуба. Доставка в течение двух недель."},
      {"zh", "灰色羊毛面料，实木橡木腿。两周内送达。"}};
  sofa.image = "sofa-oslo.png";
  rules::Deal chair =
      MakeDeal(2, {{"en", "Armchair Bergen"}, {"ru", "Кресло «Берген»"}, {"zh", "卑尔根扶手椅"}},
               39900, {{5, 29900}, {12, 26900}}, 5 * 3600 + 20 * 60);
  chair.deposit = {rules::DepositKind::kPercent, 1000, 86400};
  rules::Deal table = MakeDeal(
      3, {{"en", "Coffee table Fjord"}, {"ru", "Журнальный столик «Фьорд»"}, {"zh", "峡湾咖啡桌"}},
      19900, {{8, 12900}}, 3 * 86400);
  table.stop_at = kSceneNow - 60;  // stopped, and failed below the threshold
  table.deadline = kSceneNow - 60;
  return {app::DealInfo{sofa, rules::DealState::kOpen, {7, 0}},
          app::DealInfo{chair, rules::DealState::kUnlocked, {6, 1}},
          app::DealInfo{table, rules::DealState::kOpen, {2, 0}}};
}

// A deal in each state the first wall does not show: upcoming (a lamp that
// opens tomorrow at 13:40), sold out (the armchair with every capped place
// taken), sold out here for now (the sofa, this kiosk's lease used up),
// stopped early by staff (the sofa) and closed (the armchair, unlocked,
// past its stop time).
std::vector<app::DealInfo> StateDeals() {
  const std::vector<app::DealInfo> base = Deals();
  rules::Deal lamp = MakeDeal(
      4, {{"en", "Floor lamp Lund"}, {"ru", "Торшер «Лунд»"}, {"zh", "隆德落地灯"}}, 12900,
      {{6, 8900}, {10, 7900}}, 9 * 86400);
  lamp.opens_at = kSceneNow + 86400 - 33 * 60;  // Tue 22 Sep 13:40
  lamp.deposit = {rules::DepositKind::kAmount, 1000, 2 * 86400};
  // Every one of its 12 capped places taken: 12 of 12 joined, the best price.
  app::DealInfo sold = base[1];
  sold.deal.id = 5;
  sold.deal.cap = 12;
  sold.tally = {12, 0};
  // The store lent this kiosk its share of a capped deal and it is used up,
  // though 5 of the 20 places are free elsewhere: sold out here for now.
  app::DealInfo here = base[0];
  here.deal.id = 8;
  here.deal.cap = 20;
  here.tally = {15, 0};
  here.sold_out_here = true;
  app::DealInfo stopped = base[0];
  stopped.deal.id = 6;
  stopped.deal.stopped_early_at = kSceneNow - 2 * 3600;
  app::DealInfo closed = base[1];
  closed.deal.id = 7;
  closed.deal.stop_at = kSceneNow - 3600;
  return {app::DealInfo{lamp, rules::DealState::kOpen, {0, 0}}, sold, here, stopped, closed};
}

// The longest texts a card and the deal page must show whole: 80-character
// titles, "47 h 59 min left", "Sign-ups were stopped early", an opening
// date, the failed deal's note.
std::vector<app::DealInfo> LongDeals() {
  std::vector<app::DealInfo> deals = Deals();
  deals[0].deal.title = {
      {"en", "Corner sofa Oslo XL with sleeping function, storage box and two extra cushions"},
      {"ru", "Угловой диван «Осло XL» с функцией сна, ящиком для белья и двумя подушками"},
      {"zh", "奥斯陆XL转角沙发，带睡眠功能、储物箱和两个额外靠垫，灰色羊毛面料，实木橡木腿"}};
  deals[0].deal.stop_at = kSceneNow + 47 * 3600 + 59 * 60 + 30;
  deals[0].deal.deadline = deals[0].deal.stop_at + 86400;
  deals[1].deal.title = {
      {"en", "Armchair Bergen in cognac leather with a matching footstool and walnut legs"},
      {"ru", "Кресло «Берген» из коньячной кожи с подходящим пуфом и ножками из ореха"},
      {"zh", "卑尔根干邑色真皮扶手椅，配同款脚凳和胡桃木椅腿，经典北欧设计"}};
  deals[1].deal.stopped_early_at = kSceneNow - 600;
  deals[1].state = rules::DealState::kOpen;
  deals[1].tally = {4, 0};
  deals[2].deal.title = {
      {"en", "Coffee table Fjord, solid oak with a glass top and a magazine shelf below"},
      {"ru", "Журнальный столик «Фьорд» из массива дуба со стеклянной столешницей и полкой"},
      {"zh", "峡湾实木橡木咖啡桌，钢化玻璃桌面，下方带杂志架，适合小客厅"}};
  app::DealInfo lamp = StateDeals()[0];
  lamp.deal.title = {
      {"en", "Floor lamp Lund with a linen shade, dimmer switch and three warm-white bulbs"},
      {"ru", "Торшер «Лунд» с льняным абажуром, диммером и тремя лампами тёплого света"},
      {"zh", "隆德落地灯，亚麻灯罩，带调光开关和三个暖白光灯泡，适合卧室和客厅"}};
  // The catalog's order; the app puts ended deals last, as here.
  return {deals[0], lamp, deals[1], deals[2]};
}

// Staff mode: a wrong PIN; a valid voucher with a deposit paid; one
// already redeemed.
app::ViewModel StaffScene(const std::string& name, app::ViewModel vm) {
  if (name == "pin-wrong") {
    vm.screen = app::Screen::kPin;
    vm.staff.pin = "12";
    vm.staff.pin_error = "wrong_pin";
    vm.staff.attempts_left = 3;
    return vm;
  }
  if (name == "pin-locked") {  // five wrong PINs: locked for 15 minutes
    vm.screen = app::Screen::kPin;
    vm.staff.pin_error = "locked_out";
    vm.staff.locked_until = kSceneNow + 15 * 60;
    return vm;
  }
  vm.screen = app::Screen::kRedeem;
  vm.staff.member = "Lena";
  vm.staff.manager = true;  // Lena manages the store; Ivan is a cashier
  if (name == "staff-deals-cashier") {  // a cashier: no "stop sign-ups", a line says why
    vm.screen = app::Screen::kStaffDeals;
    vm.staff.member = "Ivan";
    vm.staff.manager = false;
    vm.staff.today = {{1, {3, 0}}, {2, {1, 2}}, {3, {0, 0}}};
    return vm;
  }
  if (name == "staff-deals") {
    vm.screen = app::Screen::kStaffDeals;
    vm.staff.today = {{1, {3, 0}}, {2, {1, 2}}, {3, {0, 0}}};
    return vm;
  }
  if (name == "staff-deals-confirm") {  // "stop sign-ups" tapped on the sofa: asked first
    vm.screen = app::Screen::kStaffDeals;
    vm.staff.today = {{1, {1, 0}}, {2, {1, 2}}, {3, {0, 0}}};
    vm.staff.confirm_stop = 1;
    return vm;
  }
  if (name == "staff-deals-more") {  // nine deals: more than one screen holds
    vm.screen = app::Screen::kStaffDeals;
    // The added ones with the longest titles (80 characters), to be shown whole.
    const std::vector<app::DealInfo> long_titles = LongDeals();
    for (uint32_t id = 4; id <= 9; ++id) {
      app::DealInfo d = vm.deals[(id - 4) % 2];
      d.deal.id = id;
      d.deal.title = long_titles[(id - 4) % 2 == 0 ? 0 : 2].deal.title;
      vm.deals.push_back(d);
    }
    vm.staff.today = {{1, {3, 0}}, {2, {1, 2}}, {9, {4, 1}}};
    return vm;
  }
  if (name == "staff-printer") {  // ready; a reprint just queued
    vm.screen = app::Screen::kStaffPrinter;
    vm.printer = app::PrinterState{true, "", 1, 0};
    vm.staff.printed = "reprint";
    vm.staff.printed_what = "1-1000-59198";
    return vm;
  }
  if (name == "staff-printer-out") {  // out of paper, a voucher held, a typo
    vm.screen = app::Screen::kStaffPrinter;
    vm.printer = app::PrinterState{false, "paper_out", 0, 1};
    vm.staff.code = "1-1000-5919";
    vm.staff.print_refusal = "short_code_check";
    return vm;
  }
  if (name == "staff-printer-denied") {  // the kiosk may not open the printer's device
    vm.screen = app::Screen::kStaffPrinter;
    vm.printer = app::PrinterState{false, "no_permission", 0, 1,
                                   "open /dev/usb/lp0: Permission denied"};
    return vm;
  }
  if (name == "redeem-offline") {  // another kiosk's voucher, the store unreachable
    vm.staff.code = "2-1000-00042";
    vm.staff.error = "store_offline";
    return vm;
  }
  if (name == "redeem-alarm") {  // the alarm stands: another certificate at the store's address
    vm.server_alarm = true;
    vm.staff.error = "server_identity_changed";
    return vm;
  }
  app::RedeemAnswer a;
  a.currency = "EUR";
  a.short_code = "1-1000-59198";
  a.redeem_by = kSceneNow + 30 * 86400;
  a.deal_id = 2;  // the armchair
  if (name == "redeem-not-voucher") {  // a product's EAN-13 scanned by mistake
    app::RedeemAnswer n;
    n.verdict = "NOT_A_VOUCHER";
    vm.staff.answer = n;
    return vm;
  }
  if (name == "deposit-paid") {  // the deposit tab, for a voucher whose deposit was paid
    vm.staff.action = app::TillAction::kDeposit;
    a.verdict = "NOT_YET_UNLOCKED";
    a.reason = "deal_open";
    a.deposit_paid = 2990;
    a.deposit_paid_at = kSceneNow - 26 * 3600;
    vm.staff.answer = a;
    return vm;
  }
  if (name == "deposit-alarm") {  // the deposit refused for the alarm, nothing taken
    vm.staff.action = app::TillAction::kDeposit;
    a.verdict = "NOT_YET_UNLOCKED";
    a.reason = "deposit_unpaid";
    a.deposit_to_take = 2990;
    vm.staff.refusal = "server_identity_changed";
    vm.staff.answer = a;
    return vm;
  }
  if (name == "deposit-taken") {
    vm.staff.action = app::TillAction::kDeposit;
    a.verdict = "NOT_YET_UNLOCKED";
    a.reason = "deposit_unpaid";
    a.deposit_to_take = 2990;
    vm.staff.done_amount = 2990;
  } else if (name == "redeem-valid" || name == "redeem-done") {
    vm.staff.code = "1-1000-59198";
    a.verdict = "VALID";
    a.price = 26900;
    a.deposit_paid = 3990;
    a.charge = 22910;
    if (name == "redeem-done") {  // redeemed here; the slip printed
      vm.staff.code.clear();
      a.redeemed_now = true;
      a.print_job_id = 12;
      vm.slip.job = 12;
      vm.slip.state = app::JobState::kDone;
    }
  } else {
    a.verdict = "ALREADY_REDEEMED";
    a.redeemed_at = kSceneNow - 3 * 3600;
    a.redeemed_place = "Demo Store";
  }
  vm.staff.answer = a;
  return vm;
}

// A shopper's voucher on the wall: asked to confirm a cancel (before the
// stop); and the unlocked chair after its stop, with no cancel.
app::ViewModel CheckScene(const std::string& name, app::ViewModel vm) {
  vm.screen = app::Screen::kCheck;
  app::VoucherCheck c;
  c.verdict = "NOT_YET_UNLOCKED";
  c.found = true;
  c.pledge_state = "active";
  if (name == "check-cancelled" || name == "check-used") {  // the sofa voucher, no longer a place
    c.deal_id = 1;
    c.deal_state = "open";
    c.position = 7;
    c.committed = 6;
    c.stop_at = vm.deals[0].deal.stop_at;
    if (name == "check-cancelled") {
      vm.check.cancelled = true;
      c.pledge_state = "cancelled";
    } else {
      c.deal_state = "unlocked";
      c.pledge_state = "redeemed";
    }
  } else if (name == "check-confirm") {
    c.deal_id = 1;
    c.deal_state = "open";
    c.position = 7;
    c.committed = 7;
    c.stop_at = vm.deals[0].deal.stop_at;
    c.can_cancel = true;
    vm.check.confirming = true;
  } else {
    c.deal_id = 2;
    c.deal_state = "unlocked";
    c.position = 4;
    c.committed = 6;
    c.stop_at = kSceneNow - 3600;
  }
  vm.check.check = c;
  return vm;
}

}  // namespace

std::vector<std::string> SceneNames() {
  return {"wall",
          "deal",
          "join",
          "join-name",
          "printing",
          "print-failed",
          "done",
          "pin-wrong",
          "redeem-valid",
          "redeem-refused",
          "check-confirm",
          "check-stopped",
          "deposit-taken",
          "staff-deals",
          "staff-printer",
          "staff-printer-out",
          "wall-printer-out",
          "wall-more",
          "redeem-offline",
          "join-paused",
          "join-sold-out-here",
          "staff-deals-more",
          "wall-paused",
          "deal-paused",
          "wall-states",
          "deal-upcoming",
          "deal-failed",
          "deal-closed",
          "pin-locked",
          "staff-deals-confirm",
          "redeem-done",
          "redeem-not-voucher",
          "deposit-paid",
          "check-cancelled",
          "check-used",
          "wall-notice",
          "done-deposit",
          "print-failed-deposit",
          "wall-long",
          "deal-long",
          "deal-sold-out-here",
          "staff-printer-denied",
          "redeem-alarm",
          "deposit-alarm",
          "staff-deals-cashier"};
}

app::ViewModel Scene(const std::string& name, i18n::Lang lang) {
  app::ViewModel vm;
  vm.lang = lang;
  vm.now = kSceneNow;
  vm.deals = Deals();
  vm.voucher_check = true;  // a kiosk with a till: vouchers can be checked on the wall
  if (name == "wall") return vm;
  if (name == "wall-notice") {  // a product's barcode scanned on the wall
    vm.notice = "scan.unknown";
    return vm;
  }
  if (name == "wall-more") {  // seven deals: more than a screen holds
    for (uint32_t id = 4; id <= 7; ++id) {
      app::DealInfo d = vm.deals[(id - 4) % 2];
      d.deal.id = id;
      vm.deals.push_back(d);
    }
    return vm;
  }
  if (name == "wall-paused" || name == "deal-paused") {  // the armchair's sign-ups paused
    vm.deals[1].deal.paused = true;
    if (name == "deal-paused") {
      vm.screen = app::Screen::kDeal;
      vm.deal = vm.deals[1];
    }
    return vm;
  }
  if (name == "wall-long") {  // a full page of the longest titles, more on the next
    const std::vector<app::DealInfo> longest = LongDeals();
    vm.deals = {longest[0], longest[1]};
    // Three more open ones, with the other long titles.
    for (uint32_t id = 9; id <= 11; ++id) {
      app::DealInfo d = longest[0];
      d.deal.id = id;
      d.deal.title = longest[id - 8].deal.title;
      vm.deals.push_back(d);
    }
    vm.deals.push_back(longest[2]);  // ended deals last
    vm.deals.push_back(longest[3]);
    return vm;
  }
  if (name == "deal-long") {
    vm.deals = LongDeals();
    vm.screen = app::Screen::kDeal;
    vm.deal = vm.deals[0];
    return vm;
  }
  if (name == "wall-states") {
    vm.deals = StateDeals();
    return vm;
  }
  if (name == "deal-upcoming" || name == "deal-closed" || name == "deal-sold-out-here") {
    vm.deals = StateDeals();
    vm.screen = app::Screen::kDeal;
    vm.deal = vm.deals[name == "deal-upcoming" ? 0 : name == "deal-closed" ? 4 : 2];
    return vm;
  }
  if (name == "deal-failed") {  // the coffee table: below its threshold at the deadline
    vm.screen = app::Screen::kDeal;
    vm.deal = vm.deals[2];
    return vm;
  }
  if (name == "wall-printer-out") {
    vm.printer = app::PrinterState{false, "paper_out", 0, 1};
    return vm;
  }
  if (name.starts_with("pin") || name.starts_with("redeem") || name.starts_with("deposit-") ||
      name.starts_with("staff-")) {
    return StaffScene(name, vm);
  }
  if (name.starts_with("check")) return CheckScene(name, vm);
  vm.deal = vm.deals[0];
  vm.screen = app::Screen::kDeal;
  if (name == "deal") return vm;
  vm.screen = app::Screen::kJoin;
  vm.form.phone = "01512345";
  if (name == "join") {
    vm.form.error = "join.error.bad_phone";
    return vm;
  }
  if (name == "join-paused") {  // the kiosk's clock is off the store's
    vm.form.phone = "+4915112345678";  // shown "+49 151 1234 5678", '+' greyed out
    vm.form.consent = true;
    vm.form.error = "join.error.kiosk_paused";
    return vm;
  }
  if (name == "join-sold-out-here") {  // this kiosk's lease of a capped deal is used up
    vm.form.phone = "015112345678";
    vm.form.consent = true;
    vm.form.error = "join.error.sold_out_here";
    return vm;
  }
  if (name == "join-name") {
    vm.form.focus = app::InputFocus::kName;
    vm.form.name = lang == i18n::Lang::kRu ? "Анна" : "Anna";
    vm.form.alphabet = app::NameAlphabet(lang);
    vm.form.shift = false;
    vm.form.consent = true;
    return vm;
  }
  vm.form = app::JoinForm{};
  app::JoinTicket t;
  t.position = 8;
  t.tally = {8, 0};
  t.voucher_text =
      "GB1:V50000V50000V50000000000380%E058R850L/V-XIM0WDSABBMM876E5K$9UBO:4HEU12BCY6B";
  t.short_code = "1-1-00008";
  t.price_minor = 59900;
  t.print_job_id = 8;
  vm.ticket = t;
  if (name == "done-deposit" || name == "print-failed-deposit") {
    // The armchair asks a 10% deposit within a day: the place is held, not
    // counted, until it is paid.
    vm.deals[1].tally = {3, 1};
    vm.deal = vm.deals[1];
    t.position = 4;
    t.tally = {3, 1};
    t.price_minor = 29900;
    t.deposit_due = 2990;
    t.deposit_by = kSceneNow + 86400;
    vm.ticket = t;
    vm.screen = name == "done-deposit" ? app::Screen::kDone : app::Screen::kPrinting;
    if (name == "done-deposit") {
      vm.print_phase = app::PrintPhase::kPrinted;
    } else {
      vm.print_phase = app::PrintPhase::kFailed;
      vm.print = app::PrintStatus{app::JobState::kHeld, false, "paper_out"};
    }
    return vm;
  }
  if (name == "printing") {
    vm.screen = app::Screen::kPrinting;
    vm.print = app::PrintStatus{app::JobState::kPrinting, true, ""};
    return vm;
  }
  if (name == "print-failed") {
    vm.screen = app::Screen::kPrinting;
    vm.print_phase = app::PrintPhase::kFailed;
    vm.print = app::PrintStatus{app::JobState::kHeld, false, "paper_out"};
    return vm;
  }
  vm.screen = app::Screen::kDone;
  vm.print_phase = app::PrintPhase::kPrinted;
  vm.idle_seconds_left = 7;  // the countdown banner is part of this golden
  return vm;
}

}  // namespace gb::ui::test
