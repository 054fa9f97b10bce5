// Kiosks flagged for review at ingest (docs/sync-protocol.md "Serial
// jumps"): a kiosk counts its event seqs and each key its voucher serials
// up from 1, one at a time, so a number far beyond the highest it sent
// before means a tampered or copied ledger, or a forger holding a stolen
// key. The store still applies the event under its usual rules: the flag
// asks staff to look, it refuses nothing.
#include "sync/store/ingest_ctx.h"
#include "sync/store/store_db.h"

namespace gb::store {

base::Status StoreDb::CheckJump(IngestCtx& ctx, const protocol::Event& e) {
  // The events' primary key (origin, seq) makes this one index probe.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT coalesce(max(seq), 0) FROM events WHERE origin=?"));
  q->Bind(1, e.origin);
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  const int64_t highest = row ? q->Int(0) : 0;
  if (e.seq <= highest + kSerialJumpBound) return base::Status::Ok();
  return FlagKiosk(ctx, e.origin,
                   "seq_jump: event seq " + std::to_string(e.seq) + " after " +
                       std::to_string(highest));
}

base::Status StoreDb::CheckSerialJump(IngestCtx& ctx, const protocol::Event& e, uint32_t key_id,
                                      uint64_t serial) {
  // Serials the store refused count too: they were sent.
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT max(coalesce((SELECT max(serial) FROM pledges WHERE key_id=?1), 0),"
               " coalesce((SELECT max(serial) FROM conflicts WHERE key_id=?1 AND origin=?2), 0))"));
  q->Bind(1, int64_t{key_id}).Bind(2, e.origin);
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  const int64_t highest = row ? q->Int(0) : 0;
  if (serial <= static_cast<uint64_t>(highest + kSerialJumpBound)) return base::Status::Ok();
  return FlagKiosk(ctx, e.origin,
                   "serial_jump: key " + std::to_string(key_id) + " serial " +
                       std::to_string(serial) + " after " + std::to_string(highest));
}

base::Status StoreDb::FlagKiosk(IngestCtx& ctx, const std::string& origin,
                                const std::string& why) {
  // Once: the first jump is the news; the flag stays until staff clear it.
  // The kiosks' rev is left alone: nothing a kiosk syncs has changed.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                      sql_.Get("UPDATE kiosks SET flagged_at=?, flag_reason=? WHERE kiosk_id=?"
                               " AND kind='kiosk' AND flagged_at IS NULL"));
  return up->Bind(1, ctx.now).Bind(2, why).Bind(3, origin).Run();
}

}  // namespace gb::store
