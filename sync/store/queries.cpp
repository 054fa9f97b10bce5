// The reads kiosks make: what changed since a revision, and the tallies.
// Each runs in one read transaction so its figures belong to one revision.
#include <algorithm>

#include "core/rules/deal_json.h"
#include "core/rules/deal_state.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

using nlohmann::json;

// Per deal, per origin: committed, reserved, redeemed and cancelled pledges.
struct Counts {
  int64_t committed = 0;
  int64_t reserved = 0;
  int64_t redeemed = 0;
  int64_t cancelled = 0;
};

json OrNull(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

base::Result<json> StoreDb::Tallies(const TalliesContext& context) {
  GB_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  struct EndRead {
    sqlite::Db* db;
    ~EndRead() { (void)db->Exec("COMMIT"); }
  } end_read{db_.get()};
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  std::map<uint32_t, std::map<std::string, Counts>> counts;
  {
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef q,
        sql_.Get("SELECT deal_id, origin, sum(state IN ('active','redeemed','expired')),"
                 " sum(state = 'reserved'), sum(state = 'redeemed'), sum(state = 'cancelled')"
                 " FROM pledges GROUP BY deal_id, origin"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      counts[static_cast<uint32_t>(q->Int(0))][q->Text(1)] = {q->Int(2), q->Int(3), q->Int(4),
                                                              q->Int(5)};
    }
  }
  std::map<uint32_t, int64_t> conflicts;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT deal_id, count(*) FROM conflicts"
                                                    " WHERE deal_id IS NOT NULL GROUP BY deal_id"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      conflicts[static_cast<uint32_t>(q->Int(0))] = q->Int(1);
    }
  }
  std::map<uint32_t, int64_t> rescue;
  {
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef q,
        sql_.Get("SELECT c.deal_id, count(*) FROM rescue r JOIN conflicts c ON c.id = r.conflict_id"
                 " WHERE r.resolved_at IS NULL AND c.deal_id IS NOT NULL GROUP BY c.deal_id"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      rescue[static_cast<uint32_t>(q->Int(0))] = q->Int(1);
    }
  }
  GB_ASSIGN_OR_RETURN(int64_t rescue_open, CountOpenRescue());
  GB_ASSIGN_OR_RETURN(auto by_staff, StaffTallies());
  GB_ASSIGN_OR_RETURN(json kiosks, KiosksSeen(context.contacts));
  std::vector<std::pair<uint32_t, std::string>> ids;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT id, state FROM deals ORDER BY id"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      ids.emplace_back(static_cast<uint32_t>(q->Int(0)), q->Text(1));
    }
  }
  json deals = json::array();
  for (const auto& [id, state] : ids) {
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(id, &found));
    if (!found) continue;
    Counts total;
    json by_kiosk = json::object();
    for (const auto& [origin, c] : counts[id]) {
      by_kiosk[origin] = {{"committed", c.committed}, {"reserved", c.reserved}};
      total.committed += c.committed;
      total.reserved += c.reserved;
      total.redeemed += c.redeemed;
      total.cancelled += c.cancelled;
    }
    const auto en = deal->title.find("en");
    std::optional<size_t> tier = rules::ReachedTier(*deal, total.committed);
    deals.push_back({{"id", id},
                     {"state", state},
                     {"committed", total.committed},
                     {"reserved", total.reserved},
                     {"participants", total.committed + total.reserved},
                     {"by_kiosk", std::move(by_kiosk)},
                     {"threshold", rules::Threshold(*deal)},
                     {"tier", tier ? json(*tier) : json(nullptr)},
                     {"price", rules::PriceNow(*deal, total.committed)},
                     {"conflicts", conflicts[id]},
                     {"rescue_open", rescue[id]},
                     {"title", en != deal->title.end() ? en->second : ""},
                     {"currency", deal->currency},
                     {"deadline", deal->deadline},
                     {"cap", deal->cap},
                     {"stop_at", rules::EffectiveStop(*deal)},
                     {"stopped_early_at", deal->stopped_early_at ? json(*deal->stopped_early_at)
                                                                 : json(nullptr)},
                     {"paused", deal->paused},
                     {"redeemed", total.redeemed},
                     {"cancelled", total.cancelled},
                     {"by_staff", by_staff.count(id) ? by_staff[id] : json::object()}});
  }
  json out{{"revision", rev},          {"rescue_open", rescue_open},
           {"role", "store"},          {"name", context.name},
           {"now", context.now},       {"kiosks", std::move(kiosks)},
           {"deals", std::move(deals)}};
  // A head office's role, its stores and the chain's counts (chain_report.cpp).
  GB_RETURN_IF_ERROR(AddOutside(out));
  GB_RETURN_IF_ERROR(AddPrinters(out));
  GB_RETURN_IF_ERROR(AddIdentityAlarms(out, context.now));
  return out;
}

base::Result<json> StoreDb::KiosksSeen(const std::map<std::string, int64_t>& contacts) {
  // The received_at of each origin's acked (highest) event: one index lookup
  // per kiosk, where max(received_at) would scan every event. Events arrive
  // in seq order, so it is the last time that kiosk's events reached us.
  std::map<std::string, int64_t> seen;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT c.origin, e.received_at FROM cursors c"
                                 " JOIN events e ON e.origin = c.origin AND e.seq = c.acked_seq"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      seen[q->Text(0)] = q->Int(1);
    }
  }
  for (const auto& [kiosk, at] : contacts) seen[kiosk] = std::max(seen[kiosk], at);
  json kiosks = json::array();
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT kiosk_id, name, revoked_at, flagged_at,"
                                                  " flag_reason FROM kiosks ORDER BY key_id"));
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    auto it = seen.find(q->Text(0));
    kiosks.push_back(
        {{"kiosk_id", q->Text(0)},
         {"name", q->IsNull(1) ? "" : q->Text(1)},
         {"last_seen_at", OrNull(it == seen.end() ? std::nullopt : std::optional(it->second))},
         {"revoked", !q->IsNull(2)}});
    // Flagged for review (kiosk_flags.cpp): ids and numbers, no shopper data.
    if (!q->IsNull(3)) {
      kiosks.back()["flagged_at"] = q->Int(3);
      kiosks.back()["flag_reason"] = q->IsNull(4) ? "" : q->Text(4);
    }
  }
  return kiosks;
}

base::Result<json> StoreDb::State(int64_t since, const std::string& kiosk_id) {
  GB_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  struct EndRead {
    sqlite::Db* db;
    ~EndRead() { (void)db->Exec("COMMIT"); }
  } end_read{db_.get()};
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  json deals = json::array();
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT id, state, rev FROM deals"
                                                    " WHERE rev > ? ORDER BY id"));
    q->Bind(1, since);
    std::vector<std::tuple<uint32_t, std::string, int64_t>> rows;
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      rows.emplace_back(static_cast<uint32_t>(q->Int(0)), q->Text(1), q->Int(2));
    }
    for (const auto& [id, state, deal_rev] : rows) {
      bool found = false;
      GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(id, &found));
      if (!found) continue;
      GB_ASSIGN_OR_RETURN(rules::Tally tally, DealTally(id));
      // Per kiosk, so each kiosk can take out its own share and add its own
      // ledger's pledges instead (some of them may not be uploaded yet).
      json by_kiosk = json::object();
      {
        GB_ASSIGN_OR_RETURN(
            sqlite::StmtRef per,
            sql_.Get("SELECT origin, sum(state IN ('active','redeemed','expired')),"
                     " sum(state = 'reserved') FROM pledges WHERE deal_id = ?1 GROUP BY origin"
                     " UNION ALL SELECT source, committed, reserved FROM outside_tallies"
                     " WHERE deal_id = ?1"));
        per->Bind(1, int64_t{id});
        for (;;) {
          GB_ASSIGN_OR_RETURN(bool row, per->Step());
          if (!row) break;
          by_kiosk[per->Text(0)] = {{"committed", per->Int(1)}, {"reserved", per->Int(2)}};
        }
      }
      deals.push_back({{"deal", rules::DealToJson(*deal)},
                       {"state", state},
                       {"committed", tally.committed},
                       {"reserved", tally.reserved},
                       {"by_kiosk", std::move(by_kiosk)},
                       {"rev", deal_rev}});
    }
  }
  json kiosks = json::array();
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT kiosk_id, key_id, public_key, revoked_at,"
                                 " CASE WHEN suspended_key_id IS key_id THEN suspended_at END,"
                                 " suspend_reason FROM kiosks WHERE rev > ? ORDER BY key_id"));
    q->Bind(1, since);
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      kiosks.push_back({{"kiosk_id", q->Text(0)},
                        {"key_id", q->Int(1)},
                        {"public_key", q->Text(2)},
                        {"revoked_at", q->IsNull(3) ? json(nullptr) : json(q->Int(3))},
                        {"suspended", !q->IsNull(4)}});
      if (!q->IsNull(4)) {
        kiosks.back()["suspended_at"] = q->Int(4);
        kiosks.back()["suspend_reason"] = q->IsNull(5) ? "" : q->Text(5);
      }
    }
  }
  {
    // A kiosk's keys before a rotate-key, as keys revoked when they were
    // retired: tills accept what they signed before, and nothing after.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT kiosk_id, key_id, public_key, retired_at FROM retired_keys"
                                 " WHERE rev > ? ORDER BY key_id"));
    q->Bind(1, since);
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      kiosks.push_back({{"kiosk_id", q->Text(0)},
                        {"key_id", q->Int(1)},
                        {"public_key", q->Text(2)},
                        {"revoked_at", q->Int(3)},
                        {"suspended", false},
                        {"retired", true}});
    }
  }
  // Staff travel as their PIN hash; a removed member as a tombstone, so the
  // kiosks drop it too. A cashier is spelled "staff" here: kiosks before
  // schema step 16 refuse any other role, and every kiosk reads it so.
  json staff = json::array();
  GB_ASSIGN_OR_RETURN(std::vector<StaffRecord> changed, StaffChangedSince(since));
  for (const StaffRecord& m : changed) {
    staff.push_back({{"name", m.name},
                     {"role", m.role == kCashier ? "staff" : m.role},
                     {"pin_hash", m.pin_hash},
                     {"created_at", m.created_at},
                     {"removed", m.removed_at.has_value()},
                     {"rev", m.rev}});
  }
  GB_ASSIGN_OR_RETURN(json pledges, PledgesChangedSince(kiosk_id, since));
  return json{{"revision", rev},
              {"since", since},
              {"deals", std::move(deals)},
              {"kiosks", std::move(kiosks)},
              {"staff", std::move(staff)},
              {"pledges", std::move(pledges)}};
}

}  // namespace gb::store
