#include "tests/ui/kiosk_scenes.h"

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
  vm.screen = app::Screen::kRedeem;
  vm.staff.member = "Lena";
  if (name == "staff-deals") {
    vm.screen = app::Screen::kStaffDeals;
    vm.staff.today = {{1, {3, 0}}, {2, {1, 2}}, {3, {0, 0}}};
    return vm;
  }
  if (name == "staff-deals-more") {  // nine deals: more than one screen holds
    vm.screen = app::Screen::kStaffDeals;
    for (uint32_t id = 4; id <= 9; ++id) {
      app::DealInfo d = vm.deals[(id - 4) % 2];
      d.deal.id = id;
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
  if (name == "redeem-offline") {  // another kiosk's voucher, the store unreachable
    vm.staff.code = "2-1000-00042";
    vm.staff.error = "store_offline";
    return vm;
  }
  app::RedeemAnswer a;
  a.currency = "EUR";
  a.short_code = "1-1000-59198";
  a.redeem_by = kSceneNow + 30 * 86400;
  if (name == "deposit-taken") {
    vm.staff.action = app::TillAction::kDeposit;
    a.verdict = "NOT_YET_UNLOCKED";
    a.reason = "deposit_unpaid";
    a.deposit_to_take = 2990;
    vm.staff.done_amount = 2990;
  } else if (name == "redeem-valid") {
    vm.staff.code = "1-1000-59198";
    a.verdict = "VALID";
    a.price = 26900;
    a.deposit_paid = 3990;
    a.charge = 22910;
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
  if (name == "check-confirm") {
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
          "deal-paused"};
}

app::ViewModel Scene(const std::string& name, i18n::Lang lang) {
  app::ViewModel vm;
  vm.lang = lang;
  vm.now = kSceneNow;
  vm.deals = Deals();
  if (name == "wall") return vm;
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
  if (name == "wall-printer-out") {
    vm.printer = app::PrinterState{false, "paper_out", 0, 1};
    return vm;
  }
  if (name.starts_with("pin") || name.starts_with("redeem") || name == "deposit-taken" ||
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
    vm.form.phone = "015112345678";
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
    vm.form.alphabet = lang == i18n::Lang::kRu ? app::Alphabet::kCyrillic : app::Alphabet::kLatin;
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
