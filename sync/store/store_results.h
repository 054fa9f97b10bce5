// What StoreDb's calls return and take beyond the records they store:
// ingest results, deal stop and pause outcomes, the tallies' context, the
// terms a voucher must carry. Plain values; no SQLite here (store_db.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sync/protocol/tallies_event.h"

namespace gb::store {

// One published version of a deal's terms (schema step 14): what a voucher
// of it carries.
struct TermsVersion {
  int64_t price_minor = 0;  // rules::MaxPrice: the price printed on the voucher
  std::string first_state;  // rules::InitialPledgeState: "active" or "reserved"
};

// Why the store did not count a sign-up it verified (StoreDb::CheckSignUp).
struct SignUpRefusal {
  std::string kind;  // the conflict kind, e.g. "price_mismatch"
  std::string detail;
};

// What one batch of a group did.
struct IngestResult {
  int64_t acked_seq = 0;  // the highest seq of the origin now stored
  int new_events = 0;     // events stored for the first time
  int duplicates = 0;     // events already stored (replays)
  int conflicts = 0;      // new conflicts recorded
};

// A store's own counts per deal at one revision: what it reports upward.
struct OwnSnapshot {
  int64_t revision = 0;
  protocol::TalliesPayload payload;
};

// What StopDeal did: sign-ups for the deal ended at stopped_at; `state` is
// the deal's state after it (an unlocked deal closes, an open one stays open
// until its deadline decides); `revision` the store revision it made.
struct DealStop {
  uint32_t deal_id = 0;
  int64_t stopped_at = 0;
  std::string state;
  int64_t revision = 0;
};

// What PauseDeal did.
struct DealPause {
  uint32_t deal_id = 0;
  bool paused = false;
  bool changed = false;  // false: it was so already
  int64_t revision = 0;
};

// How long a kiosk's server identity report stays on the dashboards
// (server_alarms.cpp): a week from when the store received it.
inline constexpr int64_t kAlarmShownS = 7 * 86400;

// What GET /v1/tallies needs beyond the database (StoreDb::Tallies).
struct TalliesContext {
  std::string name;  // this server's name (store.json)
  int64_t now = 0;   // the server's clock, Unix seconds
  // Kiosk id -> when it last made an authenticated request (the server keeps
  // this in memory; the database knows only when events arrived).
  std::map<std::string, int64_t> contacts;
};

}  // namespace gb::store
