#include "kiosk/staff/staff_directory.h"

namespace gb::staff {

std::string_view RoleName(Role role) { return role == Role::kManager ? "manager" : "staff"; }

base::Result<Role> ParseRole(std::string_view name) {
  // "staff" is the older name of a cashier (the kiosk's ledger keeps it).
  if (name == "cashier" || name == "staff") return Role::kStaff;
  if (name == "manager") return Role::kManager;
  return base::Status::InvalidArgument(
      "bad_role", "a role is 'cashier' or 'manager', not '" + std::string(name) + "'");
}

std::optional<size_t> StaffDirectory::Match(const std::vector<ledger::StaffRow>& rows,
                                            std::string_view pin) {
  std::optional<size_t> found;
  // No early exit: every hash is computed, so the time does not depend on
  // which member matched.
  for (size_t i = 0; i < rows.size(); ++i) {
    if (pin::VerifyPin(pin, rows[i].pin_hash) && !found) found = i;
  }
  return found;
}

base::Status StaffDirectory::Add(const std::string& name, Role role, std::string_view pin,
                                 int64_t now) {
  bool printable = true;
  for (char c : name) printable = printable && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  if (name.empty() || name.size() > 64 || !printable) {
    return base::Status::InvalidArgument(
        "bad_name", "a staff name is 1 to 64 bytes without control characters");
  }
  GB_RETURN_IF_ERROR(pin::CheckPin(pin));
  GB_ASSIGN_OR_RETURN(std::vector<ledger::StaffRow> rows, ledger_->ListStaff());
  for (const ledger::StaffRow& r : rows) {
    if (r.name == name) {
      return base::Status::AlreadyExists("staff_exists",
                                         "a staff member named '" + name + "' exists");
    }
  }
  // The pad signs in by PIN alone, so two members cannot share one.
  if (Match(rows, pin)) {
    return base::Status::AlreadyExists("pin_in_use",
                                       "another staff member has this PIN; choose another");
  }
  GB_ASSIGN_OR_RETURN(std::string hash, pin::HashPin(pin, options_.pin_kdf));
  return ledger_->AddStaff({name, std::string(RoleName(role)), hash, now});
}

base::Status StaffDirectory::Remove(const std::string& name) { return ledger_->RemoveStaff(name); }

base::Result<std::vector<StaffMember>> StaffDirectory::List() {
  GB_ASSIGN_OR_RETURN(std::vector<ledger::StaffRow> rows, ledger_->ListStaff());
  std::vector<StaffMember> out;
  for (const ledger::StaffRow& r : rows) {
    GB_ASSIGN_OR_RETURN(Role role, ParseRole(r.role));
    out.push_back({r.name, role, r.created_at});
  }
  return out;
}

base::Result<SignIn> StaffDirectory::SignInWithPin(std::string_view pin, int64_t now) {
  SignIn out;
  const pin::LockoutPolicy policy = options_.lockout;
  auto locked_out = [&out](const pin::PinGuard& g) {
    out.refusal = "locked_out";
    out.locked_until = g.locked_until;
    return out;
  };
  GB_ASSIGN_OR_RETURN(pin::PinGuard guard, ledger_->GetPinGuard());
  // This lock-out's checks are used up: nothing is hashed or counted.
  if (!pin::MayCheckPin(guard, now, policy)) return locked_out(guard);
  GB_ASSIGN_OR_RETURN(std::vector<ledger::StaffRow> rows, ledger_->ListStaff());
  if (rows.empty()) {
    if (pin::IsLockedOut(guard, now)) return locked_out(guard);
    out.refusal = "no_staff";
    return out;
  }
  const std::optional<size_t> found = Match(rows, pin);
  pin::PinMatch match = pin::PinMatch::kNone;
  std::optional<StaffMember> member;
  if (found) {
    GB_ASSIGN_OR_RETURN(Role role, ParseRole(rows[*found].role));
    match = role == Role::kManager ? pin::PinMatch::kManager : pin::PinMatch::kStaff;
    member = StaffMember{rows[*found].name, role, rows[*found].created_at};
  }
  // Decided in one transaction on the stored guard (not on the one read
  // before hashing), so no wrong attempt is lost and a lock-out another pad
  // set meanwhile holds.
  pin::PadVerdict verdict;
  GB_ASSIGN_OR_RETURN(pin::PinGuard after, ledger_->UpdatePinGuard([&](const pin::PinGuard& g) {
    verdict = pin::Decide(g, match, now, policy);
    return verdict.guard;
  }));
  if (verdict.admitted) {
    out.member = std::move(member);
    out.cleared_lockout = verdict.cleared;
    return out;
  }
  if (pin::IsLockedOut(after, now)) return locked_out(after);
  out.refusal = "wrong_pin";
  out.attempts_left = pin::AttemptsLeft(after, policy);
  return out;
}

}  // namespace gb::staff
