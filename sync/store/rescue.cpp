// The rescue list: late events for closed or failed deals wait here for
// staff instead of vanishing into the conflict list. Accepting applies the
// stored event as if it had arrived in time; rejecting leaves it out. Either
// way the item closes once, in one transaction with its effect.
#include "core/rules/pledge.h"
#include "core/voucher/codec.h"
#include "sync/protocol/json_reader.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

constexpr size_t kMaxNote = 500;
constexpr int kMaxListed = 1000;

base::Status CannotAccept(const std::string& why) {
  return base::Status::FailedPrecondition("cannot_accept", why + "; reject the item instead");
}

}  // namespace

// A claim the store refused as untrue (a price, terms or state it never
// offered, a key retired before the voucher arrived, money that does not
// match the rules, another kiosk's pledge): staff see it, and may only
// reject it: accepting would honour exactly what the check is there to stop.
bool NeverAccepted(std::string_view kind) {
  return kind == "price_mismatch" || kind == "terms_mismatch" || kind == "state_mismatch" ||
         kind == "retired_key" || kind == "wrong_amount" || kind == "refund_not_due" ||
         kind == "not_owner";
}

bool GoesToRescue(std::string_view kind) {
  return kind == "late_sign_up" || kind == "after_stop" || kind == "deposit_late" ||
         kind == "deal_failed" || kind == "over_cap" || kind == "shopper_limit" ||
         NeverAccepted(kind);
}

base::Result<std::vector<RescueItem>> StoreDb::ListRescue() {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT r.id, c.kind, coalesce(e.type, ''), c.origin, c.seq, c.deal_id, c.key_id,"
               " c.serial, c.detail, c.at, coalesce(p.redeem_staff, ''),"
               " coalesce(p.deposit_staff, ''), coalesce(p.refund_staff, '')"
               " FROM rescue r JOIN conflicts c ON c.id = r.conflict_id"
               " LEFT JOIN events e ON e.origin = c.origin AND e.seq = c.seq"
               " LEFT JOIN pledges p ON p.key_id = c.key_id AND p.serial = c.serial"
               " WHERE r.resolved_at IS NULL ORDER BY r.id LIMIT ?"));
  q->Bind(1, int64_t{kMaxListed});
  std::vector<RescueItem> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    RescueItem it;
    it.id = q->Int(0);
    it.kind = q->Text(1);
    it.type = q->Text(2);
    it.origin = q->Text(3);
    it.seq = q->Int(4);
    if (!q->IsNull(5)) it.deal_id = static_cast<uint32_t>(q->Int(5));
    if (!q->IsNull(6)) it.key_id = static_cast<uint32_t>(q->Int(6));
    if (!q->IsNull(7)) it.serial = static_cast<uint64_t>(q->Int(7));
    it.detail = q->Text(8);
    it.at = q->Int(9);
    it.redeem_staff = q->Text(10);
    it.deposit_staff = q->Text(11);
    it.refund_staff = q->Text(12);
    out.push_back(std::move(it));
  }
  return out;
}

base::Result<int64_t> StoreDb::CountOpenRescue() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT count(*) FROM rescue WHERE resolved_at IS NULL"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

base::Result<RescueOutcome> StoreDb::ResolveRescue(const RescueResolution& r) {
  if (r.resolution != "accept" && r.resolution != "reject") {
    return base::Status::InvalidArgument("bad_resolution",
                                         "resolution must be \"accept\" or \"reject\"");
  }
  if (r.note.size() > kMaxNote) {
    return base::Status::InvalidArgument(
        "bad_note", "note must be at most " + std::to_string(kMaxNote) + " bytes");
  }
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT r.resolved_at, r.resolution, c.origin, c.seq, c.deal_id, c.kind"
               " FROM rescue r JOIN conflicts c ON c.id = r.conflict_id WHERE r.id = ?"));
  q->Bind(1, r.id);
  GB_ASSIGN_OR_RETURN(bool found, q->Step());
  const std::string item = "rescue item " + std::to_string(r.id);
  if (!found) return base::Status::NotFound("unknown_rescue", "there is no " + item);
  if (!q->IsNull(0)) {
    return base::Status::FailedPrecondition("already_resolved", item + " was resolved (" + q->Text(1) +
                                                               ") at " + std::to_string(q->Int(0)));
  }
  const std::string origin = q->Text(2);
  const int64_t seq = q->Int(3);
  // Not a std::optional: g++ -O2 warns (wrongly) that one read later may be
  // uninitialized, and make bench builds with -O2.
  const bool has_deal = !q->IsNull(4);
  const uint32_t deal_id = has_deal ? static_cast<uint32_t>(q->Int(4)) : 0;
  const std::string kind = q->Text(5);
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  ++rev;
  if (r.resolution == "accept" && NeverAccepted(kind)) {
    return CannotAccept("the store refused this event as " + kind +
                        ": it is not what the store's deal and rules allow");
  }
  if (r.resolution == "accept") {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef ev,
                        sql_.Get("SELECT type, payload FROM events WHERE origin=? AND seq=?"));
    ev->Bind(1, origin).Bind(2, seq);
    GB_ASSIGN_OR_RETURN(bool has_event, ev->Step());
    if (!has_event) return CannotAccept("the event of " + item + " is not stored");
    const std::string type = ev->Text(0);
    GB_ASSIGN_OR_RETURN(nlohmann::json payload, protocol::ParseJson(ev->Text(1)));
    GB_RETURN_IF_ERROR(AcceptLateEvent(type, payload, origin, rev));
  }
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE rescue SET resolution=?, note=?, resolved_at=?, rev=? WHERE id=?"));
  GB_RETURN_IF_ERROR(
      up->Bind(1, r.resolution).Bind(2, r.note).Bind(3, r.now).Bind(4, rev).Bind(5, r.id).Run());
  if (has_deal) {
    // Kiosks re-read the deal: its tally may have grown, its open items shrank.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef d, sql_.Get("UPDATE deals SET rev=? WHERE id=?"));
    GB_RETURN_IF_ERROR(d->Bind(1, rev).Bind(2, int64_t{deal_id}).Run());
    GB_RETURN_IF_ERROR(AdvanceDeal(deal_id, r.now, rev).status());
  }
  GB_RETURN_IF_ERROR(SetRevision(rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  return RescueOutcome{r.id, r.resolution, r.now, rev};
}

base::Status StoreDb::AcceptLateEvent(const std::string& type, const nlohmann::json& payload,
                                      const std::string& origin, int64_t rev) {
  if (type == protocol::kSignUp) {
    GB_ASSIGN_OR_RETURN(protocol::SignUpPayload p,
                        protocol::ParseSignUpPayload(payload, "payload", origin));
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT 1 FROM pledges WHERE key_id=? AND serial=?"));
    q->Bind(1, int64_t{p.key_id}).Bind(2, static_cast<int64_t>(p.serial));
    GB_ASSIGN_OR_RETURN(bool exists, q->Step());
    if (exists) return CannotAccept("a pledge is already stored under this key id and serial");
    // The signature was checked when the event came in, before it was late.
    GB_ASSIGN_OR_RETURN(voucher::Voucher v, voucher::Parse(p.voucher));
    // A late sign-up was refused before its claims were checked: they must
    // hold before staff can honour it (a cap or shopper limit is theirs to
    // waive).
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(p.deal_id, &found));
    if (!found) return CannotAccept("the deal is not in this store's catalog");
    GB_ASSIGN_OR_RETURN(std::optional<SignUpRefusal> refusal, CheckSignUp(p, *deal, v.body));
    if (refusal && NeverAccepted(refusal->kind)) {
      return CannotAccept("the sign-up is also " + refusal->kind + ": " + refusal->detail);
    }
    return InsertPledge(p, origin, v.body.price_minor, rev);
  }
  uint32_t key_id = 0;
  uint64_t serial = 0;
  int64_t amount = 0, at = 0;
  std::string till;
  if (type == protocol::kCancel) {
    GB_ASSIGN_OR_RETURN(protocol::CancelPayload p,
                        protocol::ParseCancelPayload(payload, "payload"));
    std::tie(key_id, serial) = std::tuple(p.key_id, p.serial);
  } else if (type == protocol::kDeposit) {
    GB_ASSIGN_OR_RETURN(protocol::DepositPayload p,
                        protocol::ParseDepositPayload(payload, "payload"));
    std::tie(key_id, serial, amount, at, till) =
        std::tuple(p.key_id, p.serial, p.amount, p.at, p.till);
  } else {
    return CannotAccept("a \"" + type + "\" event cannot be accepted late");
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT state, deposit_paid_at FROM pledges"
                                                  " WHERE key_id=? AND serial=?"));
  q->Bind(1, int64_t{key_id}).Bind(2, static_cast<int64_t>(serial));
  GB_ASSIGN_OR_RETURN(bool exists, q->Step());
  if (!exists) return CannotAccept("the pledge is not stored");
  GB_ASSIGN_OR_RETURN(rules::PledgeState from, rules::ParsePledgeState(q->Text(0)));
  const bool live = from == rules::PledgeState::kReserved || from == rules::PledgeState::kActive;
  std::string to;
  if (type == protocol::kCancel) {
    if (!live) {
      return CannotAccept("the pledge is " + std::string(rules::PledgeStateName(from)) + " now");
    }
    to = "cancelled";
  } else {
    // A deposit taken late is kept on record: an active pledge counts, a
    // void one (failed deal) gets it back through POST /v1/refund.
    if (!q->IsNull(1)) return CannotAccept("a deposit is already recorded for this pledge");
    if (from == rules::PledgeState::kReserved) {
      to = "active";
    } else if (from == rules::PledgeState::kVoid) {
      to = "void";
    } else {
      return CannotAccept("the pledge is " + std::string(rules::PledgeStateName(from)) + " now");
    }
  }
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET state=?, deposit_paid=deposit_paid+?,"
               " deposit_paid_at=coalesce(?, deposit_paid_at),"
               " deposit_place=coalesce(?, deposit_place),"
               " deposit_origin=coalesce(?, deposit_origin), rev=? WHERE key_id=? AND serial=?"));
  up->Bind(1, to).Bind(2, amount);
  if (type == protocol::kDeposit) {
    up->Bind(3, at).Bind(4, till).Bind(5, origin);
  } else {
    up->BindNull(3).BindNull(4).BindNull(5);
  }
  return up->Bind(6, rev).Bind(7, int64_t{key_id}).Bind(8, static_cast<int64_t>(serial)).Run();
}

}  // namespace gb::store
