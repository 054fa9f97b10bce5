// EnrollKiosk: a new kiosk joins a store with a one-time enrolment code
// (docs/operations.md "Enrolling a kiosk with a code"). Shared by
// `groupbuy-provision enroll` and groupbuy-kiosk's enrolment screen.
//
// In order: decode the code (its check digits catch typos), check what needs
// no network (expiry, an empty folder, the settings), make the kiosk's own
// Ed25519 key (only the public half leaves the machine), POST /v1/enroll over
// HTTPS pinned to the code's certificate fingerprint (a wrong one stops
// before the secret is written: "pin_mismatch", the code stays unused), then
// write KDIR as init-kiosk and add-kiosk together would: kiosk.json (0600,
// atomically) with the kiosk id, key id, server and token; signing.key
// (0600), signing.pub, phone.key (0600: the store's phone key from the
// reply, or a new random one from a store that sent none); and the ledger holding the store's
// deals and kiosk keys.
//
// Blocking (one network round trip, up to timeout_ms); thread-safe as long as
// no two calls share a folder. Not retried: a code is good for one use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/result.h"
#include "kiosk/config/kiosk_dir.h"

namespace gb::link {

struct EnrollKioskRequest {
  std::string kiosk_dir;        // KDIR: empty or absent
  std::string code_text;        // "GBE1:..." as scanned or typed (any case, spaces around)
  std::string name;             // optional, for staff (1..64 bytes)
  config::InitOptions options;  // country, time zone, printer (the rest comes from the store)
  int timeout_ms = 10'000;
};

struct EnrolledKiosk {
  std::string kiosk_id;
  uint32_t key_id = 0;
  std::string store_name;
  std::string host;
  uint16_t port = 0;
  std::size_t deals = 0;  // deals imported with the enrolment
  int64_t revision = 0;   // the store revision they came at
  std::string ledger_path;
};

// `now` is Unix seconds (the kiosk's clock, for the code's expiry).
// Reasons, each with a message for people:
//   before any network traffic: "bad_enroll_code" (naming the problem),
//     "code_expired", "kiosk_exists", "bad_settings", file errors;
//   from the network: "pin_mismatch" (the message says the secret was not
//     sent), "unreachable", "timeout", ... (BeastTransport's);
//   from the store: "code_used", "code_expired", "code_unknown", ...
//     (sync_client::Enroll's);
//   after the store said yes, a failure to write KDIR keeps its reason and
//     names the kiosk id to revoke.
base::Result<EnrolledKiosk> EnrollKiosk(const EnrollKioskRequest& request, int64_t now);

}  // namespace gb::link
