// StoreDb::PurgePersonalData: what the store forgets about shoppers once a
// deal is over (docs/operations.md, "What is kept, where").
#include <vector>

#include "core/sqlite/deal_end.h"
#include "sync/store/purge_match.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

constexpr char kZeroHashHex[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace

bool SameButPurged(const std::string& stored, const nlohmann::json& incoming) {
  nlohmann::json was = nlohmann::json::parse(stored, nullptr, /*allow_exceptions=*/false);
  if (!was.is_object() || !incoming.is_object()) return false;
  auto it = was.find("phone_hash");
  auto in = incoming.find("phone_hash");
  if (it == was.end() || in == incoming.end()) return false;
  if (*it != kZeroHashHex && *in != kZeroHashHex) return false;
  nlohmann::json now = incoming;
  was["phone_hash"] = kZeroHashHex;
  now["phone_hash"] = kZeroHashHex;
  return was == now;
}

base::Result<StoreDb::PurgeCounts> StoreDb::PurgePersonalData(int64_t now, int64_t keep_s) {
  if (keep_s < 0) return base::Status::InvalidArgument("bad_keep", "keep must not be negative");
  PurgeCounts counts;
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(std::vector<int64_t> ids, sqlite::DealsEndedBy(*db_, now - keep_s));
  counts.deals = static_cast<int>(ids.size());
  for (int64_t id : ids) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef p,
                        sql_.Get("UPDATE pledges SET phone_hash=? WHERE deal_id=? AND phone_hash<>?"));
    GB_RETURN_IF_ERROR(p->Bind(1, kZeroHashHex).Bind(2, id).Bind(3, kZeroHashHex).Run());
    counts.pledges += db_->Changes();
    // The events table is the store's record of what kiosks sent; the hash
    // goes there too, or the purge would be a purge in name only.
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef e,
        sql_.Get("UPDATE events SET payload=json_set(payload, '$.phone_hash', ?)"
                 " WHERE type='sign_up' AND json_extract(payload, '$.deal_id')=?"
                 " AND json_extract(payload, '$.phone_hash')<>?"));
    GB_RETURN_IF_ERROR(e->Bind(1, kZeroHashHex).Bind(2, id).Bind(3, kZeroHashHex).Run());
    counts.events += db_->Changes();
  }
  // Nothing here changes what kiosks read, so the revision stays.
  GB_RETURN_IF_ERROR(tx.Commit());
  return counts;
}

}  // namespace gb::store
