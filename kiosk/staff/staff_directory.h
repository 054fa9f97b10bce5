// StaffDirectory: who may enter staff mode, and the PIN pad's sign-in.
//
// Staff members have a name, a role (staff, i.e. a cashier, or manager) and a
// PIN kept only as a salted scrypt hash (pin_hash.h) in the kiosk's ledger.
// Signing in takes a PIN alone (the pad has no name field): it is checked
// against every member's hash, all of them every time, so how long it takes
// does not tell which member, if any, matched. PINs are unique per kiosk for
// that reason. One check costs about 70 ms of one core (pin::kPinScrypt), so a
// sign-in costs that times the number of members.
//
// Lock-out (core/pin/lockout.h) is kiosk-wide and kept in the ledger: restarting the
// kiosk does not reset it. Each further round of wrong PINs locks the pad
// twice as long; while locked, only a manager's right PIN opens it (and
// clears the escalation). Every refusal has a reason the screen can show:
//   "wrong_pin"  attempts_left more before the lock-out
//   "locked_out" until locked_until (also the answer to the wrong PIN that
//                locked it, and to any PIN but a manager's while locked)
//   "no_staff"   nobody is set up yet (groupbuy-provision staff add)
//
// Thread-safety: one thread, like the Ledger it borrows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/pin/lockout.h"
#include "core/pin/pin_hash.h"
#include "kiosk/ledger/ledger.h"

namespace gb::staff {

enum class Role { kStaff, kManager };
std::string_view RoleName(Role role);                 // "staff", "manager" (the ledger's)
// "cashier" (or its older name "staff"), "manager"; else "bad_role".
base::Result<Role> ParseRole(std::string_view name);

struct StaffMember {
  std::string name;
  Role role = Role::kStaff;
  int64_t created_at = 0;
};

// The outcome of one PIN typed on the pad.
struct SignIn {
  std::optional<StaffMember> member;  // set when the PIN was right
  std::string refusal;                // "", "wrong_pin", "locked_out", "no_staff"
  int attempts_left = 0;              // after a wrong PIN
  int64_t locked_until = 0;           // when locked out
  bool cleared_lockout = false;       // a manager's PIN ended a lock-out or its escalation
  bool ok() const { return member.has_value(); }
};

struct DirectoryOptions {
  pin::LockoutPolicy lockout;
  pin::ScryptParams pin_kdf = pin::kPinScrypt;  // for new PINs; tests use cheaper ones
};

class StaffDirectory {
 public:
  // REQUIRES: `ledger` outlives the directory.
  explicit StaffDirectory(ledger::Ledger& ledger, DirectoryOptions options = {})
      : ledger_(&ledger), options_(options) {}

  // Reasons: "bad_name" (1..64 bytes, no control characters), "bad_pin"
  // (a new PIN is 6..12 digits: pin::CheckPin),
  // "pin_in_use" (another member has it), "staff_exists".
  base::Status Add(const std::string& name, Role role, std::string_view pin, int64_t now);
  // "staff_unknown".
  base::Status Remove(const std::string& name);
  // By name; never the hashes.
  base::Result<std::vector<StaffMember>> List();

  // Errors only for storage failures; a refusal is a SignIn with a reason.
  base::Result<SignIn> SignInWithPin(std::string_view pin, int64_t now);

 private:
  // The member whose hash matches, checking every row.
  static std::optional<size_t> Match(const std::vector<ledger::StaffRow>& rows,
                                     std::string_view pin);

  ledger::Ledger* ledger_;
  DirectoryOptions options_;
};

}  // namespace gb::staff
