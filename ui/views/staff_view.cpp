// Staff mode's screens: the PIN pad and Redeem (a code on the keypad or a
// scan, the verdict in colour and words, confirm). They show what the till
// needs and nothing of the shopper: no phone, no name.
#include <memory>

#include "kiosk/app/staff_flow.h"
#include "ui/box.h"
#include "ui/button.h"
#include "ui/column.h"
#include "ui/field.h"
#include "ui/keypad.h"
#include "ui/label.h"
#include "ui/row.h"
#include "ui/spacer.h"
#include "ui/views/metrics.h"
#include "ui/views/staff_tabs.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

// The verdict's panel: its automation text is the verdict word alone
// ("VALID", ...), whatever language the words inside are in.
class VerdictPanel final : public ui::Box {
 public:
  explicit VerdictPanel(std::string verdict)
      : Box(ui::Axis::kVertical, "redeem-verdict"), verdict_(std::move(verdict)) {}
  std::string AutomationText() const override { return verdict_; }

 private:
  std::string verdict_;
};

// Green for go, red for refuse, dark amber for "not now"; white text keeps
// 4.5:1 on each.
ui::Color VerdictColor(const std::string& verdict) {
  if (verdict == "VALID") return {0x1B, 0x5E, 0x20, 0xFF};
  // A code that is no voucher at all is a wrong scan, not a fraud: amber.
  if (verdict == "NOT_YET_UNLOCKED" || verdict == "EXPIRED" || verdict == "NOT_A_VOUCHER") {
    return {0x8A, 0x4B, 0x00, 0xFF};
  }
  return {0xB7, 0x1C, 0x1C, 0xFF};
}

// The product the voucher is for, in the screen's language (the wall's
// deals), or "" when this kiosk does not list the deal.
std::string ProductTitle(const app::RedeemAnswer& a, const app::ViewModel& vm,
                         const i18n::Catalog& cat) {
  if (a.deal_id == 0) return "";
  for (const app::DealInfo& d : vm.deals) {
    if (d.deal.id == a.deal_id) return Title(d.deal, cat);
  }
  return "";
}

std::vector<std::string> VerdictLines(const app::RedeemAnswer& a, const app::ViewModel& vm,
                                      const i18n::Catalog& cat) {
  auto money = [&](int64_t minor) { return cat.Money(minor, a.currency); };
  const std::string date = cat.Date(a.redeem_by, vm.utc_offset_minutes);
  std::vector<std::string> lines;
  // What to hand over (or what the voucher was for): staff need not guess.
  if (const std::string title = ProductTitle(a, vm, cat); !title.empty()) {
    lines.push_back(
        cat.Text(a.verdict == "VALID" ? "redeem.hand_over" : "redeem.voucher_for", {{"title", title}}));
  }
  if (a.verdict == "VALID") {
    lines.push_back(cat.Text("redeem.price", {{"amount", money(a.price)}}));
    if (a.deposit_paid > 0) {
      lines.push_back(cat.Text("redeem.deposit_paid", {{"amount", money(a.deposit_paid)}}));
    }
    lines.push_back(cat.Text("redeem.charge", {{"amount", money(a.charge)}}));
    if (a.give_back > 0) {
      lines.push_back(cat.Text("redeem.give_back", {{"amount", money(a.give_back)}}));
    }
  } else if (a.verdict == "ALREADY_REDEEMED") {
    lines.push_back(cat.Text("redeem.redeemed_at", {{"when", cat.DateTime(a.redeemed_at.value_or(0),
                                                                          vm.utc_offset_minutes)},
                                                    {"place", a.redeemed_place}}));
  } else if (a.verdict == "EXPIRED") {
    lines.push_back(cat.Text("redeem.reason.expired", {{"date", date}}));
  } else if (a.verdict == "FORGED" || a.verdict == "UNKNOWN_KEY" || a.verdict == "NOT_FOUND" ||
             a.verdict == "NOT_A_VOUCHER") {
    std::string key = a.verdict;
    for (char& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    lines.push_back(cat.Text("redeem.reason." + key));
  } else {
    const std::string key = "redeem.reason." + a.reason;
    if (cat.Has(key)) lines.push_back(cat.Text(key, {{"amount", money(a.deposit_due)}}));
  }
  if (!a.short_code.empty()) lines.push_back(cat.Text("redeem.code", {{"code", a.short_code}}));
  return lines;
}

std::unique_ptr<ui::Widget> Verdict(const app::RedeemAnswer& a, const app::ViewModel& vm,
                                    const i18n::Catalog& cat, const Metrics& m) {
  auto panel = std::make_unique<VerdictPanel>(a.verdict);
  panel->set_padding(m.Px(24)).set_spacing(m.Px(10));
  panel->set_fill(VerdictColor(a.verdict), m.Px(24));
  // Once this screen redeemed it, the heading says so: a green "Valid"
  // left standing invites a second hand-over.
  const std::string key = a.redeemed_now ? "redeem.redeemed_heading" : "verdict." + a.verdict;
  panel
      ->Add(std::make_unique<ui::Label>(cat.Has(key) ? cat.Text(key) : a.verdict,
                                        m.Font(72, ui::Weight::kBold)))
      ->set_role(ui::TextRole::kOnPrimary)
      .set_align(ui::Align::kCenter);
  // The details under their own id: scripts read them there.
  auto* details = panel->Add(std::make_unique<ui::Column>("redeem-detail"));
  details->set_spacing(m.Px(8)).set_cross_align(ui::CrossAlign::kStretch);
  for (const std::string& line : VerdictLines(a, vm, cat)) {
    const bool big =
        line.find(cat.Money(a.charge, a.currency)) != std::string::npos && a.verdict == "VALID";
    details->Add(std::make_unique<ui::Label>(line, m.Font(big ? 48 : 36, ui::Weight::kBold)))
        ->set_role(ui::TextRole::kOnPrimary)
        .set_align(ui::Align::kCenter);
  }
  return panel;
}

void DisableButtons(ui::Widget& w) {
  if (auto* b = dynamic_cast<ui::Button*>(&w)) b->set_enabled(false);
  for (const auto& child : w.children()) DisableButtons(*child);
}

std::unique_ptr<ui::Widget> ErrorBox(const std::string& text, std::string id, const Metrics& m) {
  auto box = std::make_unique<ui::Column>(std::move(id));
  box->set_padding(m.Px(20)).set_fill(kErrorFill, m.Px(20));
  box->Add(std::make_unique<ui::Label>(text, m.Font(40, ui::Weight::kBold)));
  return box;
}

// Deposit and refund: the amount to take or give back, confirm, the result.
void TillActionPanel(ui::Column& result, const app::ViewModel& vm, const i18n::Catalog& cat,
                     const Metrics& m) {
  const app::StaffView& st = vm.staff;
  const app::RedeemAnswer& a = *st.answer;
  // The store's identity alarm refused it: no money moves until IT has
  // checked, so the panel shows neither an amount "to take" nor the button
  // to take it, only the alarm and what it means (as the redeem tab does).
  if (st.refusal == app::kServerIdentityChanged) {
    // Landscape has no height for the explanation beside the keypad (the
    // Next button would leave the screen in Russian): the heading alone.
    result.Add(ServerAlarmPanel(cat, m, /*compact=*/m.landscape()));
    return;
  }
  const bool deposit = st.action == app::TillAction::kDeposit;
  const int64_t amount = deposit ? a.deposit_to_take : a.refund_to_give;
  const std::string money = cat.Money(st.done_amount.value_or(amount), a.currency);
  auto panel = std::make_unique<ui::Column>("till-amount");
  panel->set_padding(m.Px(32)).set_spacing(m.Px(16));
  panel->set_fill(amount > 0 || st.done_amount ? VerdictColor("VALID") : VerdictColor("VOID"),
                  m.Px(24));
  std::string words;
  if (amount > 0 || st.done_amount) {
    words = cat.Text(deposit ? "till.deposit_to_take" : "till.refund_to_give", {{"amount", money}});
  } else if (deposit && a.deposit_paid_at) {
    // Paid already: a fact, in green, not a refusal in red.
    words = cat.Text("till.deposit_paid_on",
                     {{"date", cat.DateTime(*a.deposit_paid_at, vm.utc_offset_minutes)}});
    panel->set_fill(VerdictColor("VALID"), m.Px(24));
  } else {
    words = cat.Text(deposit ? "till.no_deposit" : "till.no_refund");
  }
  panel->Add(std::make_unique<ui::Label>(words, m.Font(56, ui::Weight::kBold)))
      ->set_role(ui::TextRole::kOnPrimary)
      .set_align(ui::Align::kCenter);
  if (!a.short_code.empty()) {
    panel
        ->Add(std::make_unique<ui::Label>(cat.Text("redeem.code", {{"code", a.short_code}}),
                                          m.Font(40, ui::Weight::kBold)))
        ->set_role(ui::TextRole::kOnPrimary)
        .set_align(ui::Align::kCenter);
  }
  result.Add(std::move(panel));
  if (!st.refusal.empty()) {
    const std::string key = "till.refusal." + st.refusal;
    result.Add(
        ErrorBox(cat.Has(key) ? cat.Text(key) : cat.Text("till.refusal.other"), "till-error", m));
  }
  if (st.done_amount) {
    const char* key = deposit ? "till.deposit_done" : "till.refund_done";
    result
        .Add(std::make_unique<ui::Label>(cat.Text(key, {{"amount", money}}),
                                         m.Font(48, ui::Weight::kBold), "till-result"))
        ->set_align(ui::Align::kCenter);
  } else if (amount > 0) {
    result.Add(std::make_unique<ui::Button>(
        cat.Text(deposit ? "till.deposit_confirm" : "till.refund_confirm"),
        deposit ? "deposit-confirm" : "refund-confirm"));
  }
}

}  // namespace

std::unique_ptr<ui::Widget> BuildPin(const app::ViewModel& vm, const i18n::Catalog& cat,
                                     ui::Size size) {
  const Metrics m(size);
  const bool landscape = m.landscape();
  const app::StaffView& st = vm.staff;
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(48)).set_spacing(m.Px(32)).set_cross_align(ui::CrossAlign::kStretch);
  page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  // Landscape: the words and buttons left, the pad right; portrait: one column.
  auto* body = page->Add(std::make_unique<ui::Row>());
  body->set_spacing(m.Px(64)).set_cross_align(ui::CrossAlign::kCenter);
  auto* col = body->Add(std::make_unique<ui::Column>());
  col->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kStretch).set_flex(1);
  ui::Column* pad = col;
  if (landscape) {
    pad = body->Add(std::make_unique<ui::Column>());
    pad->set_flex(1);
  }
  col->Add(std::make_unique<ui::Label>(cat.Text("staff.pin.title"), m.Font(64, ui::Weight::kBold)))
      ->set_align(ui::Align::kCenter);
  std::string dots;
  for (std::size_t i = 0; i < st.pin.size(); ++i) dots += "\xE2\x97\x8F";  // U+25CF
  col->Add(std::make_unique<ui::Field>(dots, cat.Text("staff.pin.hint"), "pin"))->set_focused(true);
  if (!st.pin_error.empty()) {
    std::string words;
    if (st.pin_error == "wrong_pin") {
      words = cat.Plural("staff.pin.wrong_pin", st.attempts_left);
    } else if (st.pin_error == "locked_out") {
      words = cat.Text("staff.pin.locked_out",
                       {{"time", cat.DateTime(st.locked_until, vm.utc_offset_minutes)}});
    } else {
      const std::string key = "staff.pin." + st.pin_error;
      words = cat.Has(key) ? cat.Text(key) : cat.Text("staff.pin.storage");
    }
    col->Add(ErrorBox(words, "pin-error", m));
  }
  auto keypad = std::make_unique<ui::Keypad>(cat.Text("join.clear"), m.Px(landscape ? 120 : 130),
                                             "keypad", ui::KeypadExtra::kNone);
  // Locked out: the pad looks as dead as it is until the time it names.
  const bool locked = st.pin_error == "locked_out" && vm.now < st.locked_until;
  if (locked) DisableButtons(*keypad);
  if (!landscape) col->Add(std::move(keypad));
  col->Add(std::make_unique<ui::Button>(cat.Text("staff.pin.enter"), "pin-enter"))
      ->set_enabled(!locked);
  col->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))->set_secondary(true);
  if (landscape) pad->Add(std::move(keypad));
  page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  return page;
}

std::unique_ptr<ui::Widget> BuildRedeem(const app::ViewModel& vm, const i18n::Catalog& cat,
                                        ui::Size size) {
  const Metrics m(size);
  const bool landscape = m.landscape();
  const app::StaffView& st = vm.staff;
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(32)).set_spacing(m.Px(24));
  auto* head = page->Add(std::make_unique<ui::Row>());
  head->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kCenter);
  const char* title = st.action == app::TillAction::kDeposit  ? "till.deposit_title"
                      : st.action == app::TillAction::kRefund ? "till.refund_title"
                                                              : "redeem.title";
  head->Add(std::make_unique<ui::Label>(cat.Text(title), m.Font(56, ui::Weight::kBold)))
      ->set_flex(1);
  head->Add(std::make_unique<ui::Label>(cat.Text("staff.member", {{"name", st.member}}), m.Font(36),
                                        "staff-member"))
      ->set_role(ui::TextRole::kMuted)
      .set_max_lines(1);
  // Landscape has no height to spare: leaving sits in the heading there.
  if (landscape) {
    head->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
        ->set_secondary(true);
  }

  page->Add(StaffTabs(vm, cat, m));
  if (vm.server_alarm) {
    // The till can do nothing while the alarm stands: the alarm takes the
    // place of the keypad and the answer until the store is itself again.
    page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
    page->Add(ServerAlarmPanel(cat, m, /*compact=*/false));
    page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
    if (!landscape) {
      page->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
          ->set_secondary(true);
    }
    return page;
  }
  std::unique_ptr<ui::Box> body;
  if (landscape) {
    body = std::make_unique<ui::Row>();
  } else {
    body = std::make_unique<ui::Column>();
  }
  body->set_spacing(m.Px(landscape ? 48 : 24)).set_cross_align(ui::CrossAlign::kStretch);
  auto* entry = body->Add(std::make_unique<ui::Column>());
  // Side by side the entry takes half the row; stacked it takes what the
  // keypad needs (a flex share could be shorter and overlap the verdict).
  entry->set_spacing(m.Px(16)).set_flex(landscape ? 1 : 0);
  entry->Add(std::make_unique<ui::Label>(cat.Text("redeem.prompt"), m.Font(40)));
  auto* code = entry->Add(std::make_unique<ui::Row>());
  code->set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kCenter);
  code->Add(std::make_unique<ui::Field>(st.code, cat.Text("redeem.code_hint"), "code"))
      ->set_focused(true)
      .set_flex(1);
  code->Add(std::make_unique<ui::Button>(cat.Text("redeem.check"), "redeem-check"));
  entry->Add(std::make_unique<ui::Keypad>(cat.Text("join.clear"), m.Px(landscape ? 80 : 88),
                                          "keypad", ui::KeypadExtra::kDash));

  auto* result = body->Add(std::make_unique<ui::Column>());
  result->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kStretch).set_flex(1);
  if (st.error == app::kServerIdentityChanged) {
    result->Add(ServerAlarmPanel(cat, m, /*compact=*/true));
  } else if (!st.error.empty()) {
    const std::string key = "redeem." + st.error;  // redeem.store_offline, ...
    result->Add(ErrorBox(cat.Text(cat.Has(key) ? key : "redeem.storage"), "redeem-error", m));
  }
  const bool not_voucher = st.answer && st.answer->verdict == "NOT_A_VOUCHER";
  if (st.answer && st.action != app::TillAction::kRedeem && !not_voucher) {
    TillActionPanel(*result, vm, cat, m);
    result->Add(std::make_unique<ui::Button>(cat.Text("redeem.next"), "redeem-next"))
        ->set_secondary(true);
  } else if (st.answer) {
    result->Add(Verdict(*st.answer, vm, cat, m));
    if (st.answer->redeemed_now) {
      const std::optional<app::JobState> slip = vm.slip.state;
      const char* key = slip == app::JobState::kDone   ? "redeem.printed"
                        : slip == app::JobState::kHeld ? "redeem.held"
                                                       : "redeem.done";
      result
          ->Add(std::make_unique<ui::Label>(cat.Text(key), m.Font(40, ui::Weight::kBold),
                                            "redeem-result"))
          ->set_align(ui::Align::kCenter);
    } else if (st.answer->verdict == "VALID") {
      result->Add(std::make_unique<ui::Button>(cat.Text("redeem.confirm"), "redeem-confirm"));
    }
    result->Add(std::make_unique<ui::Button>(cat.Text("redeem.next"), "redeem-next"))
        ->set_secondary(true);
  }
  body->set_flex(1);
  page->Add(std::move(body));
  if (!landscape) {
    page->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
        ->set_secondary(true);
  }
  return page;
}

}  // namespace gb::views
