// A staff member as the store keeps it (groupbuy-provision staff --dir SDIR)
// and hands it to every kiosk in GET /v1/state. Plain value; no SQLite here.
//
// The PIN itself never reaches the store: `pin_hash` is kiosk/staff's
// "scrypt$..." text (or the older "pbkdf2-sha256$..."), made where the PIN
// was typed. A removed member
// stays as a row with `removed_at` set and an empty hash, so kiosks that sync
// later learn of the removal too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::store {

// The two roles (issue #16). A cashier redeems and takes deposits; a
// manager also gives refunds, stops or pauses deals, clears a lock-out and
// adds staff (docs/security.md).
inline constexpr std::string_view kCashier = "cashier";
inline constexpr std::string_view kManager = "manager";

// "cashier" or "manager"; the older "staff" is read as "cashier". "bad_role".
base::Result<std::string> ParseStaffRole(std::string_view role);

struct StaffRecord {
  std::string name;  // 1..64 bytes, no control characters; the key
  std::string role;  // "cashier" or "manager" (AddStaff also takes the older "staff")
  std::string pin_hash;
  int64_t created_at = 0;
  std::optional<int64_t> removed_at = std::nullopt;
  int64_t rev = 0;  // the store revision of the last change (set by the store)
};

}  // namespace gb::store
