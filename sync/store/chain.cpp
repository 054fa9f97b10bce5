// Head office and chain-wide deals (docs/sync-protocol.md, "Head office").
//
// One schema serves both ends. A store uploads its own counts ("tallies"
// events, OwnCounts) and applies the head office's state (ApplyChainState);
// the head office stores each linked store's counts (ApplyTallies). Either
// way outside_tallies holds counts that are not this database's pledges,
// and DealTally adds them, so unlocking is decided by the same rules
// everywhere on the sum over the whole chain.
#include "core/base/text.h"
#include "core/rules/deal_json.h"
#include "core/rules/deal_state.h"
#include "sync/protocol/json_reader.h"
#include "sync/protocol/tallies_event.h"
#include "sync/store/ingest_ctx.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

using nlohmann::json;

std::string EnglishTitle(const rules::Deal& d) {
  auto it = d.title.find("en");
  if (it != d.title.end()) return it->second;
  return d.title.empty() ? "" : d.title.begin()->second;
}

base::Status BadState(const std::string& what) {
  return base::Status::InvalidArgument("bad_state", "head office state: " + what);
}

// A count from the head office; below 0 it is read as 0, so the difference
// taken from it cannot overflow (INT64_MIN less our own count did).
int64_t IntOr0(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_number_integer() ? std::max<int64_t>(it->get<int64_t>(), 0)
                                                    : 0;
}

}  // namespace

base::Result<bool> StoreDb::IsHeadOffice() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT value FROM meta WHERE key='role'"));
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  return row && q->Text(0) == "hq";
}

base::Status StoreDb::SetHeadOffice() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("INSERT INTO meta(key, value) VALUES ('role', 'hq')"
                               " ON CONFLICT(key) DO UPDATE SET value='hq'"));
  return q->Run();
}

base::Result<OwnSnapshot> StoreDb::OwnCounts() {
  GB_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  struct EndRead {
    sqlite::Db* db;
    ~EndRead() { (void)db->Exec("COMMIT"); }
  } end_read{db_.get()};
  OwnSnapshot out;
  GB_ASSIGN_OR_RETURN(out.revision, Revision());
  std::vector<std::tuple<uint32_t, std::string, bool, std::array<int64_t, 4>>> rows;
  {
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef q,
        sql_.Get("SELECT d.id, d.state, d.chain,"
                 " coalesce(sum(p.state IN ('active','redeemed','expired')), 0),"
                 " coalesce(sum(p.state = 'reserved'), 0), coalesce(sum(p.state = 'redeemed'), 0),"
                 " coalesce(sum(p.state = 'cancelled'), 0)"
                 " FROM deals d LEFT JOIN pledges p ON p.deal_id = d.id GROUP BY d.id ORDER BY d.id"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      rows.emplace_back(static_cast<uint32_t>(q->Int(0)), q->Text(1), q->Int(2) != 0,
                        std::array<int64_t, 4>{q->Int(3), q->Int(4), q->Int(5), q->Int(6)});
    }
  }
  for (const auto& [id, state, chain, n] : rows) {
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(id, &found));
    if (!found) continue;
    // The price is the chain's: a shopper here pays the tier all stores reached.
    GB_ASSIGN_OR_RETURN(rules::Tally all, DealTally(id));
    protocol::DealCount count{id, EnglishTitle(*deal), chain, state, n[0], n[1], n[2], n[3],
                              rules::PriceNow(*deal, all.committed)};
    if (chain && deal->cap > 0) {
      GB_ASSIGN_OR_RETURN(count.held, HeldSeats(id));
    }
    out.payload.deals.push_back(std::move(count));
  }
  GB_ASSIGN_OR_RETURN(out.payload.kiosks, OwnKioskHealth());
  return out;
}

base::Status StoreDb::ApplyTallies(IngestCtx& ctx, const protocol::Event& e) {
  GB_ASSIGN_OR_RETURN(protocol::TalliesPayload p, protocol::ParseTalliesPayload(e.payload, "payload"));
  for (const protocol::DealCount& d : p.deals) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT seq, committed, reserved FROM outside_tallies"
                                 " WHERE deal_id=? AND source=?"));
    q->Bind(1, int64_t{d.deal_id}).Bind(2, e.origin);
    GB_ASSIGN_OR_RETURN(bool known, q->Step());
    // Snapshots are absolute: an older one arriving late says nothing new.
    if (known && q->Int(0) >= e.seq) continue;
    const bool moved = !known || q->Int(1) != d.committed || q->Int(2) != d.reserved;
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef up,
        sql_.Get("INSERT INTO outside_tallies(deal_id, source, title, state, committed, reserved,"
                 " redeemed, cancelled, price_minor, seq, updated_at, rev, held)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(deal_id, source)"
                 " DO UPDATE SET title=excluded.title, state=excluded.state,"
                 " committed=excluded.committed, reserved=excluded.reserved,"
                 " redeemed=excluded.redeemed, cancelled=excluded.cancelled,"
                 " price_minor=excluded.price_minor, seq=excluded.seq,"
                 " updated_at=excluded.updated_at, rev=excluded.rev, held=excluded.held"));
    GB_RETURN_IF_ERROR(up->Bind(1, int64_t{d.deal_id})
                           .Bind(2, e.origin)
                           .Bind(3, d.title)
                           .Bind(4, d.state)
                           .Bind(5, d.committed)
                           .Bind(6, d.reserved)
                           .Bind(7, d.redeemed)
                           .Bind(8, d.cancelled)
                           .Bind(9, d.price)
                           .Bind(10, e.seq)
                           .Bind(11, ctx.now)
                           .Bind(12, ctx.rev)
                           .Bind(13, d.held)
                           .Run());
    if (moved) {
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef h,
                          sql_.Get("INSERT INTO tally_history(source, deal_id, at, committed,"
                                   " reserved) VALUES (?, ?, ?, ?, ?)"));
      GB_RETURN_IF_ERROR(h->Bind(1, e.origin)
                             .Bind(2, int64_t{d.deal_id})
                             .Bind(3, e.at)
                             .Bind(4, d.committed)
                             .Bind(5, d.reserved)
                             .Run());
    }
    bool published = false;
    GB_RETURN_IF_ERROR(LoadDeal(d.deal_id, &published).status());
    // A deal of the head office's own catalog may now unlock; the stores
    // re-read it at this revision. A store's local deal is only reported.
    if (published && moved) ctx.touched_deals.insert(d.deal_id);
    ctx.changed = true;
  }
  if (p.kiosks) GB_RETURN_IF_ERROR(ApplyStoreKiosks(ctx, e, *p.kiosks));
  return base::Status::Ok();
}

base::Result<int64_t> StoreDb::ChainRevision() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT value FROM meta WHERE key='hq_revision'"));
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return int64_t{0};
  // A damaged row is a Corruption status, never an exception.
  auto rev = base::ParseInt64("meta.hq_revision", q->Text(0));
  if (!rev.ok()) return base::Status::Corruption("db_corrupt", rev.status().message());
  return *rev;
}

base::Result<int64_t> StoreDb::ApplyChainState(const json& state, const std::string& self_id,
                                               int64_t now) {
  if (!state.is_object()) return BadState("not an object");
  auto rev_it = state.find("revision");
  auto deals_it = state.find("deals");
  if (rev_it == state.end() || !rev_it->is_number_integer() || rev_it->get<int64_t>() < 0)
    return BadState("revision must be a whole number");
  if (deals_it == state.end() || !deals_it->is_array()) return BadState("deals must be an array");
  const int64_t hq_revision = rev_it->get<int64_t>();
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  ++rev;
  bool changed = false;
  for (const json& item : *deals_it) {
    if (!item.is_object() || !item.contains("deal") || !item["deal"].is_object())
      return BadState("each deal needs its terms");
    GB_ASSIGN_OR_RETURN(rules::Deal deal, rules::DealFromJson(item["deal"]));
    GB_RETURN_IF_ERROR(rules::ValidateDeal(deal));
    // value() would throw on a non-string: an answer from the network must not.
    auto st = item.find("state");
    if (st == item.end() || !st->is_string()) return BadState("each deal needs its state as text");
    GB_ASSIGN_OR_RETURN(rules::DealState hq, rules::ParseDealState(st->get<std::string>()));
    base::Result<bool> moved = ApplyChainDeal(deal, hq, item, self_id, hq_revision, now, rev);
    if (!moved.ok() && moved.status().reason() == "deal_id_taken") {
      // One clash must not hold back the chain's other deals: it is left
      // out and recorded once for staff, like any conflict.
      GB_ASSIGN_OR_RETURN(bool recorded, RecordChainClash(deal.id, moved.status().message(),
                                                          hq_revision, now, rev));
      changed = changed || recorded;
      continue;
    }
    GB_RETURN_IF_ERROR(moved.status());
    changed = changed || *moved;
  }
  // The seats of capped chain-wide deals the head office lends this store
  // (absent from a head office that predates them: nothing is lent then).
  bool leases_moved = false;
  if (auto l = state.find("leases"); l != state.end()) {
    GB_ASSIGN_OR_RETURN(leases_moved, ApplyChainLeases(*l, now));
  }
  GB_ASSIGN_OR_RETURN(int64_t had_revision, ChainRevision());
  if (!changed && !leases_moved && had_revision == hq_revision) return hq_revision;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef m,
                      sql_.Get("INSERT INTO meta(key, value) VALUES ('hq_revision', ?)"
                               " ON CONFLICT(key) DO UPDATE SET value=excluded.value"));
  GB_RETURN_IF_ERROR(m->Bind(1, std::to_string(hq_revision)).Run());
  if (changed) GB_RETURN_IF_ERROR(SetRevision(rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  return hq_revision;
}

base::Result<bool> StoreDb::RecordChainClash(uint32_t deal_id, const std::string& detail,
                                             int64_t hq_revision, int64_t now, int64_t rev) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT 1 FROM conflicts WHERE kind='deal_id_taken' AND deal_id=?"));
  q->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool recorded, q->Step());
  if (recorded) return false;
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef c,
      sql_.Get("INSERT INTO conflicts(kind, origin, seq, deal_id, detail, at, rev)"
               " VALUES ('deal_id_taken', 'head-office', ?, ?, ?, ?, ?)"));
  GB_RETURN_IF_ERROR(
      c->Bind(1, hq_revision).Bind(2, int64_t{deal_id}).Bind(3, detail).Bind(4, now).Bind(5, rev).Run());
  return true;
}

base::Result<bool> StoreDb::ApplyChainDeal(const rules::Deal& deal, rules::DealState hq,
                                           const json& item, const std::string& self_id,
                                           int64_t hq_revision, int64_t now, int64_t rev) {
  const int64_t id = deal.id;
  const std::string terms = rules::DealToJson(deal).dump();
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT terms_json, chain, state FROM deals WHERE id=?"));
  q->Bind(1, id);
  GB_ASSIGN_OR_RETURN(bool known, q->Step());
  bool moved = false;
  if (!known) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                        sql_.Get("INSERT INTO deals(id, terms_json, state, updated_at, rev, chain)"
                                 " VALUES (?, ?, ?, ?, ?, 1)"));
    GB_RETURN_IF_ERROR(
        ins->Bind(1, id).Bind(2, terms).Bind(3, rules::DealStateName(hq)).Bind(4, now).Bind(5, rev).Run());
    GB_RETURN_IF_ERROR(RecordTermsVersion(deal, now));
    moved = true;
  } else if (q->Int(1) == 0) {
    // The store's own deal already has this id. Its pledges are not the
    // chain's: the chain-wide deal is left out here (and shows in the
    // uplink's status) rather than merged into a different deal.
    return base::Status::FailedPrecondition(
        "deal_id_taken", "chain-wide deal " + std::to_string(id) +
                             " has the id of a deal of this store's own catalog");
  } else {
    const std::string local_state = q->Text(2);
    if (q->Text(0) != terms) {
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                          sql_.Get("UPDATE deals SET terms_json=?, updated_at=?, rev=? WHERE id=?"));
      GB_RETURN_IF_ERROR(up->Bind(1, terms).Bind(2, now).Bind(3, rev).Bind(4, id).Run());
      deals_.erase(deal.id);
      GB_RETURN_IF_ERROR(RecordTermsVersion(deal, now));
      moved = true;
    }
    GB_ASSIGN_OR_RETURN(rules::DealState local, rules::ParseDealState(local_state));
    // The head office decides failure and its own stop; an unlock this
    // store saw first stands (counts only grow toward it).
    const bool adopt = hq != local && (hq == rules::DealState::kFailed ||
                                       hq == rules::DealState::kClosed ||
                                       (hq == rules::DealState::kUnlocked &&
                                        local == rules::DealState::kOpen));
    if (adopt) {
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                          sql_.Get("UPDATE deals SET state=?, updated_at=?, rev=? WHERE id=?"));
      GB_RETURN_IF_ERROR(
          up->Bind(1, rules::DealStateName(hq)).Bind(2, now).Bind(3, rev).Bind(4, id).Run());
      if (hq == rules::DealState::kFailed) {
        GB_ASSIGN_OR_RETURN(sqlite::StmtRef v,
                            sql_.Get("UPDATE pledges SET state='void', rev=? WHERE deal_id=?"
                                     " AND state IN ('reserved','active')"));
        GB_RETURN_IF_ERROR(v->Bind(1, rev).Bind(2, id).Run());
      }
      moved = true;
    }
  }
  // The rest of the chain: the head office's total less what it has from us.
  int64_t committed = IntOr0(item, "committed");
  int64_t reserved = IntOr0(item, "reserved");
  if (auto by = item.find("by_kiosk"); by != item.end() && by->is_object()) {
    if (auto self = by->find(self_id); self != by->end() && self->is_object()) {
      committed -= IntOr0(*self, "committed");
      reserved -= IntOr0(*self, "reserved");
    }
  }
  committed = std::max<int64_t>(committed, 0);
  reserved = std::max<int64_t>(reserved, 0);
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef o,
                      sql_.Get("SELECT committed, reserved FROM outside_tallies"
                               " WHERE deal_id=? AND source='chain'"));
  o->Bind(1, id);
  GB_ASSIGN_OR_RETURN(bool had, o->Step());
  if (!had || o->Int(0) != committed || o->Int(1) != reserved) {
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef up,
        sql_.Get("INSERT INTO outside_tallies(deal_id, source, committed, reserved, seq,"
                 " updated_at, rev) VALUES (?, 'chain', ?, ?, ?, ?, ?)"
                 " ON CONFLICT(deal_id, source) DO UPDATE SET committed=excluded.committed,"
                 " reserved=excluded.reserved, seq=excluded.seq, updated_at=excluded.updated_at,"
                 " rev=excluded.rev"));
    GB_RETURN_IF_ERROR(up->Bind(1, id)
                           .Bind(2, committed)
                           .Bind(3, reserved)
                           .Bind(4, hq_revision)
                           .Bind(5, now)
                           .Bind(6, rev)
                           .Run());
    moved = true;
  }
  if (moved) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE deals SET rev=? WHERE id=?"));
    GB_RETURN_IF_ERROR(up->Bind(1, rev).Bind(2, id).Run());
  }
  GB_ASSIGN_OR_RETURN(bool advanced, AdvanceDeal(deal.id, now, rev));
  return moved || advanced;
}

}  // namespace gb::store
