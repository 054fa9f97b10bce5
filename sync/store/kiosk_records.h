// Value types of kiosks' identity at the store: the kiosk rows, one-time
// enrolment codes, and what enrolment, rotate-key and revocation give back
// (store_db.h's enroll.cpp and rotate.cpp). Plain values; no SQLite here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/status.h"
#include "sync/store/token.h"

namespace gb::store {

struct KioskRecord {
  std::string kiosk_id;
  uint32_t key_id = 0;
  std::string public_key_pem;
  Digest token_sha256{};
  int64_t enrolled_at = 0;
  std::optional<int64_t> revoked_at;
  // Set when this key issued a voucher twice (a cloned or restored kiosk):
  // its sign-ups are then refused ("kiosk_suspended") until it has a new key.
  std::optional<int64_t> suspended_at = std::nullopt;
  std::string suspend_reason = "";  // the conflict kind that caused it
  // "kiosk", or "store": a store linked to this head office (link-store),
  // which may send only "tallies" events, and kiosks none.
  std::string kind = "kiosk";
  std::string name = "";  // shown in reports; may be empty
  // Set (once) when its serials or seqs jumped beyond kSerialJumpBound
  // (kiosk_flags.cpp): for staff to review; nothing is refused for it.
  std::optional<int64_t> flagged_at = std::nullopt;
  std::string flag_reason = "";
};

// A one-time enrolment code as the store keeps it (never the secret itself).
struct EnrollCodeRecord {
  Digest secret_sha256{};
  std::string store_name;  // given to the kiosk it enrols, for its receipts
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

struct EnrollCodeState {
  Digest secret_sha256{};
  bool used = false;
  int64_t expires_at = 0;
};

// Whether a presented code may enrol now: OK, or PermissionDenied
// "code_unknown" (nullopt), "code_used", "code_expired" (now >= expires_at).
// The one place these refusals are worded (the store and the server's
// in-memory pre-check both use it).
base::Status CheckEnrollCode(const std::optional<EnrollCodeState>& code, int64_t now);

// What POST /v1/enroll gives a new kiosk. `token` is the only copy of the
// bearer token (the store keeps its hash).
struct Enrolment {
  std::string kiosk_id;
  uint32_t key_id = 0;
  std::string token;
  std::string store_name;
};

// What rotate-key did: the kiosk's key id now, and the one it retired (0
// when the key presented was already the kiosk's: nothing changed). `token`
// is the kiosk's new bearer token, its only copy (the old one stops working
// with the rotation); "" when nothing changed.
struct KeyRotation {
  uint32_t key_id = 0;
  uint32_t retired_key_id = 0;
  std::string token = "";
};

struct Revocation {
  int64_t revoked_at = 0;
  bool already = false;  // it was revoked before, at revoked_at
};

}  // namespace gb::store
