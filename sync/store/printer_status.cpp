// Printers in trouble (docs/sync-protocol.md, "printer"): each kiosk tells
// its store when its receipt printer's state changes; the store keeps the
// latest, shows the ones in trouble in GET /v1/tallies, and reports them up
// to its head office with its kiosks (kiosk_health.cpp). Kiosk ids, states
// and times only.
#include "sync/protocol/printer_event.h"
#include "sync/store/ingest_ctx.h"
#include "sync/store/store_db.h"

namespace gb::store {

using nlohmann::json;

base::Status StoreDb::ApplyPrinter(IngestCtx& ctx, const protocol::Event& e) {
  auto p = protocol::ParsePrinterPayload(e.payload, "payload");
  if (!p.ok()) {
    return Conflict(ctx, e, "bad_payload", std::nullopt, std::nullopt, std::nullopt,
                    p.status().message());
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT state, since, at FROM printer_status WHERE kiosk_id=?"));
  q->Bind(1, e.origin);
  GB_ASSIGN_OR_RETURN(bool known, q->Step());
  // Events of one kiosk arrive in its order; a replay of an older one (a
  // restored kiosk) must not bring back a state that has passed.
  if (known && q->Int(2) > e.at) return base::Status::Ok();
  // "Since" is when the trouble began: a new count of held jobs in the same
  // state does not restart it.
  const int64_t since = known && q->Text(0) == p->state ? q->Int(1) : e.at;
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("INSERT INTO printer_status(kiosk_id, state, held, since, at, rev)"
               " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(kiosk_id) DO UPDATE SET"
               " state=excluded.state, held=excluded.held, since=excluded.since,"
               " at=excluded.at, rev=excluded.rev"));
  GB_RETURN_IF_ERROR(up->Bind(1, e.origin)
                         .Bind(2, p->state)
                         .Bind(3, p->held)
                         .Bind(4, since)
                         .Bind(5, e.at)
                         .Bind(6, ctx.rev)
                         .Run());
  ctx.changed = true;
  return base::Status::Ok();
}

base::Result<std::vector<protocol::PrinterTrouble>> StoreDb::OwnPrinters() {
  // Revoked kiosks print nothing more for this store.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT p.kiosk_id, p.state, p.held, p.since FROM printer_status p"
                               " JOIN kiosks k ON k.kiosk_id = p.kiosk_id"
                               " WHERE p.state <> 'ok' AND k.revoked_at IS NULL"
                               " ORDER BY p.kiosk_id"));
  std::vector<protocol::PrinterTrouble> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    out.push_back({q->Text(0), q->Text(1), q->Int(2), q->Int(3)});
  }
  return out;
}

base::Status StoreDb::AddPrinters(json& tallies) {
  GB_ASSIGN_OR_RETURN(bool hq, IsHeadOffice());
  std::map<std::string, std::string> names;  // kiosk or store id -> name
  for (const json& k : tallies.value("kiosks", json::array())) {
    names[k.value("kiosk_id", "")] = k.value("name", "");
  }
  json printers = json::array();
  if (!hq) {
    GB_ASSIGN_OR_RETURN(std::vector<protocol::PrinterTrouble> own, OwnPrinters());
    printers = protocol::PrintersJson(own);
    for (json& p : printers) {
      const std::string& name = names[p["kiosk_id"].get<std::string>()];
      p["name"] = name.empty() ? p["kiosk_id"] : json(name);
    }
  } else {
    // Each store's last report, named "Store · kiosk".
    GB_ASSIGN_OR_RETURN(auto reports, StoreKiosks());
    for (auto& [store, report] : reports) {
      const std::string& store_name = names[store].empty() ? store : names[store];
      for (json p : report.value("printers", json::array())) {
        p["store"] = store;
        p["name"] = store_name + " · " + p.value("kiosk_id", "");
        printers.push_back(std::move(p));
      }
    }
  }
  tallies["printers"] = std::move(printers);
  return base::Status::Ok();
}

}  // namespace gb::store
