// Ledger::PurgePersonalData: what the kiosk forgets about shoppers once a
// deal is over (docs/operations.md, "What is kept, where").
#include <string>
#include <vector>

#include "core/sqlite/deal_end.h"
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {
namespace {

// What a purged phone hash reads as in an outbox payload (64 hex digits, so
// the event still decodes) and in the pledge row.
constexpr char kZeroHashHex[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace

base::Result<Ledger::PurgeCounts> Ledger::PurgePersonalData(int64_t now, int64_t keep_s,
                                                            int64_t acked_seq) {
  if (keep_s < 0) return base::Status::InvalidArgument("bad_keep", "keep must not be negative");
  PurgeCounts counts;
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(std::vector<int64_t> ids, sqlite::DealsEndedBy(*db_, now - keep_s));
  counts.deals = static_cast<int>(ids.size());
  for (int64_t id : ids) {
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef p, sql_.Get("UPDATE pledges SET name=NULL, phone_hash=zeroblob(32)"
                            " WHERE deal_id=? AND (name IS NOT NULL OR phone_hash<>zeroblob(32))"));
    GB_RETURN_IF_ERROR(p->Bind(1, id).Run());
    counts.pledges += db_->Changes();
    // Rewriting an event the server has not acknowledged would make its
    // resend differ from a copy the server may already hold (seq_reuse).
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef o, sql_.Get("UPDATE outbox SET payload=json_set(payload, '$.phone_hash', ?)"
                            " WHERE type='sign_up' AND seq<=?"
                            " AND json_extract(payload, '$.deal_id')=?"
                            " AND json_extract(payload, '$.phone_hash')<>?"));
    GB_RETURN_IF_ERROR(
        o->Bind(1, kZeroHashHex).Bind(2, acked_seq).Bind(3, id).Bind(4, kZeroHashHex).Run());
    counts.outbox += db_->Changes();
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef u, sql_.Get("SELECT count(*) FROM outbox WHERE type='sign_up' AND seq>?"
                            " AND json_extract(payload, '$.deal_id')=?"));
    u->Bind(1, acked_seq).Bind(2, id);
    GB_ASSIGN_OR_RETURN(bool row, u->Step());
    if (row) counts.outbox_unsent += static_cast<int>(u->Int(0));
  }
  GB_RETURN_IF_ERROR(tx.Commit());
  return counts;
}

}  // namespace gb::ledger
