// Conflicts a kiosk causes are capped per origin (docs/operations.md,
// "Limits"): every refused claim is stored for staff, so without a cap one
// stolen token could fill the store's disk with claims it knows will be
// refused. Past the cap the oldest conflict of that kiosk is folded into a
// count per kind (conflict_summary, shown in /metrics), its rescue item goes
// with it, and the event that caused it keeps only the SHA-256 of its
// payload, so a resend of that very event is still known as the same one
// (not a clone's seq_reuse) while its bytes no longer take room.
#include "core/base/hex.h"
#include "sync/store/purge_match.h"
#include "sync/store/store_db.h"

namespace gb::store {

std::string SummaryMarker(const std::string& payload_text) {
  return nlohmann::json{{"summarised", base::ToHex(Sha256(payload_text))}}.dump();
}

bool SameButSummarised(const std::string& stored, const std::string& incoming_text) {
  return stored.rfind("{\"summarised\":", 0) == 0 && stored == SummaryMarker(incoming_text);
}

base::Status StoreDb::CapConflicts(const std::string& origin) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef count,
                      sql_.Get("SELECT count(*) FROM conflicts WHERE origin=?"));
  count->Bind(1, origin);
  GB_ASSIGN_OR_RETURN(bool row, count->Step());
  int64_t over = (row ? count->Int(0) : 0) - conflict_cap_;
  for (; over > 0; --over) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef oldest,
                        sql_.Get("SELECT id, kind, at, seq FROM conflicts WHERE origin=?"
                                 " ORDER BY id LIMIT 1"));
    oldest->Bind(1, origin);
    GB_ASSIGN_OR_RETURN(bool found, oldest->Step());
    if (!found) break;
    const int64_t id = oldest->Int(0);
    const std::string kind = oldest->Text(1);
    const int64_t at = oldest->Int(2);
    const int64_t seq = oldest->Int(3);
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef sum,
        sql_.Get("INSERT INTO conflict_summary(origin, kind, n, first_at, last_at)"
                 " VALUES (?, ?, 1, ?, ?) ON CONFLICT(origin, kind) DO UPDATE SET n = n + 1,"
                 " first_at = min(first_at, excluded.first_at),"
                 " last_at = max(last_at, excluded.last_at)"));
    GB_RETURN_IF_ERROR(sum->Bind(1, origin).Bind(2, kind).Bind(3, at).Bind(4, at).Run());
    // The event stays (acknowledged, known by origin and seq) but its bytes
    // go, unless it was applied after all: a seq_reuse conflict's stored
    // event is the first, applied one, and an accepted rescue item applied
    // its event.
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef strip,
        sql_.Get("UPDATE events SET payload = ? WHERE origin = ? AND seq = ? AND ? <> 'seq_reuse'"
                 " AND NOT EXISTS (SELECT 1 FROM rescue WHERE conflict_id = ?"
                 " AND resolution = 'accept')"
                 " AND NOT EXISTS (SELECT 1 FROM conflicts WHERE origin = ? AND seq = ?"
                 " AND id <> ?)"));
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef payload,
                        sql_.Get("SELECT payload FROM events WHERE origin=? AND seq=?"));
    payload->Bind(1, origin).Bind(2, seq);
    GB_ASSIGN_OR_RETURN(bool has_event, payload->Step());
    if (has_event) {
      GB_RETURN_IF_ERROR(strip->Bind(1, SummaryMarker(payload->Text(0)))
                             .Bind(2, origin)
                             .Bind(3, seq)
                             .Bind(4, kind)
                             .Bind(5, id)
                             .Bind(6, origin)
                             .Bind(7, seq)
                             .Bind(8, id)
                             .Run());
    }
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef rescue, sql_.Get("DELETE FROM rescue WHERE conflict_id=?"));
    GB_RETURN_IF_ERROR(rescue->Bind(1, id).Run());
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef drop, sql_.Get("DELETE FROM conflicts WHERE id=?"));
    GB_RETURN_IF_ERROR(drop->Bind(1, id).Run());
  }
  return base::Status::Ok();
}

base::Result<int64_t> StoreDb::CountSummarisedConflicts() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT coalesce(sum(n), 0) FROM conflict_summary"));
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  return row ? q->Int(0) : 0;
}

}  // namespace gb::store
