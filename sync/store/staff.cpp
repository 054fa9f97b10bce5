// Staff set at the store. The store never sees a PIN: the hash is made by the
// tool the PIN was typed into, and the store only checks its shape so a typo
// in a script cannot hand every kiosk an unusable row.
#include <string_view>

#include "core/base/text.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

base::Status CheckMember(StaffRecord& m) {
  // Valid UTF-8 too: the name is sent to every kiosk in GET /v1/state.
  if (base::Status s = base::CheckText("the staff name", m.name, {.max_bytes = 64}); !s.ok()) {
    return base::Status::InvalidArgument(
        "bad_name", s.message() + " (a staff name is 1 to 64 bytes of UTF-8 text)");
  }
  auto role = ParseStaffRole(m.role);
  if (!role.ok()) return role.status();
  m.role = *role;
  // core/pin/pin_hash.h's text: scrypt for new PINs, PBKDF2 for PINs set
  // before (still accepted, so an upgraded store keeps its staff). Kiosks
  // verify the rest (a bad one never matches).
  constexpr std::string_view kSchemes[] = {"scrypt$", "pbkdf2-sha256$"};
  bool known = false;
  for (std::string_view scheme : kSchemes) known = known || m.pin_hash.rfind(scheme, 0) == 0;
  if (!known || m.pin_hash.size() > 256) {
    return base::Status::InvalidArgument(
        "bad_pin_hash", "a PIN hash is a \"scrypt$...\" (or older \"pbkdf2-sha256$...\") text");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<std::string> ParseStaffRole(std::string_view role) {
  if (role == kCashier || role == "staff") return std::string(kCashier);
  if (role == kManager) return std::string(kManager);
  return base::Status::InvalidArgument(
      "bad_role", "a role is 'cashier' or 'manager', not '" + std::string(role) + "'");
}

base::Status StoreDb::AddStaff(const StaffRecord& member) {
  StaffRecord m = member;
  GB_RETURN_IF_ERROR(CheckMember(m));
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT 1 FROM staff WHERE name=? AND removed_at IS NULL"));
    q->Bind(1, m.name);
    GB_ASSIGN_OR_RETURN(bool exists, q->Step());
    if (exists) {
      return base::Status::AlreadyExists("staff_exists",
                                         "a staff member named '" + m.name + "' exists");
    }
  }
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  // A removed member's row is reused: the name is the key kiosks apply by.
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef ins,
      sql_.Get("INSERT INTO staff(name, role, pin_hash, created_at, removed_at, rev)"
               " VALUES(?,?,?,?,NULL,?) ON CONFLICT(name) DO UPDATE SET role=excluded.role,"
               " pin_hash=excluded.pin_hash, created_at=excluded.created_at, removed_at=NULL,"
               " rev=excluded.rev"));
  GB_RETURN_IF_ERROR(ins->Bind(1, m.name)
                         .Bind(2, m.role)
                         .Bind(3, m.pin_hash)
                         .Bind(4, m.created_at)
                         .Bind(5, rev + 1)
                         .Run());
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  return tx.Commit();
}

base::Status StoreDb::RemoveStaff(const std::string& name, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                      sql_.Get("UPDATE staff SET removed_at=?, pin_hash='', rev=?"
                               " WHERE name=? AND removed_at IS NULL"));
  GB_RETURN_IF_ERROR(up->Bind(1, now).Bind(2, rev + 1).Bind(3, name).Run());
  if (db_->Changes() == 0) {
    return base::Status::NotFound("staff_unknown", "there is no staff member named '" + name + "'");
  }
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  return tx.Commit();
}

base::Result<std::vector<StaffRecord>> StoreDb::ListStaff() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT name, role, pin_hash, created_at, removed_at, rev"
                               " FROM staff WHERE removed_at IS NULL ORDER BY name"));
  std::vector<StaffRecord> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Int(3), std::nullopt, st->Int(5)});
  }
  return out;
}

base::Result<std::optional<StaffRecord>> StoreDb::FindStaff(const std::string& name) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT name, role, pin_hash, created_at, rev"
                               " FROM staff WHERE name=? AND removed_at IS NULL"));
  st->Bind(1, name);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<StaffRecord>();
  return std::optional<StaffRecord>(
      StaffRecord{st->Text(0), st->Text(1), st->Text(2), st->Int(3), std::nullopt, st->Int(4)});
}

base::Result<std::vector<StaffRecord>> StoreDb::StaffChangedSince(int64_t since) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT name, role, pin_hash, created_at, removed_at, rev"
                               " FROM staff WHERE rev > ? ORDER BY name"));
  st->Bind(1, since);
  std::vector<StaffRecord> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    StaffRecord r{st->Text(0), st->Text(1), st->Text(2), st->Int(3), std::nullopt, st->Int(5)};
    if (!st->IsNull(4)) r.removed_at = st->Int(4);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace gb::store
