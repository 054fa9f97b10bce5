// The "tallies" event: a store's counts per deal, as it reports them to its
// head office (docs/sync-protocol.md, "Head office").
//
// A store is a client of its head office with the same protocol its kiosks
// speak to it. What it uploads is not people but counts: each "tallies"
// event is a snapshot of every deal the store knows, absolute, so a store
// that was cut off catches up by sending its latest snapshot and nothing is
// counted twice. The event's seq is the store's revision at the snapshot.
// Only an origin enrolled as a store may send it (the head office checks).
// Pure value types and functions; thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "sync/protocol/server_identity_event.h"

namespace gb::protocol {

inline constexpr std::string_view kTallies = "tallies";
// More deals (or offline kiosks) than this in one snapshot is "bad_payload".
inline constexpr size_t kMaxTallyDeals = 10'000;
inline constexpr size_t kMaxTallyKiosks = 10'000;

struct DealCount {
  uint32_t deal_id = 0;
  std::string title;  // English title, for reports of deals the head office did not publish
  bool chain = false; // the deal came from the head office
  std::string state;  // the store's view: "open", "unlocked", "closed", "failed", "draft"
  int64_t committed = 0;  // pledges that count (active, redeemed, expired); this store's only
  int64_t reserved = 0;
  int64_t redeemed = 0;
  int64_t cancelled = 0;
  int64_t price = 0;  // minor units, the price a committed shopper pays now here
  // A capped chain-wide deal: the seats this store's kiosks hold (their
  // pledges, or their unused leases if more), never less than committed +
  // reserved. The head office lends the store seats on top of it. 0 (and
  // absent in JSON) for other deals.
  int64_t held = 0;

  bool operator==(const DealCount&) const = default;
};

// A kiosk of the store that has not reached it for the store's offline
// time (60 s by default). Its id only: nothing about the people who use it.
struct OfflineKiosk {
  std::string kiosk_id;
  std::optional<int64_t> since;  // when the store last heard from it; nullopt: never

  bool operator==(const OfflineKiosk&) const = default;
};

// A kiosk whose receipt printer is in trouble, as its last "printer" event
// said (sync/protocol/printer_event.h).
struct PrinterTrouble {
  std::string kiosk_id;
  std::string state;  // "paper_out", "cover_open", ... (never "ok")
  int64_t held = 0;   // print jobs waiting for it
  int64_t since = 0;  // when it got into this state, by the kiosk's clock

  bool operator==(const PrinterTrouble&) const = default;
};

// The store's kiosks at the snapshot: how many are enrolled (not revoked),
// which of them are offline, and whose printers are in trouble ("printers",
// sent only when there are any, so a head office that predates it hears it
// only then). Absent from snapshots of older stores.
struct KioskHealth {
  int64_t enrolled = 0;
  std::vector<OfflineKiosk> offline;     // by kiosk id
  std::vector<PrinterTrouble> printers;  // by kiosk id
  // Server identity alarms its kiosks reported lately ("identity_alarms",
  // sent only when there are any; server_identity_event.h), by kiosk id.
  std::vector<IdentityAlarm> identity_alarms;

  bool operator==(const KioskHealth&) const = default;
};

struct TalliesPayload {
  std::vector<DealCount> deals;
  std::optional<KioskHealth> kiosks;

  bool operator==(const TalliesPayload&) const = default;
};

nlohmann::json ToJson(const TalliesPayload& p);
// [{"kiosk_id", "state", "held", "since"}, ...]: the "printers" part, and
// how stores and head offices show it in GET /v1/tallies.
nlohmann::json PrintersJson(const std::vector<PrinterTrouble>& printers);
// Errors: InvalidArgument "bad_payload" naming the field ("events[0].payload
// .deals[3].committed must be ..."); counts are 0..1e9, titles 0..256 bytes,
// kiosk ids 1..64 bytes, each offline kiosk once.
base::Result<TalliesPayload> ParseTalliesPayload(const nlohmann::json& payload,
                                                 const std::string& path);

}  // namespace gb::protocol
