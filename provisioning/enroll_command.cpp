// groupbuy-provision enroll: a new kiosk enrols itself in a store with a
// one-time code from `enroll-code` (docs/operations.md "Enrolling a kiosk
// with a code").
//
// A thin wrapper of link::EnrollKiosk (kiosk/link/enroll_kiosk.h),
// which groupbuy-kiosk's enrolment screen shares: the command line, the code
// from stdin with `--code -`, and the summary printed on success.
#include <ctime>
#include <iostream>

#include "kiosk/config/kiosk_dir.h"
#include "kiosk/link/enroll_kiosk.h"
#include "provisioning/command.h"

namespace gb::provisioning {
namespace {

struct EnrollArgs {
  std::string kiosk_dir;
  std::string code;
  std::string name;
  config::InitOptions options;
};

// "-" reads the code from the first line of standard input, which other
// users cannot see in /proc as they can the command line.
base::Result<std::string> CodeText(const std::string& arg) {
  if (arg != "-") return arg;
  std::string line;
  if (!std::getline(std::cin, line)) {
    return base::Status::InvalidArgument(
        "bad_enroll_code", "--code - reads the code from standard input, which was empty");
  }
  return line;
}

base::Status Enroll(const EnrollArgs& a, std::ostream& out) {
  link::EnrollKioskRequest request;
  request.kiosk_dir = a.kiosk_dir;
  GB_ASSIGN_OR_RETURN(request.code_text, CodeText(a.code));
  request.name = a.name;
  request.options = a.options;
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  GB_ASSIGN_OR_RETURN(link::EnrolledKiosk k, link::EnrollKiosk(request, now));
  out << "kiosk " << k.kiosk_id << " enrolled in \"" << k.store_name << "\" with key id "
      << k.key_id << "; it syncs with " << k.host << ":" << k.port << "\n"
      << "imported " << k.deals << " deal" << (k.deals == 1 ? "" : "s") << " (store revision "
      << k.revision << ") into " << k.ledger_path << "\n";
  return base::Status::Ok();
}

}  // namespace

void RegisterEnroll(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("enroll", "Enrol a new kiosk in a store with a one-time code");
  auto a = std::make_shared<EnrollArgs>();
  cmd->add_option("--kiosk-dir", a->kiosk_dir, "The new kiosk's folder (KDIR), empty or absent")
      ->required();
  cmd->add_option("--code", a->code,
                  "The GBE1:... code from enroll-code, or - to read it from stdin")
      ->required();
  cmd->add_option("--name", a->name, "A name for staff, e.g. \"by the door\" (optional)")
      ->check(TextArg("the kiosk name"));
  cmd->add_option("--country", a->options.country, "ISO country for phone numbers (default DE)");
  cmd->add_option("--utc-offset", a->options.utc_offset_minutes,
                  "The store's time zone in minutes east of UTC (default 0)");
  cmd->add_option("--printer", a->options.printer, "Printer spec (default png:KDIR/printer)");
  cmd->callback([&action, a] { action = [a](std::ostream& out) { return Enroll(*a, out); }; });
}

}  // namespace gb::provisioning
