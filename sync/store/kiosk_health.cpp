// Kiosks offline, told upward (docs/sync-protocol.md, "Head office"). A
// store writes down which of its kiosks went quiet (MarkKiosksOffline, run
// by the uplink every second), so that its revision and the "tallies"
// snapshot built at that revision carry them; the head office keeps each
// store's last report (store_kiosks) and shows it in GET /v1/tallies.
// Only kiosk ids and times travel: nothing about the people at the kiosks.
#include <ctime>

#include "sync/protocol/json_reader.h"
#include "sync/store/ingest_ctx.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

using nlohmann::json;

json OfflineJson(const std::vector<protocol::OfflineKiosk>& offline) {
  json out = json::array();
  for (const protocol::OfflineKiosk& k : offline) {
    out.push_back({{"kiosk_id", k.kiosk_id}, {"since", k.since ? json(*k.since) : json()}});
  }
  return out;
}

}  // namespace

base::Result<std::map<std::string, std::optional<int64_t>>> StoreDb::OfflineNow(
    const std::map<std::string, int64_t>& contacts, int64_t now, int64_t watching_since,
    int64_t offline_after_s) {
  GB_ASSIGN_OR_RETURN(json seen, KiosksSeen(contacts));
  std::map<std::string, std::optional<int64_t>> marked;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT kiosk_id, since FROM kiosks_offline"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      marked[q->Text(0)] = q->IsNull(1) ? std::nullopt : std::optional(q->Int(1));
    }
  }
  std::set<std::string> stores;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT kiosk_id FROM kiosks WHERE kind <> 'kiosk'"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      stores.insert(q->Text(0));
    }
  }
  std::map<std::string, std::optional<int64_t>> offline;
  for (const json& k : seen) {
    const std::string id = k["kiosk_id"].get<std::string>();
    if (k["revoked"].get<bool>() || stores.count(id)) continue;
    std::optional<int64_t> last;
    if (k["last_seen_at"].is_number_integer()) last = k["last_seen_at"].get<int64_t>();
    if (auto was = marked.find(id); was != marked.end()) {
      // Offline until it is heard from again; a restarted server that has
      // not heard from it yet keeps it offline.
      const bool back =
          last && (!was->second || *last > *was->second) && now - *last <= offline_after_s;
      if (!back) offline[id] = was->second;
      continue;
    }
    // A server that started a moment ago has not had the kiosk's poll yet:
    // it counts as seen when the watch began.
    const int64_t since = std::max(last.value_or(0), watching_since);
    if (now - since > offline_after_s) offline[id] = last;
  }
  return offline;
}

base::Result<bool> StoreDb::MarkKiosksOffline(const std::map<std::string, int64_t>& contacts,
                                              int64_t now, int64_t watching_since,
                                              int64_t offline_after_s) {
  // Read first, outside a write transaction: nearly every call changes
  // nothing, and must not take the writer's lock to find that out.
  auto differs = [&]() -> base::Result<bool> {
    GB_ASSIGN_OR_RETURN(auto want, OfflineNow(contacts, now, watching_since, offline_after_s));
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT kiosk_id, since FROM kiosks_offline"));
    std::map<std::string, std::optional<int64_t>> have;
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      have[q->Text(0)] = q->IsNull(1) ? std::nullopt : std::optional(q->Int(1));
    }
    return want != have;
  };
  GB_ASSIGN_OR_RETURN(bool changed, differs());
  if (!changed) return false;
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(auto want, OfflineNow(contacts, now, watching_since, offline_after_s));
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  ++rev;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef del, sql_.Get("DELETE FROM kiosks_offline"));
    GB_RETURN_IF_ERROR(del->Run());
  }
  for (const auto& [id, since] : want) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                        sql_.Get("INSERT INTO kiosks_offline(kiosk_id, since, marked_at, rev)"
                                 " VALUES (?, ?, ?, ?)"));
    ins->Bind(1, id);
    if (since) {
      ins->Bind(2, *since);
    } else {
      ins->BindNull(2);
    }
    GB_RETURN_IF_ERROR(ins->Bind(3, now).Bind(4, rev).Run());
  }
  GB_RETURN_IF_ERROR(SetRevision(rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  return true;
}

base::Result<protocol::KioskHealth> StoreDb::OwnKioskHealth() {
  protocol::KioskHealth h;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT count(*) FROM kiosks WHERE kind='kiosk'"
                                                    " AND revoked_at IS NULL"));
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    h.enrolled = row ? q->Int(0) : 0;
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT kiosk_id, since FROM kiosks_offline"
                                                  " ORDER BY kiosk_id"));
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    h.offline.push_back(
        {q->Text(0), q->IsNull(1) ? std::nullopt : std::optional<int64_t>(q->Int(1))});
  }
  GB_ASSIGN_OR_RETURN(h.printers, OwnPrinters());
  // The snapshot has no clock of its own: the store's, for the same window
  // as its dashboard's.
  GB_ASSIGN_OR_RETURN(h.identity_alarms,
                      OwnIdentityAlarms(static_cast<int64_t>(std::time(nullptr)) - kAlarmShownS));
  return h;
}

base::Status StoreDb::ApplyStoreKiosks(IngestCtx& ctx, const protocol::Event& e,
                                       const protocol::KioskHealth& health) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT seq FROM store_kiosks WHERE store=?"));
  q->Bind(1, e.origin);
  GB_ASSIGN_OR_RETURN(bool known, q->Step());
  if (known && q->Int(0) >= e.seq) return base::Status::Ok();  // an older report, late
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("INSERT INTO store_kiosks(store, enrolled, offline_json, seq, updated_at, rev,"
               " printers_json, alarms_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
               " ON CONFLICT(store) DO UPDATE SET"
               " enrolled=excluded.enrolled, offline_json=excluded.offline_json,"
               " seq=excluded.seq, updated_at=excluded.updated_at, rev=excluded.rev,"
               " printers_json=excluded.printers_json, alarms_json=excluded.alarms_json"));
  GB_RETURN_IF_ERROR(up->Bind(1, e.origin)
                         .Bind(2, health.enrolled)
                         .Bind(3, OfflineJson(health.offline).dump())
                         .Bind(4, e.seq)
                         .Bind(5, ctx.now)
                         .Bind(6, ctx.rev)
                         .Bind(7, protocol::PrintersJson(health.printers).dump())
                         .Bind(8, protocol::IdentityAlarmsJson(health.identity_alarms).dump())
                         .Run());
  ctx.changed = true;
  return base::Status::Ok();
}

base::Result<std::map<std::string, json>> StoreDb::StoreKiosks() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT store, enrolled, offline_json,"
                                                  " updated_at, printers_json, alarms_json"
                                                  " FROM store_kiosks"));
  std::map<std::string, json> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    GB_ASSIGN_OR_RETURN(json offline, protocol::ParseJson(q->Text(2)));
    GB_ASSIGN_OR_RETURN(json printers, protocol::ParseJson(q->Text(4)));
    GB_ASSIGN_OR_RETURN(json alarms, protocol::ParseJson(q->Text(5)));
    out[q->Text(0)] = {{"kiosks_enrolled", q->Int(1)},
                       {"kiosks_offline", std::move(offline)},
                       {"kiosks_reported_at", q->Int(3)},
                       {"printers", std::move(printers)},
                       {"identity_alarms", std::move(alarms)}};
  }
  return out;
}

}  // namespace gb::store
