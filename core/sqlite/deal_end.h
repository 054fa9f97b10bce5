// When a deal is over, for privacy: the later of its deadline (a failed deal
// ends there) and its redeem_by (the last day a voucher is redeemed). Both the
// kiosk ledger and the store keep deals as `deals(id, terms_json)`, so the
// kiosk's and the store's purge share this query over that table.
#pragma once

#include <cstdint>
#include <vector>

#include "core/base/result.h"
#include "core/sqlite/sqlite.h"

namespace gb::sqlite {

// Ids of the deals in `db` whose end is at or before `cutoff` (Unix seconds).
// Fails as the adapter does (a database without that table included).
base::Result<std::vector<int64_t>> DealsEndedBy(Db& db, int64_t cutoff);

}  // namespace gb::sqlite
