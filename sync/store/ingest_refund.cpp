// A kiosk's "refund" event: a deposit given back at one of its tills, online
// (after POST /v1/refund, which already recorded it) or offline. Recorded
// once per pledge; a second refund anywhere is a conflict staff see in
// /metrics and the tallies, never a silent overwrite.
#include <string>

#include "core/rules/pledge.h"
#include "core/rules/till_rules.h"
#include "sync/protocol/event.h"
#include "sync/store/ingest_ctx.h"

namespace gb::store {

base::Status StoreDb::ApplyRefund(IngestCtx& ctx, const protocol::Event& e) {
  base::Result<protocol::RefundPayload> p = protocol::ParseRefundPayload(e.payload, "payload");
  if (!p.ok()) {
    return Conflict(ctx, e, "bad_payload", std::nullopt, std::nullopt, std::nullopt,
                    p.status().message());
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT deal_id, state, refunded_at, refund_place, refund_origin,"
                               " joined_at, origin, deposit_paid FROM pledges"
                               " WHERE key_id=? AND serial=?"));
  q->Bind(1, int64_t{p->key_id}).Bind(2, static_cast<int64_t>(p->serial));
  GB_ASSIGN_OR_RETURN(bool exists, q->Step());
  if (!exists) {
    return Conflict(ctx, e, "unknown_pledge", p->key_id, p->serial, std::nullopt,
                    "no sign-up with this key id and serial reached the server");
  }
  const auto deal_id = static_cast<uint32_t>(q->Int(0));
  GB_ASSIGN_OR_RETURN(rules::PledgeState state, rules::ParsePledgeState(q->Text(1)));
  if (!q->IsNull(2)) {
    // The till's own record of the refund the server gave it.
    if (!q->IsNull(4) && q->Text(4) == e.origin && q->Text(3) == p->till) {
      return base::Status::Ok();
    }
    return Conflict(ctx, e, "double_refund", p->key_id, p->serial, deal_id,
                    "the deposit was already given back at " + std::to_string(q->Int(2)) +
                        " at till " + (q->IsNull(3) ? std::string("?") : q->Text(3)));
  }
  // Another kiosk's till refunds through POST /v1/refund (recognised above).
  if (q->Text(6) != e.origin) {
    return Conflict(ctx, e, "not_owner", p->key_id, p->serial, deal_id,
                    "a refund from " + e.origin + " for a pledge of " + q->Text(6) +
                        "; another kiosk's pledge is refunded only through the store's till API");
  }
  // The kiosk's ledger allowed it; the store, which has every till's events,
  // may know better (a redemption elsewhere): then it is reported, not kept.
  // A failure the store's timer has not written yet counts, as at /v1/refund.
  // The rule is the till's own (core/rules/till_rules.h), at the event's time.
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(deal_id, &found));
  if (!found) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  GB_ASSIGN_OR_RETURN(rules::DealState stored, StoredDealState(deal_id));
  rules::Tally tally;
  if (rules::AdvanceReadsTally(stored)) {
    GB_ASSIGN_OR_RETURN(tally, DealTally(deal_id));
  }
  rules::PledgeRecord pledge;
  pledge.state = state;
  pledge.joined_at = q->Int(5);
  pledge.deposit_paid = q->Int(7);
  const rules::TillFacts facts{*deal, rules::Advance(*deal, stored, tally, p->at),
                               tally.committed, p->at};
  base::Result<rules::TillDecision> due = rules::DecideRefund(pledge, facts);
  if (!due.ok()) {
    return Conflict(ctx, e, "refund_not_due", p->key_id, p->serial, deal_id,
                    "a deposit was given back where the store's rules refuse it: " +
                        due.status().message());
  }
  // Never more than the store has on record as paid.
  if (p->amount > due->amount) {
    return Conflict(ctx, e, "refund_not_due", p->key_id, p->serial, deal_id,
                    "a refund of " + std::to_string(p->amount) + " where " +
                        std::to_string(due->amount) + " was paid");
  }
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET refund_minor=?, refunded_at=?, refund_place=?,"
               " refund_origin=?, refund_staff=?, rev=? WHERE key_id=? AND serial=?"));
  // The staff name is the kiosk's word (its own PIN check, offline): shown
  // as who gave it back, like a name the store's own session recorded.
  GB_RETURN_IF_ERROR(up->Bind(1, p->amount)
                         .Bind(2, p->at)
                         .Bind(3, p->till)
                         .Bind(4, e.origin)
                         .Bind(5, p->staff)
                         .Bind(6, ctx.rev)
                         .Bind(7, int64_t{p->key_id})
                         .Bind(8, static_cast<int64_t>(p->serial))
                         .Run());
  ctx.touched_deals.insert(deal_id);
  ctx.changed = true;
  return base::Status::Ok();
}

}  // namespace gb::store
