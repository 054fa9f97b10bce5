// The store's facts about this kiosk's own pledges (GET /v1/state
// "pledges"), merged into the ledger's rows by Ledger::ApplyRemoteState.
//
// The store is the authority for redemptions and money, but its answer may
// be older than this ledger: a cancellation, deposit or redemption made here
// may not be uploaded yet. So the merge only ever moves a row forward:
//   - the state by how far a pledge has come: reserved < active < an end
//     (lapsed, cancelled, void, expired) < redeemed. The store's state is
//     taken only when it is further on; between two ends the ledger's stays.
//   - the deposit, the refund and the redemption are facts set once: one
//     the ledger lacks is taken from the store; one it already records is
//     kept (the same fact echoed, or a second one that the store has
//     recorded as a conflict for staff).
// Nothing is written to the outbox (the store has it already) and no slip is
// printed (the till that did it printed one). Applying the same answer twice
// changes nothing the second time.
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {
namespace {

using rules::PledgeState;

int Progress(PledgeState s) {
  switch (s) {
    case PledgeState::kReserved:
      return 0;
    case PledgeState::kActive:
      return 1;
    case PledgeState::kLapsed:
    case PledgeState::kCancelled:
    case PledgeState::kVoid:
    case PledgeState::kExpired:
      return 2;
    case PledgeState::kRedeemed:
      return 3;
  }
  return 0;
}

// The row after the store's facts, or nullopt when they add nothing.
std::optional<rules::PledgeRecord> Merge(const rules::PledgeRecord& local, const StorePledge& store,
                                         int64_t now) {
  rules::PledgeRecord next = local;
  if (Progress(store.state) > Progress(local.state)) next.state = store.state;
  if (store.deposit_amount > 0 && !local.deposit_paid_at) {
    next.deposit_paid = store.deposit_amount;
    // Taken before the store kept times: recorded as of when we heard.
    next.deposit_paid_at = store.deposit_at.value_or(now);
    next.deposit_till = store.deposit_place;
  }
  if (store.refunded_at && !local.refunded_at) {
    next.refunded_at = store.refunded_at;
    next.refund_minor = store.refund_amount;
    next.refund_till = store.refund_place;
  }
  if (store.redeemed_at && !local.redeemed_at) {
    next.redeemed_at = store.redeemed_at;
    next.redeemed_place = store.redeemed_place;
  }
  const bool same = next.state == local.state && next.deposit_paid == local.deposit_paid &&
                    next.deposit_paid_at == local.deposit_paid_at &&
                    next.refunded_at == local.refunded_at && next.redeemed_at == local.redeemed_at;
  if (same) return std::nullopt;
  return next;
}

void BindOpt(sqlite::Stmt& st, int col, const std::optional<int64_t>& v) {
  if (v) {
    st.Bind(col, *v);
  } else {
    st.BindNull(col);
  }
}

}  // namespace

base::Status Ledger::ApplyRemotePledges(const std::vector<StorePledge>& pledges, int64_t now,
                                        ApplyReport& report) {
  for (const StorePledge& store : pledges) {
    GB_ASSIGN_OR_RETURN(std::optional<rules::PledgeRecord> local,
                        FindPledge(store.key_id, store.serial));
    // Not ours (the store keys pledges by the issuing key, so this should
    // not happen), or another voucher under the same key and serial.
    if (!local || local->deal_id != store.deal_id) {
      ++report.pledges_unknown;
      continue;
    }
    std::optional<rules::PledgeRecord> next = Merge(*local, store, now);
    if (!next) {
      ++report.pledges_unchanged;
      continue;
    }
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef up,
        sql_.Get("UPDATE pledges SET state=?, deposit_paid=?, deposit_paid_at=?, deposit_till=?,"
                 " refund_minor=?, refunded_at=?, refund_till=?, redeemed_at=?, redeemed_place=?,"
                 " updated_at=? WHERE id=?"));
    up->Bind(1, rules::PledgeStateName(next->state)).Bind(2, next->deposit_paid);
    BindOpt(*up, 3, next->deposit_paid_at);
    up->Bind(4, next->deposit_till).Bind(5, next->refund_minor);
    BindOpt(*up, 6, next->refunded_at);
    up->Bind(7, next->refund_till);
    BindOpt(*up, 8, next->redeemed_at);
    GB_RETURN_IF_ERROR(up->Bind(9, next->redeemed_place).Bind(10, now).Bind(11, next->id).Run());
    ++report.pledges_updated;
  }
  return base::Status::Ok();
}

}  // namespace gb::ledger
