// Ingesting event batches: idempotent by (origin, seq), one transaction per
// group. Nothing a kiosk sends is dropped: an event that cannot be applied is
// stored and recorded as a conflict for staff, and later events go on.
#include <set>

#include "core/rules/deal_state.h"
#include "core/rules/pledge.h"
#include "core/voucher/codec.h"
#include "sync/protocol/event.h"
#include "sync/protocol/printer_event.h"
#include "sync/protocol/server_identity_event.h"
#include "sync/store/ingest_ctx.h"
#include "sync/store/purge_match.h"
#include "sync/store/store_db.h"

namespace gb::store {

base::Result<std::vector<IngestResult>> StoreDb::IngestGroup(
    std::span<const protocol::Batch> batches, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_RETURN_IF_ERROR(RefreshKeys());
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  IngestCtx ctx;
  ctx.rev = rev + 1;
  ctx.now = now;
  std::vector<IngestResult> results(batches.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    const protocol::Batch& b = batches[i];
    ctx.result = &results[i];
    for (const protocol::Event& e : b.events) GB_RETURN_IF_ERROR(IngestEvent(ctx, e));
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef cur,
        sql_.Get("INSERT INTO cursors(origin, acked_seq) VALUES (?, ?) ON CONFLICT(origin)"
                 " DO UPDATE SET acked_seq=max(acked_seq, excluded.acked_seq)"
                 " RETURNING acked_seq"));
    cur->Bind(1, b.origin).Bind(2, b.events.empty() ? 0 : b.events.back().seq);
    GB_ASSIGN_OR_RETURN(bool row, cur->Step());
    results[i].acked_seq = row ? cur->Int(0) : 0;
  }
  for (uint32_t deal_id : ctx.touched_deals) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE deals SET rev=? WHERE id=?"));
    GB_RETURN_IF_ERROR(up->Bind(1, ctx.rev).Bind(2, int64_t{deal_id}).Run());
    GB_ASSIGN_OR_RETURN(bool advanced, AdvanceDeal(deal_id, now, ctx.rev));
    (void)advanced;
  }
  if (ctx.changed) GB_RETURN_IF_ERROR(SetRevision(ctx.rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  return results;
}

base::Status StoreDb::IngestEvent(IngestCtx& ctx, const protocol::Event& e) {
  const std::string payload = e.payload.dump();
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT type, at, payload FROM events WHERE origin=? AND seq=?"));
  q->Bind(1, e.origin).Bind(2, e.seq);
  GB_ASSIGN_OR_RETURN(bool seen, q->Step());
  if (seen) {
    ctx.result->duplicates++;
    // A store's snapshot at one revision is the same counts whenever it is
    // built (only its time may differ after a restart): not a clone.
    if (q->Text(0) == protocol::kTallies && e.type == protocol::kTallies) return base::Status::Ok();
    if (q->Text(0) == e.type && q->Int(1) == e.at &&
        (q->Text(2) == payload || SameButPurged(q->Text(2), e.payload) ||
         SameButSummarised(q->Text(2), payload))) {
      return base::Status::Ok();
    }
    // Two different events under one (origin, seq): a cloned or restored
    // kiosk. Recorded once; the stored event stands.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef c,
                        sql_.Get("SELECT 1 FROM conflicts WHERE kind='seq_reuse' AND origin=?"
                                 " AND seq=?"));
    c->Bind(1, e.origin).Bind(2, e.seq);
    GB_ASSIGN_OR_RETURN(bool recorded, c->Step());
    if (recorded) return base::Status::Ok();
    GB_RETURN_IF_ERROR(SuspendKiosk(ctx, e.origin, "seq_reuse"));
    return Conflict(ctx, e, "seq_reuse", std::nullopt, std::nullopt, std::nullopt,
                    "a different event was stored under this origin and seq before");
  }
  // A linked store reports counts and nothing else; a kiosk never does.
  const bool from_store = keys_.stores.count(e.origin) > 0;
  if (!from_store) GB_RETURN_IF_ERROR(CheckJump(ctx, e));
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                      sql_.Get("INSERT INTO events(origin, seq, type, at, payload, received_at)"
                               " VALUES (?, ?, ?, ?, ?, ?)"));
  GB_RETURN_IF_ERROR(ins->Bind(1, e.origin)
                         .Bind(2, e.seq)
                         .Bind(3, e.type)
                         .Bind(4, e.at)
                         .Bind(5, payload)
                         .Bind(6, ctx.now)
                         .Run());
  ctx.result->new_events++;
  if (from_store && e.type == protocol::kTallies) return ApplyTallies(ctx, e);
  if (from_store || e.type == protocol::kTallies) {
    return Conflict(ctx, e, from_store ? "not_a_kiosk" : "not_a_store", std::nullopt,
                    std::nullopt, std::nullopt,
                    from_store ? "a store may send only tallies events"
                               : "only a store linked to this head office sends tallies");
  }
  if (e.type == protocol::kPrinter) return ApplyPrinter(ctx, e);
  if (e.type == protocol::kServerIdentity) return ApplyServerIdentity(ctx, e);
  if (e.type == protocol::kSignUp) return ApplySignUp(ctx, e);
  if (e.type == protocol::kRefund) return ApplyRefund(ctx, e);
  return ApplyPledgeChange(ctx, e);
}

base::Status StoreDb::Conflict(IngestCtx& ctx, const protocol::Event& e, std::string_view kind,
                               std::optional<uint32_t> key_id, std::optional<uint64_t> serial,
                               std::optional<uint32_t> deal_id, const std::string& detail) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef c,
      sql_.Get("INSERT INTO conflicts(kind, origin, seq, key_id, serial, deal_id, detail, at, rev)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  c->Bind(1, kind).Bind(2, e.origin).Bind(3, e.seq);
  key_id ? c->Bind(4, int64_t{*key_id}) : c->BindNull(4);
  serial ? c->Bind(5, static_cast<int64_t>(*serial)) : c->BindNull(5);
  deal_id ? c->Bind(6, int64_t{*deal_id}) : c->BindNull(6);
  GB_RETURN_IF_ERROR(c->Bind(7, detail).Bind(8, ctx.now).Bind(9, ctx.rev).Run());
  if (GoesToRescue(kind)) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef r, sql_.Get("INSERT INTO rescue(conflict_id, rev)"
                                                    " VALUES (last_insert_rowid(), ?)"));
    GB_RETURN_IF_ERROR(r->Bind(1, ctx.rev).Run());
  }
  GB_RETURN_IF_ERROR(CapConflicts(e.origin));
  if (deal_id) ctx.touched_deals.insert(*deal_id);
  ctx.changed = true;
  ctx.result->conflicts++;
  return base::Status::Ok();
}

base::Status StoreDb::ApplySignUp(IngestCtx& ctx, const protocol::Event& e) {
  auto parsed = protocol::ParseSignUpPayload(e.payload, "payload", e.origin);
  if (!parsed.ok()) {
    return Conflict(ctx, e, "bad_payload", std::nullopt, std::nullopt, std::nullopt,
                    parsed.status().message());
  }
  const protocol::SignUpPayload& p = *parsed;
  auto owner = keys_.origin_of_key.find(p.key_id);
  if (owner == keys_.origin_of_key.end() || owner->second != e.origin) {
    return Conflict(ctx, e, "foreign_key", p.key_id, p.serial, p.deal_id,
                    "key id " + std::to_string(p.key_id) + " is not enrolled for " + e.origin);
  }
  GB_RETURN_IF_ERROR(CheckSerialJump(ctx, e, p.key_id, p.serial));
  if (keys_.suspended.count(p.key_id) != 0) {
    return Conflict(ctx, e, "kiosk_suspended", p.key_id, p.serial, p.deal_id,
                    "kiosk " + e.origin + " is suspended (a clone?) until it has a new key");
  }
  std::optional<voucher::PublicKey> checked;
  if (memo_) checked = memo_->Take(p.voucher);
  auto verified = voucher::Verify(p.voucher, keys_.ring, checked ? &*checked : nullptr);
  if (!verified.ok()) {
    return Conflict(ctx, e, verified.status().reason(), p.key_id, p.serial, p.deal_id,
                    verified.status().message());
  }
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(p.deal_id, &found));
  if (!found) {
    return Conflict(ctx, e, "unknown_deal", p.key_id, p.serial, std::nullopt,
                    "deal " + std::to_string(p.deal_id) + " is not in this store's catalog");
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT origin, voucher, phone_hash FROM pledges"
                                                  " WHERE key_id=? AND serial=?"));
  q->Bind(1, int64_t{p.key_id}).Bind(2, static_cast<int64_t>(p.serial));
  GB_ASSIGN_OR_RETURN(bool exists, q->Step());
  if (exists) {
    if (q->Text(0) == e.origin && q->Text(1) == p.voucher && q->Text(2) == p.phone_hash) {
      return base::Status::Ok();  // the same sign-up under a new seq: nothing new
    }
    // One key issuing one serial twice: two kiosks share the key.
    GB_RETURN_IF_ERROR(SuspendKiosk(ctx, e.origin, "serial_reuse"));
    return Conflict(ctx, e, "serial_reuse", p.key_id, p.serial, p.deal_id,
                    "another voucher was stored under this key id and serial");
  }
  // A retired key signs nothing the store has not seen before its
  // retirement, whatever issued_at the voucher claims: a leaked old key
  // cannot backdate vouchers.
  if (auto retired = keys_.retired.find(p.key_id);
      retired != keys_.retired.end() && ctx.now >= retired->second) {
    return Conflict(ctx, e, "retired_key", p.key_id, p.serial, p.deal_id,
                    "key id " + std::to_string(p.key_id) + " was retired at " +
                        std::to_string(retired->second) + "; a voucher it signed reached the "
                        "store only now");
  }
  if (p.joined_at > rules::EffectiveStop(*deal)) {
    return Conflict(ctx, e, "late_sign_up", p.key_id, p.serial, p.deal_id,
                    "joined after the deal's stop time");
  }
  GB_ASSIGN_OR_RETURN(std::optional<SignUpRefusal> refusal,
                      CheckSignUp(p, *deal, verified->body));
  if (refusal) {
    return Conflict(ctx, e, refusal->kind, p.key_id, p.serial, p.deal_id, refusal->detail);
  }
  GB_RETURN_IF_ERROR(InsertPledge(p, e.origin, verified->body.price_minor, ctx.rev));
  ctx.touched_deals.insert(p.deal_id);
  ctx.changed = true;
  return base::Status::Ok();
}

base::Status StoreDb::InsertPledge(const protocol::SignUpPayload& p, const std::string& origin,
                                   int64_t price_minor, int64_t rev) {
  GB_ASSIGN_OR_RETURN(rules::DealState deal_state, StoredDealState(p.deal_id));
  // A failed deal's vouchers are void (core/rules/pledge.h), late or not.
  const bool failed = deal_state == rules::DealState::kFailed;
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef ins,
      sql_.Get("INSERT INTO pledges(key_id, serial, deal_id, origin, state, phone_hash, joined_at,"
               " price_minor, voucher, offline, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  return ins->Bind(1, int64_t{p.key_id})
      .Bind(2, static_cast<int64_t>(p.serial))
      .Bind(3, int64_t{p.deal_id})
      .Bind(4, origin)
      .Bind(5, failed ? std::string("void") : p.state)
      .Bind(6, p.phone_hash)
      .Bind(7, p.joined_at)
      .Bind(8, price_minor)
      .Bind(9, p.voucher)
      .Bind(10, int64_t{p.offline ? 1 : 0})
      .Bind(11, rev)
      .Run();
}

base::Status StoreDb::SuspendKiosk(IngestCtx& ctx, const std::string& origin,
                                   std::string_view reason) {
  // The key the kiosk has now: a later new key is not suspended.
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE kiosks SET suspended_at=?, suspended_key_id=key_id, suspend_reason=?,"
               " rev=? WHERE kiosk_id=? AND suspended_key_id IS NOT key_id RETURNING key_id"));
  up->Bind(1, ctx.now).Bind(2, reason).Bind(3, ctx.rev).Bind(4, origin);
  GB_ASSIGN_OR_RETURN(bool row, up->Step());
  if (!row) return base::Status::Ok();  // suspended already, or not a kiosk of ours
  keys_.suspended.insert(static_cast<uint32_t>(up->Int(0)));
  // Should the group roll back, the cache must not keep the suspension.
  keys_.max_rev = -1;
  ctx.changed = true;
  return base::Status::Ok();
}

base::Status StoreDb::ApplyPledgeChange(IngestCtx& ctx, const protocol::Event& e) {
  uint32_t key_id = 0;
  uint64_t serial = 0;
  int64_t at = 0;
  int64_t amount = 0;
  std::string place;
  std::string staff;  // the kiosk's word for who acted ("" an older kiosk)
  rules::PledgeEvent event;
  base::Status bad;
  if (e.type == protocol::kCancel) {
    auto p = protocol::ParseCancelPayload(e.payload, "payload");
    if (p.ok()) std::tie(key_id, serial, at) = std::tuple(p->key_id, p->serial, p->at);
    bad = p.status();
    event = rules::PledgeEvent::kCancel;
  } else if (e.type == protocol::kDeposit) {
    auto p = protocol::ParseDepositPayload(e.payload, "payload");
    if (p.ok()) {
      std::tie(key_id, serial, at, amount, place, staff) =
          std::tuple(p->key_id, p->serial, p->at, p->amount, p->till, p->staff);
    }
    bad = p.status();
    event = rules::PledgeEvent::kPayDeposit;
  } else {
    auto p = protocol::ParseRedeemPayload(e.payload, "payload");
    if (p.ok()) {
      std::tie(key_id, serial, at, place, staff) =
          std::tuple(p->key_id, p->serial, p->at, p->place, p->staff);
    }
    bad = p.status();
    event = rules::PledgeEvent::kRedeem;
  }
  if (!bad.ok()) {
    return Conflict(ctx, e, "bad_payload", std::nullopt, std::nullopt, std::nullopt, bad.message());
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT deal_id, state, joined_at, redeemed_at, redeemed_place,"
                               " redeem_origin, deposit_paid_at, deposit_place, deposit_origin,"
                               " origin, price_minor FROM pledges WHERE key_id=? AND serial=?"));
  q->Bind(1, int64_t{key_id}).Bind(2, static_cast<int64_t>(serial));
  GB_ASSIGN_OR_RETURN(bool exists, q->Step());
  if (!exists) {
    return Conflict(ctx, e, "unknown_pledge", key_id, serial, std::nullopt,
                    "no sign-up with this key id and serial reached the server");
  }
  const auto deal_id = static_cast<uint32_t>(q->Int(0));
  GB_ASSIGN_OR_RETURN(rules::PledgeState from, rules::ParsePledgeState(q->Text(1)));
  const int64_t joined_at = q->Int(2);
  if (event == rules::PledgeEvent::kRedeem && from == rules::PledgeState::kRedeemed) {
    // The till's own record of the redemption the server granted it.
    if (!q->IsNull(5) && q->Text(5) == e.origin && q->Text(4) == place) return base::Status::Ok();
    return Conflict(ctx, e, "double_redeem", key_id, serial, deal_id,
                    "already redeemed at " + std::to_string(q->Int(3)) + " in " + q->Text(4));
  }
  if (event == rules::PledgeEvent::kPayDeposit && !q->IsNull(6)) {
    // The till's own record of the deposit the server took for it (POST
    // /v1/deposit); any other deposit for this pledge is a second one.
    if (!q->IsNull(8) && q->Text(8) == e.origin && q->Text(7) == place) return base::Status::Ok();
    return Conflict(ctx, e, "double_deposit", key_id, serial, deal_id,
                    "the deposit was already taken at " + std::to_string(q->Int(6)) + " at till " +
                        (q->IsNull(7) ? std::string("?") : q->Text(7)));
  }
  // Only the kiosk that issued a pledge acts on it by event (its own tills,
  // offline too); another kiosk's till goes through the store's API, whose
  // own later events were recognised above.
  const std::string owner = q->Text(9);
  if (owner != e.origin) {
    return Conflict(ctx, e, "not_owner", key_id, serial, deal_id,
                    "a " + e.type + " event from " + e.origin + " for a pledge of " + owner +
                        "; another kiosk's pledge changes only through the store's till API");
  }
  const int64_t price_minor = q->Int(10);
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(deal_id, &found));
  if (found && event == rules::PledgeEvent::kPayDeposit) {
    const int64_t due = rules::DepositAmount(*deal, price_minor);
    if (amount != due) {
      return Conflict(ctx, e, "wrong_amount", key_id, serial, deal_id,
                      "a deposit of " + std::to_string(amount) + " where the deal asks " +
                          std::to_string(due));
    }
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT state FROM deals WHERE id=?"));
  st->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!found || !row) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  GB_ASSIGN_OR_RETURN(rules::DealState deal_state, rules::ParseDealState(st->Text(0)));
  rules::PledgeContext pctx{*deal, deal_state, joined_at, at};
  auto to = rules::ApplyPledgeEvent(from, event, pctx);
  if (!to.ok()) {
    return Conflict(ctx, e, to.status().reason(), key_id, serial, deal_id, to.status().message());
  }
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET state=?, deposit_paid=deposit_paid+?,"
               " redeemed_at=coalesce(?, redeemed_at), redeemed_place=coalesce(?, redeemed_place),"
               " deposit_paid_at=coalesce(?, deposit_paid_at),"
               " deposit_place=coalesce(?, deposit_place),"
               " deposit_origin=coalesce(?, deposit_origin),"
               " redeem_staff=coalesce(?, redeem_staff), deposit_staff=coalesce(?, deposit_staff),"
               " rev=? WHERE key_id=? AND serial=?"));
  up->Bind(1, rules::PledgeStateName(*to)).Bind(2, amount);
  if (event == rules::PledgeEvent::kRedeem) {
    up->Bind(3, at).Bind(4, place).Bind(8, staff);
  } else {
    up->BindNull(3).BindNull(4).BindNull(8);
  }
  if (event == rules::PledgeEvent::kPayDeposit) {
    up->Bind(5, at).Bind(6, place).Bind(7, e.origin).Bind(9, staff);
  } else {
    up->BindNull(5).BindNull(6).BindNull(7).BindNull(9);
  }
  GB_RETURN_IF_ERROR(
      up->Bind(10, ctx.rev).Bind(11, int64_t{key_id}).Bind(12, static_cast<int64_t>(serial)).Run());
  ctx.touched_deals.insert(deal_id);
  ctx.changed = true;
  return base::Status::Ok();
}

}  // namespace gb::store
