// Staff members and the PIN lock-out, as rows. What a PIN hash is and when a
// kiosk locks is kiosk/staff's business; here they are only kept.
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {

base::Status Ledger::AddStaff(const StaffRow& row) {
  if (row.role != "staff" && row.role != "manager") {
    return base::Status::InvalidArgument("bad_role", "a role is 'staff' or 'manager'");
  }
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT 1 FROM staff WHERE name=?"));
    st->Bind(1, row.name);
    GB_ASSIGN_OR_RETURN(bool exists, st->Step());
    if (exists) {
      return base::Status::AlreadyExists("staff_exists",
                                         "a staff member named '" + row.name + "' exists");
    }
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("INSERT INTO staff(name, role, pin_hash, created_at) "
                                           "VALUES(?,?,?,?)"));
  GB_RETURN_IF_ERROR(
      st->Bind(1, row.name).Bind(2, row.role).Bind(3, row.pin_hash).Bind(4, row.created_at).Run());
  return tx.Commit();
}

base::Status Ledger::RemoveStaff(const std::string& name) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("DELETE FROM staff WHERE name=?"));
  GB_RETURN_IF_ERROR(st->Bind(1, name).Run());
  if (db_->Changes() == 0) {
    return base::Status::NotFound("staff_unknown", "there is no staff member named '" + name + "'");
  }
  return base::Status::Ok();
}

base::Result<std::vector<StaffRow>> Ledger::ListStaff() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT name, role, pin_hash, created_at FROM staff "
                                           "ORDER BY name"));
  std::vector<StaffRow> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Text(0), st->Text(1), st->Text(2), st->Int(3)});
  }
  return out;
}

base::Result<pin::PinGuard> Ledger::GetPinGuard() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT failed, locked_until FROM pin_guard WHERE id=1"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return base::Status::Corruption("db_corrupt", "the pin_guard row is missing");
  return pin::PinGuard{static_cast<int>(st->Int(0)), st->Int(1)};
}

base::Result<pin::PinGuard> Ledger::UpdatePinGuard(
    const std::function<pin::PinGuard(const pin::PinGuard&)>& update) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(pin::PinGuard before, GetPinGuard());
  const pin::PinGuard after = update(before);
  if (after != before) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE pin_guard SET failed=?, locked_until=? "
                                             "WHERE id=1"));
    GB_RETURN_IF_ERROR(st->Bind(1, int64_t{after.failed}).Bind(2, after.locked_until).Run());
  }
  GB_RETURN_IF_ERROR(tx.Commit());
  return after;
}

}  // namespace gb::ledger
