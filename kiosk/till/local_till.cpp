#include "kiosk/till/local_till.h"

#include "core/rules/till_rules.h"
#include "core/voucher/codec.h"

namespace gb::till {
namespace {

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Digits, hyphens and spaces only: typed on the keypad. Anything else is
// taken as scanned voucher text, so a stray QR code is judged as a voucher
// (FORGED: not one of ours) rather than as a mistyped short code.
bool LooksLikeShortCode(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '-' || c == ' ')) return false;
  }
  return true;
}

base::Status CheckBytes(const std::string& value, size_t max, const char* what) {
  if (value.empty() || value.size() > max) {
    return base::Status::InvalidArgument(
        "bad_till",
        std::string("the till's ") + what + " must be 1 to " + std::to_string(max) + " bytes");
  }
  return base::Status::Ok();
}

}  // namespace

DayRange LocalDay(int64_t now, int utc_offset_minutes) {
  const int64_t offset = int64_t{utc_offset_minutes} * 60;
  const int64_t local = now + offset;
  // Floor division: a local time before 1970 still belongs to its own day.
  int64_t day = local / 86400;
  if (local % 86400 < 0) --day;
  const int64_t start = day * 86400 - offset;
  return {start, start + 86400};
}

base::Result<voucher::KeyRing> OwnKeyRing(const ledger::Identity& identity) {
  if (!identity.key) {
    return base::Status::FailedPrecondition("no_signing_key",
                                            "the identity carries no key to trust");
  }
  voucher::KeyRing ring;
  ring.Add(identity.key_id, identity.key->Public());
  return ring;
}

base::Result<LocalTill> LocalTill::Create(ledger::Ledger& ledger, voucher::KeyRing ring,
                                          TillConfig config) {
  GB_RETURN_IF_ERROR(CheckBytes(config.till_id, 64, "id"));
  GB_RETURN_IF_ERROR(CheckBytes(config.place, 128, "place"));
  return LocalTill(ledger, std::move(ring), std::move(config));
}

base::Result<PledgeView> LocalTill::Look(std::string_view raw, int64_t now) {
  const std::string_view code = Trim(raw);
  Evidence ev;
  std::optional<rules::PledgeRecord> pledge;
  if (LooksLikeShortCode(code)) {
    auto found = ledger_->FindPledgeByShortCode(code);
    if (found.ok()) {
      pledge = std::move(*found);
    } else if (found.status().code() == base::Code::kInvalidArgument) {
      ev.authenticity = found.status();  // a typo
    } else {
      return found.status();
    }
  } else {
    auto genuine = voucher::Verify(code, ring_);
    if (!genuine.ok()) {
      ev.authenticity = genuine.status();
    } else {
      GB_ASSIGN_OR_RETURN(pledge, ledger_->FindPledgeByVoucher(code));
    }
  }

  PledgeView view;
  std::optional<ledger::DealRecord> deal;
  if (pledge) {
    GB_ASSIGN_OR_RETURN(deal, ledger_->GetDeal(pledge->deal_id, now));
    ev.pledge = &*pledge;
    ev.deal.emplace(DealFacts{deal->deal, deal->state, deal->tally});
  }
  view.verdict = Decide(ev, now);
  if (!pledge) return view;

  const rules::Deal& d = deal->deal;
  view.found = true;
  view.pledge = *pledge;
  view.deal_state = deal->state;
  view.tally = deal->tally;
  view.position = pledge->position;
  view.effective = rules::EffectivePledgeState(*pledge, d, deal->state, now);
  // What each action would do, asked of the rules the ledger (and the
  // store) decide it by: a dry run of each.
  const rules::TillFacts facts{d, deal->state, deal->tally.committed, now};
  if (auto deposit = rules::DecideDeposit(*pledge, facts); deposit.ok()) {
    view.deposit_to_take = deposit->amount;
  }
  if (auto refund = rules::DecideRefund(*pledge, facts); refund.ok()) {
    view.refund_to_give = refund->amount;
  }
  view.can_cancel = rules::DecideCancel(*pledge, facts).ok();
  return view;
}

base::Result<PledgeView> LocalTill::Found(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(PledgeView v, Look(code, now));
  if (v.found) return v;
  const std::string name(VerdictName(v.verdict.kind));
  std::string reason;
  for (char c : name) reason += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const std::string message = "the code is not a voucher of this kiosk (" + v.verdict.reason + ")";
  if (v.verdict.kind == VerdictKind::kNotFound) return base::Status::NotFound(reason, message);
  return base::Status::Error(base::Code::kUnauthenticated, reason, message);
}

ledger::TillRequest LocalTill::Request(const PledgeView& v, int64_t now,
                                       const std::string& till) const {
  return ledger::TillRequest{v.pledge.id, now, till, config_.slip_lang, staff_};
}

base::Result<Verdict> LocalTill::Redeem(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(PledgeView v, Look(code, now));
  if (v.verdict.kind != VerdictKind::kValid) return v.verdict;
  auto r = ledger_->Redeem(Request(v, now, config_.place));
  if (!r.ok()) {
    // Another till (another connection) redeemed it between our look and our
    // write: the ledger refused, so answer with what is true now.
    if (r.status().code() == base::Code::kFailedPrecondition) {
      GB_ASSIGN_OR_RETURN(PledgeView again, Look(code, now));
      if (again.verdict.kind != VerdictKind::kValid) return again.verdict;
    }
    return r.status();
  }
  Verdict out = v.verdict;
  out.settlement = r->settlement;
  out.redeemed_now = true;
  out.print_job_id = r->print_job_id;
  return out;
}

base::Result<ledger::TillReceipt> LocalTill::TakeDeposit(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(PledgeView v, Found(code, now));
  return ledger_->PayDeposit(Request(v, now, config_.till_id));
}

base::Result<ledger::TillReceipt> LocalTill::GiveRefund(std::string_view code, int64_t now) {
  GB_ASSIGN_OR_RETURN(PledgeView v, Found(code, now));
  return ledger_->GiveRefund(Request(v, now, config_.till_id));
}

base::Result<ledger::TillReceipt> LocalTill::Cancel(std::string_view code, int64_t now,
                                                    const std::string& lang) {
  GB_ASSIGN_OR_RETURN(PledgeView v, Found(code, now));
  ledger::TillRequest req = Request(v, now, "");
  req.lang = lang;
  return ledger_->CancelPledge(req);
}

base::Status LocalTill::StopSignUps(uint32_t deal_id, int64_t now) {
  return ledger_->StopSignUps(deal_id, now);
}

base::Result<ledger::DealActivity> LocalTill::Today(uint32_t deal_id, int64_t now) {
  const DayRange day = LocalDay(now, config_.utc_offset_minutes);
  return ledger_->CountActivity(deal_id, day.start, day.end);
}

}  // namespace gb::till
