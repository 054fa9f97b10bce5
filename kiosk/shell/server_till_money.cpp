// ServerTill's deposits and refunds (server_till.h states the order of
// decisions): the store server decides, so each happens once across every
// till of the store; this kiosk's ledger follows for its own vouchers.
#include <nlohmann/json.hpp>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "kiosk/shell/server_till.h"

namespace gb::shell {
namespace {

using sync_client::MoneyCall;
using sync_client::MoneyVerdict;

// What a slip shows as the voucher: the short code staff typed, or the one
// of the scanned text (the slip never prints the GB1 text itself).
std::string SlipCode(std::string_view code) {
  if (!code.starts_with(voucher::kPrefix)) {
    std::string typed;
    for (char c : code) {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') typed += c;
    }
    return typed;
  }
  base::Result<voucher::Voucher> v = voucher::Parse(code);
  return v.ok() ? voucher::ShortCode(*v) : std::string();
}

}  // namespace

base::Result<ledger::TillReceipt> ServerTill::Money(MoneyCall what, std::string_view code,
                                                    int64_t now) {
  const bool deposit = what == MoneyCall::kDeposit;
  auto local = [&] {
    return deposit ? local_.TakeDeposit(code, now) : local_.GiveRefund(code, now);
  };
  GB_RETURN_IF_ERROR(TrustStoreKiosks());
  GB_ASSIGN_OR_RETURN(till::PledgeView view, local_.Look(code, now));
  // Not a voucher of this store, or a typo: LocalTill refuses it by name.
  if (!view.found && !IssuedElsewhere(view.verdict)) return local();
  // Done here already, perhaps not uploaded yet: the ledger says when and where.
  if (view.found &&
      (deposit ? view.pledge.deposit_paid_at.has_value() : view.pledge.refunded_at.has_value())) {
    return local();
  }
  const std::string& till = local_.config().till_id;
  base::Result<MoneyVerdict> s = deposit ? client_.Deposit(code, till) : client_.Refund(code, till);
  if (!s.ok()) {
    if (std::optional<base::Status> no = NoVerdict(s.status(), AlarmStands())) return *no;
    // This kiosk's own voucher: its ledger is the record until sync.
    if (view.found) return local();
    return StoreOffline(s.status());
  }
  const char* done = deposit ? "PAID" : "REFUNDED";
  if (view.found && (s->verdict == done || s->verdict == "UNKNOWN")) {
    // Done at the server (the ledger's "deposit" event will be known there
    // as this same deposit), or not uploaded yet, so no other till can have
    // done it: the ledger records it and prints the slip.
    base::Result<ledger::TillReceipt> mine = local();
    if (mine.ok() || s->verdict == "UNKNOWN") return mine;
    // The sync thread wrote the store's record of this very deposit or
    // refund (GET /v1/state "pledges", same till id) before the ledger could:
    // the slip is printed from the server's answer, as for another kiosk's.
    if (s->verdict == done && EchoedHere(what, view.pledge.id, till)) {
      GB_ASSIGN_OR_RETURN(ledger::TillReceipt r, ForeignReceipt(what, code, *s, now));
      GB_ASSIGN_OR_RETURN(r.pledge, ledger_->GetPledge(view.pledge.id));
      return r;
    }
    // The ledger's copy of the deal lags the server's: the server's record
    // stands; no slip prints here.
    ledger::TillReceipt r;
    r.pledge = view.pledge;
    r.deal_state = view.deal_state;
    r.tally = view.tally;
    r.amount = s->amount_minor;
    return r;
  }
  if (s->verdict == done) return ForeignReceipt(what, code, *s, now);
  if (s->verdict == "UNKNOWN") {
    return base::Status::NotFound("not_found", "the store server has no such voucher yet");
  }
  if (s->verdict == "REFUSED") {
    if (!deposit && view.found && s->reason == "nothing_to_refund" && view.refund_to_give > 0) {
      // The ledger has a cancellation the server has not heard of yet. A
      // refund from the ledger alone would leave the server free to grant
      // another at another till once the cancellation arrives.
      return base::Status::Error(base::Code::kUnavailable, "store_behind",
                                 "the store server has not received this cancellation yet");
    }
    return base::Status::FailedPrecondition(s->reason, s->message);
  }
  // ALREADY_PAID / ALREADY_REFUNDED: the reasons the ledger gives for the same.
  std::string when = s->at > 0 ? " at " + std::to_string(s->at) : std::string();
  std::string where = s->place.empty() ? std::string() : " at till " + s->place;
  if (deposit) {
    return base::Status::FailedPrecondition("deposit_already_paid",
                                            "the deposit was already paid" + when + where);
  }
  return base::Status::FailedPrecondition("already_refunded",
                                          "the deposit was already given back" + when + where);
}

bool ServerTill::EchoedHere(MoneyCall what, int64_t pledge_id, const std::string& till) {
  base::Result<rules::PledgeRecord> p = ledger_->GetPledge(pledge_id);
  if (!p.ok()) return false;
  if (what == MoneyCall::kDeposit) return p->deposit_paid_at.has_value() && p->deposit_till == till;
  return p->refunded_at.has_value() && p->refund_till == till;
}

base::Result<ledger::TillReceipt> ServerTill::ForeignReceipt(MoneyCall what, std::string_view code,
                                                             const MoneyVerdict& s, int64_t now) {
  const bool deposit = what == MoneyCall::kDeposit;
  ledger::TillReceipt r;
  r.amount = s.amount_minor;
  r.pledge.deal_id = s.deal_id;
  r.pledge.key_id = s.key_id;
  r.pledge.serial = s.serial;
  r.pledge.short_code = SlipCode(code);
  if (deposit) {
    r.pledge.deposit_paid = s.amount_minor;
    r.pledge.deposit_paid_at = s.at;
    r.pledge.deposit_till = s.place;
  } else {
    r.pledge.refund_minor = s.amount_minor;
    r.pledge.refunded_at = s.at;
    r.pledge.refund_till = s.place;
  }
  // The slip is rendered from the synced catalog's deal (job_renderer.cpp),
  // so it needs no pledge row here. Without the deal the money has still
  // moved at the server: the answer stands, with no slip.
  base::Result<ledger::DealRecord> deal = ledger_->GetDeal(s.deal_id, now);
  if (!deal.ok()) return r;
  r.deal_state = deal->state;
  r.tally = deal->tally;
  nlohmann::json slip = {{"deal_id", s.deal_id},
                         {"short_code", r.pledge.short_code},
                         {"amount", s.amount_minor},
                         {"at", s.at},
                         {"till", s.place}};
  if (!deposit) {
    slip["cause"] = deal->state == rules::DealState::kFailed ? "failed" : "cancelled";
  }
  const std::string& lang = local_.config().slip_lang;
  ledger::NewPrintJob job{deposit ? "deposit" : "refund", std::nullopt,
                          lang.empty() ? std::string("en") : lang, slip.dump(), false};
  base::Result<int64_t> id = ledger_->QueuePrintJob(job, now);
  // A slip that cannot be queued is not a reason to say the money did not
  // move: the server has recorded it.
  if (id.ok()) r.print_job_id = *id;
  return r;
}

base::Status ServerTill::LookMoney(std::string_view code, till::PledgeView& view) {
  const std::string& till = local_.config().till_id;
  for (MoneyCall what : {MoneyCall::kDeposit, MoneyCall::kRefund}) {
    const bool deposit = what == MoneyCall::kDeposit;
    base::Result<MoneyVerdict> s = deposit ? client_.Deposit(code, till, /*dry_run=*/true)
                                           : client_.Refund(code, till, /*dry_run=*/true);
    if (!s.ok()) {
      if (std::optional<base::Status> no = NoVerdict(s.status(), AlarmStands())) return *no;
      return StoreOffline(s.status());
    }
    if (s->verdict == (deposit ? "PAID" : "REFUNDED")) {
      (deposit ? view.deposit_to_take : view.refund_to_give) = s->amount_minor;
    }
  }
  return base::Status::Ok();
}

}  // namespace gb::shell
