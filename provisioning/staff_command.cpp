// groupbuy-provision staff add | remove | list: who may enter staff mode.
//
// A PIN never appears on the command line (other users can read argv in
// /proc): `add` reads it from --pin-file (mode 0600) or from the first line
// of standard input. `list` prints names and roles, never hashes.
#include <ctime>
#include <iostream>

#include "kiosk/base/file_util.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/staff/staff_directory.h"
#include "provisioning/command.h"

namespace gb::provisioning {
namespace {

struct StaffArgs {
  std::string dir;
  std::string name;
  std::string role = "staff";
  std::string pin_file;
};

// The ledger of the kiosk in `dir`, opened without its signing key: staff
// changes never issue vouchers.
base::Result<ledger::Ledger> OpenLedger(const std::string& dir) {
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(dir));
  GB_ASSIGN_OR_RETURN(ledger::Identity id, k.LoadIdentity());
  return ledger::Ledger::Open(k.ledger_path(), id.WithoutKey());
}

// The PIN's line without its line ending; anything after the first line is ignored.
std::string FirstLine(std::string text) {
  size_t end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  return text;
}

base::Result<std::string> ReadPin(const StaffArgs& a) {
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

base::Status Add(const StaffArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(staff::Role role, staff::ParseRole(a.role));
  GB_ASSIGN_OR_RETURN(std::string pin, ReadPin(a));
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, OpenLedger(a.dir));
  staff::StaffDirectory d(l);
  GB_RETURN_IF_ERROR(d.Add(a.name, role, pin, static_cast<int64_t>(std::time(nullptr))));
  out << "added " << staff::RoleName(role) << " '" << a.name << "'\n";
  return base::Status::Ok();
}

base::Status Remove(const StaffArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, OpenLedger(a.dir));
  GB_RETURN_IF_ERROR(staff::StaffDirectory(l).Remove(a.name));
  out << "removed '" << a.name << "'\n";
  return base::Status::Ok();
}

base::Status List(const StaffArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, OpenLedger(a.dir));
  GB_ASSIGN_OR_RETURN(std::vector<staff::StaffMember> all, staff::StaffDirectory(l).List());
  if (all.empty()) out << "no staff yet; add one with: groupbuy-provision staff add\n";
  for (const staff::StaffMember& m : all) {
    std::time_t t = static_cast<std::time_t>(m.created_at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d", &tm);
    out << m.name << "\t" << staff::RoleName(m.role) << "\tadded " << when << "\n";
  }
  return base::Status::Ok();
}

}  // namespace

void RegisterStaff(CLI::App& app, Action& action) {
  auto* staff = app.add_subcommand("staff", "Staff members and their PINs");
  staff->require_subcommand(1);

  auto* add = staff->add_subcommand("add", "Add a staff member; the PIN is read from stdin");
  auto aa = std::make_shared<StaffArgs>();
  add->add_option("--dir", aa->dir, "The kiosk's folder (KDIR)")->required();
  add->add_option("--name", aa->name, "The name staff mode greets")->required();
  add->add_option("--role", aa->role, "staff (default) or manager");
  add->add_option("--pin-file", aa->pin_file,
                  "A file (mode 0600) whose first line is the PIN (4 to 8 digits)");
  add->callback([&action, aa] { action = [aa](std::ostream& out) { return Add(*aa, out); }; });

  auto* remove = staff->add_subcommand("remove", "Remove a staff member");
  auto ra = std::make_shared<StaffArgs>();
  remove->add_option("--dir", ra->dir, "The kiosk's folder (KDIR)")->required();
  remove->add_option("--name", ra->name, "Who to remove")->required();
  remove->callback(
      [&action, ra] { action = [ra](std::ostream& out) { return Remove(*ra, out); }; });

  auto* list = staff->add_subcommand("list", "List staff members (names and roles)");
  auto la = std::make_shared<StaffArgs>();
  list->add_option("--dir", la->dir, "The kiosk's folder (KDIR)")->required();
  list->callback([&action, la] { action = [la](std::ostream& out) { return List(*la, out); }; });
}

}  // namespace gb::provisioning
