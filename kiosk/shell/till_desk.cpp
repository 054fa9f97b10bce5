#include "kiosk/shell/till_desk.h"

#include "kiosk/shell/sync_wiring.h"

namespace gb::shell {

base::Result<std::unique_ptr<TillDesk>> TillDesk::Create(ledger::Ledger& ledger,
                                                         till::TillConfig config,
                                                         const SyncWiring* sync) {
  GB_ASSIGN_OR_RETURN(voucher::KeyRing ring, till::OwnKeyRing(ledger.identity()));
  const std::string place = config.place;
  GB_ASSIGN_OR_RETURN(till::LocalTill local,
                      till::LocalTill::Create(ledger, std::move(ring), std::move(config)));
  std::unique_ptr<till::Till> t;
  if (sync != nullptr) {
    GB_ASSIGN_OR_RETURN(t, sync->MakeTill(ledger, std::move(local), place));
  } else {
    t = std::make_unique<till::LocalTill>(std::move(local));
  }
  return std::unique_ptr<TillDesk>(new TillDesk(ledger, std::move(t), sync));
}

base::Result<app::StaffSignIn> TillDesk::SignIn(std::string_view pin, int64_t now) {
  GB_ASSIGN_OR_RETURN(staff::SignIn s, staff_.SignInWithPin(pin, now));
  app::StaffSignIn out;
  out.ok = s.ok();
  if (s.member) out.member = s.member->name;
  out.manager = s.member && s.member->role == staff::Role::kManager;
  out.refusal = s.refusal;
  out.attempts_left = s.attempts_left;
  out.locked_until = s.locked_until;
  // Right here: the store is asked too (offline, this kiosk's check stands).
  if (s.member) till_->StaffSignedIn(s.member->name, pin);
  return out;
}

app::RedeemAnswer TillDesk::ToAnswer(const till::Verdict& v) {
  app::RedeemAnswer a;
  a.verdict = std::string(till::VerdictName(v.kind));
  a.reason = v.reason;
  a.currency = v.currency;
  a.short_code = v.short_code;
  a.deal_id = v.deal_id;
  a.price = v.settlement.price;
  a.deposit_paid = v.settlement.deposit_paid;
  a.charge = v.settlement.charge;
  a.give_back = v.settlement.give_back;
  a.deposit_due = v.deposit_due;
  a.redeemed_at = v.redeemed_at;
  a.redeemed_place = v.redeemed_place;
  a.redeem_by = v.redeem_by;
  a.redeemed_now = v.redeemed_now;
  a.print_job_id = v.print_job_id;
  return a;
}

app::RedeemAnswer TillDesk::ToAnswer(const till::PledgeView& v) {
  app::RedeemAnswer a = ToAnswer(v.verdict);
  // Set for this kiosk's vouchers, and by a ServerTill for another kiosk's.
  a.deposit_to_take = v.deposit_to_take;
  a.refund_to_give = v.refund_to_give;
  a.deposit_paid_at = v.pledge.deposit_paid_at;  // unset when no pledge was found
  return a;
}

base::Result<app::RedeemAnswer> TillDesk::Look(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(till::PledgeView view, till_->Look(code, now));
  return ToAnswer(view);
}

base::Result<app::RedeemAnswer> TillDesk::Redeem(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(till::Verdict v, till_->Redeem(code, now));
  return ToAnswer(v);
}

}  // namespace gb::shell

namespace gb::shell {

base::Result<app::VoucherCheck> TillDesk::Check(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(till::PledgeView view, till_->Look(code, now));
  app::VoucherCheck c;
  c.verdict = std::string(till::VerdictName(view.verdict.kind));
  c.short_code = view.verdict.short_code;
  c.found = view.found;
  if (!view.found) return c;
  GB_ASSIGN_OR_RETURN(ledger::DealRecord deal, ledger_->GetDeal(view.pledge.deal_id, now));
  c.deal_id = view.pledge.deal_id;
  c.pledge_state = std::string(rules::PledgeStateName(view.effective));
  c.deal_state = std::string(rules::DealStateName(view.deal_state));
  c.position = view.position;
  c.committed = view.tally.committed;
  c.stop_at = rules::EffectiveStop(deal.deal);
  c.can_cancel = view.can_cancel;
  return c;
}

base::Result<app::TillOutcome> TillDesk::Cancel(std::string_view code, int64_t now,
                                                const std::string& lang) {
  GB_ASSIGN_OR_RETURN(ledger::TillReceipt r, till_->Cancel(code, now, lang));
  return app::TillOutcome{r.amount, r.print_job_id};
}

base::Result<app::TillOutcome> TillDesk::TakeDeposit(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(ledger::TillReceipt r, till_->TakeDeposit(code, now));
  return app::TillOutcome{r.amount, r.print_job_id};
}

base::Result<app::TillOutcome> TillDesk::GiveRefund(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(ledger::TillReceipt r, till_->GiveRefund(code, now));
  return app::TillOutcome{r.amount, r.print_job_id};
}

base::Status TillDesk::StopSignUps(uint32_t deal_id, int64_t now) {
  return till_->StopSignUps(deal_id, now);
}

base::Result<app::DealToday> TillDesk::Today(uint32_t deal_id, int64_t now) {
  GB_ASSIGN_OR_RETURN(ledger::DealActivity a, till_->Today(deal_id, now));
  return app::DealToday{a.sign_ups, a.redemptions};
}

bool TillDesk::ServerAlarm() { return sync_ != nullptr && sync_->identity_alarm(); }

}  // namespace gb::shell
