// Server identity alarms (docs/sync-protocol.md, "server_identity"): a
// kiosk that saw another certificate than the store's at the store's address
// reports it when it sees the store's own again. The store keeps each
// kiosk's latest report with when it arrived, shows the reports of the last
// kAlarmShownS in GET /v1/tallies ("identity_alarms", so the dashboard shows
// them) and counts them in /metrics. Kiosk ids and times only.
#include "sync/protocol/server_identity_event.h"
#include "sync/store/ingest_ctx.h"
#include "sync/store/store_db.h"

namespace gb::store {

using nlohmann::json;

base::Status StoreDb::ApplyServerIdentity(IngestCtx& ctx, const protocol::Event& e) {
  auto p = protocol::ParseServerIdentityPayload(e.payload, "payload");
  if (!p.ok()) {
    return Conflict(ctx, e, "bad_payload", std::nullopt, std::nullopt, std::nullopt,
                    p.status().message());
  }
  // A kiosk's newest incident stands; every report is counted.
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("INSERT INTO server_alarms(kiosk_id, first_at, last_at, mismatches, reported_at,"
               " reports, rev) VALUES (?, ?, ?, ?, ?, 1, ?) ON CONFLICT(kiosk_id) DO UPDATE SET"
               " first_at=excluded.first_at, last_at=excluded.last_at,"
               " mismatches=excluded.mismatches, reported_at=excluded.reported_at,"
               " reports=server_alarms.reports + 1, rev=excluded.rev"));
  GB_RETURN_IF_ERROR(up->Bind(1, e.origin)
                         .Bind(2, p->first_at)
                         .Bind(3, p->last_at)
                         .Bind(4, p->mismatches)
                         .Bind(5, ctx.now)
                         .Bind(6, ctx.rev)
                         .Run());
  ctx.changed = true;
  return base::Status::Ok();
}

base::Result<std::vector<protocol::IdentityAlarm>> StoreDb::OwnIdentityAlarms(int64_t since) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT kiosk_id, first_at, last_at, mismatches, reported_at FROM server_alarms"
               " WHERE reported_at >= ? ORDER BY kiosk_id"));
  q->Bind(1, since);
  std::vector<protocol::IdentityAlarm> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    out.push_back({q->Text(0), q->Int(1), q->Int(2), q->Int(3), q->Int(4)});
  }
  return out;
}

base::Result<int64_t> StoreDb::CountIdentityReports() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT coalesce(sum(reports), 0) FROM server_alarms"));
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  return row ? q->Int(0) : 0;
}

base::Status StoreDb::AddIdentityAlarms(json& tallies, int64_t now) {
  GB_ASSIGN_OR_RETURN(bool hq, IsHeadOffice());
  std::map<std::string, std::string> names;  // kiosk or store id -> name
  for (const json& k : tallies.value("kiosks", json::array())) {
    names[k.value("kiosk_id", "")] = k.value("name", "");
  }
  json alarms = json::array();
  if (!hq) {
    GB_ASSIGN_OR_RETURN(std::vector<protocol::IdentityAlarm> own, OwnIdentityAlarms(now - kAlarmShownS));
    alarms = protocol::IdentityAlarmsJson(own);
    for (json& a : alarms) {
      const std::string& name = names[a["kiosk_id"].get<std::string>()];
      a["name"] = name.empty() ? a["kiosk_id"] : json(name);
    }
  } else {
    // Each store's last report, named "Store · kiosk", as printers are.
    GB_ASSIGN_OR_RETURN(auto reports, StoreKiosks());
    for (auto& [store, report] : reports) {
      const std::string& store_name = names[store].empty() ? store : names[store];
      for (json a : report.value("identity_alarms", json::array())) {
        a["store"] = store;
        a["name"] = store_name + " · " + a.value("kiosk_id", "");
        alarms.push_back(std::move(a));
      }
    }
  }
  tallies["identity_alarms"] = std::move(alarms);
  return base::Status::Ok();
}

}  // namespace gb::store
