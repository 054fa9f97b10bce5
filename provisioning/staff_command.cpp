// groupbuy-provision staff add | remove | list: who may enter staff mode.
//
// --dir is a kiosk's folder (KDIR: that kiosk only) or a store's (SDIR,
// told apart by its store.json: every kiosk of the store, by sync).
// A PIN never appears on the command line (other users can read argv in
// /proc): `add` reads it from --pin-file (mode 0600) or from the first line
// of standard input (also spelt --pin -). A new PIN is 6 to 12 digits
// (kiosk/staff's CheckPin); PINs stored before with 4 or 5 digits keep
// working. Only its salted scrypt hash is stored.
// `list` prints names and roles, never hashes.
#include <ctime>
#include <iostream>
#include <memory>

#include "core/base/file_util.h"
#include "core/base/utc_time.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/staff/staff_directory.h"
#include "provisioning/command.h"
#include "sync/store/store_db.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

struct StaffArgs {
  std::string dir;
  std::string name;
  std::string role = "cashier";
  std::string pin_file;
  std::string pin;  // only "-": standard input
};

// The role as operators read it (a kiosk's ledger still says "staff").
std::string_view ShownRole(staff::Role role) {
  return role == staff::Role::kManager ? store::kManager : store::kCashier;
}

base::Result<std::unique_ptr<store::StoreDb>> OpenStore(const std::string& dir) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(dir));
  return store::StoreDb::Open(s.db_path());
}

// The ledger of the kiosk in `dir`, opened without its signing key: staff
// changes never issue vouchers.
base::Result<ledger::Ledger> OpenLedger(const std::string& dir) {
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(dir));
  GB_ASSIGN_OR_RETURN(ledger::Identity id, k.LoadIdentity());
  return ledger::Ledger::Open(k.ledger_path(), id.WithoutKey());
}

// The PIN's line without its line ending; anything after the first line is ignored.
std::string Day(int64_t at) { return base::UtcTime(at, "%Y-%m-%d"); }

std::string FirstLine(std::string text) {
  size_t end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  return text;
}

base::Result<std::string> ReadPin(const StaffArgs& a) {
  if (!a.pin.empty() && a.pin != "-") {
    return base::Status::InvalidArgument(
        "bad_pin",
        "a PIN is never given on the command line: use --pin - and write it to "
        "standard input, or --pin-file");
  }
  if (!a.pin.empty() && !a.pin_file.empty()) {
    return base::Status::InvalidArgument("bad_pin", "give --pin - or --pin-file, not both");
  }
  if (!a.pin_file.empty()) {
    GB_RETURN_IF_ERROR(base::CheckSecretMode(a.pin_file));
    GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(a.pin_file));
    return FirstLine(std::move(text));
  }
  std::string line;
  if (!std::getline(std::cin, line)) {
    return base::Status::InvalidArgument(
        "bad_pin", "no PIN given: write it to standard input or use --pin-file");
  }
  return FirstLine(std::move(line));
}

// The store keeps only hashes, so "is this PIN taken?" is a VerifyPin
// against each member's: the pad signs in by PIN alone, at every kiosk.
base::Status AddAtStore(const StaffArgs& a, staff::Role role, const std::string& pin,
                        std::ostream& out) {
  GB_RETURN_IF_ERROR(pin::CheckPin(pin));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, OpenStore(a.dir));
  GB_ASSIGN_OR_RETURN(std::vector<store::StaffRecord> all, db->ListStaff());
  bool taken = false;
  for (const store::StaffRecord& m : all) {
    if (m.name == a.name) {
      return base::Status::AlreadyExists("staff_exists",
                                         "a staff member named '" + a.name + "' exists");
    }
    taken = pin::VerifyPin(pin, m.pin_hash) || taken;  // every hash, no early exit
  }
  if (taken) {
    return base::Status::AlreadyExists("pin_in_use",
                                       "another staff member has this PIN; choose another");
  }
  GB_ASSIGN_OR_RETURN(std::string hash, pin::HashPin(pin));
  const std::string role_name(ShownRole(role));
  store::StaffRecord m{a.name, role_name, hash, static_cast<int64_t>(std::time(nullptr))};
  GB_RETURN_IF_ERROR(db->AddStaff(m));
  out << "added " << role_name << " '" << a.name
      << "' at the store; kiosks get it at their next sync\n";
  return base::Status::Ok();
}

base::Status Add(const StaffArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(staff::Role role, staff::ParseRole(a.role));
  GB_ASSIGN_OR_RETURN(std::string pin, ReadPin(a));
  if (store::StoreDir::IsStoreDir(a.dir)) return AddAtStore(a, role, pin, out);
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, OpenLedger(a.dir));
  staff::StaffDirectory d(l);
  GB_RETURN_IF_ERROR(d.Add(a.name, role, pin, static_cast<int64_t>(std::time(nullptr))));
  out << "added " << ShownRole(role) << " '" << a.name << "'\n";
  return base::Status::Ok();
}

base::Status Remove(const StaffArgs& a, std::ostream& out) {
  if (store::StoreDir::IsStoreDir(a.dir)) {
    GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, OpenStore(a.dir));
    GB_RETURN_IF_ERROR(db->RemoveStaff(a.name, static_cast<int64_t>(std::time(nullptr))));
    out << "removed '" << a.name << "' at the store; kiosks drop it at their next sync\n";
    return base::Status::Ok();
  }
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, OpenLedger(a.dir));
  GB_RETURN_IF_ERROR(staff::StaffDirectory(l).Remove(a.name));
  out << "removed '" << a.name << "'\n";
  return base::Status::Ok();
}

base::Status List(const StaffArgs& a, std::ostream& out) {
  if (store::StoreDir::IsStoreDir(a.dir)) {
    GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, OpenStore(a.dir));
    GB_ASSIGN_OR_RETURN(std::vector<store::StaffRecord> all, db->ListStaff());
    if (all.empty()) {
      out << "no staff at the store yet; add one with: groupbuy-provision staff add\n";
    }
    for (const store::StaffRecord& m : all) {
      out << m.name << "\t" << m.role << "\tadded " << Day(m.created_at) << "\n";
    }
    return base::Status::Ok();
  }
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, OpenLedger(a.dir));
  GB_ASSIGN_OR_RETURN(std::vector<staff::StaffMember> all, staff::StaffDirectory(l).List());
  if (all.empty()) out << "no staff yet; add one with: groupbuy-provision staff add\n";
  for (const staff::StaffMember& m : all) {
    out << m.name << "\t" << ShownRole(m.role) << "\tadded " << Day(m.created_at) << "\n";
  }
  return base::Status::Ok();
}

}  // namespace

void RegisterStaff(CLI::App& app, Action& action) {
  auto* staff = app.add_subcommand("staff", "Staff members and their PINs");
  staff->require_subcommand(1);

  auto* add = staff->add_subcommand(
      "add", "Add a staff member; the PIN (6 to 12 digits) is read from stdin");
  auto aa = std::make_shared<StaffArgs>();
  add->add_option("--dir", aa->dir, "The kiosk's or store's folder (KDIR or SDIR)")->required();
  add->add_option("--name", aa->name, "The name staff mode greets")
      ->required()
      ->check(TextArg("the staff name"));
  add->add_option("--role", aa->role,
                  "cashier (default: redeems, takes deposits) or manager (also refunds, stops "
                  "and pauses deals, clears a lock-out); 'staff' is read as cashier");
  add->add_option("--pin-file", aa->pin_file,
                  "A file (mode 0600) whose first line is the PIN (6 to 12 digits)");
  // A usage error that never repeats the value: it may be someone's PIN.
  add->add_option("--pin", aa->pin, "Only '-': the PIN is the first line of standard input")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return v == "-" ? ""
                            : "a PIN is never given on the command line; use --pin - "
                              "and write it to standard input, or --pin-file";
          },
          "-"));
  add->callback([&action, aa] { action = [aa](std::ostream& out) { return Add(*aa, out); }; });

  auto* remove = staff->add_subcommand("remove", "Remove a staff member");
  auto ra = std::make_shared<StaffArgs>();
  remove->add_option("--dir", ra->dir, "The kiosk's or store's folder (KDIR or SDIR)")->required();
  remove->add_option("--name", ra->name, "Who to remove")
      ->required()
      ->check(TextArg("the staff name"));
  remove->callback(
      [&action, ra] { action = [ra](std::ostream& out) { return Remove(*ra, out); }; });

  auto* list = staff->add_subcommand("list", "List staff members (names and roles)");
  auto la = std::make_shared<StaffArgs>();
  list->add_option("--dir", la->dir, "The kiosk's or store's folder (KDIR or SDIR)")->required();
  list->callback([&action, la] { action = [la](std::ostream& out) { return List(*la, out); }; });
}

}  // namespace gb::provisioning
