// The shape every groupbuy-provision subcommand takes.
//
// A command module registers its CLI11 subcommand(s) on the parent app and,
// when one is chosen, stores the work to do in `action`. main() parses, then
// runs the action; the action returns a Status, prints results to `out`, and
// never throws. Exit codes: 0 ok, 1 the command failed (message on stderr),
// 2 the command line was wrong (CLI11's message).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>

#include "core/base/result.h"
#include "core/base/text.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {

using Action = std::function<base::Status(std::ostream& out)>;

// A check for an option that takes a name or a title: valid UTF-8 without
// control characters, 1 to max_bytes bytes (base::CheckText). The usage
// error names `field` and never repeats the value (exit 2).
inline CLI::Validator TextArg(std::string field, size_t max_bytes = 64) {
  return CLI::Validator(
      [field, max_bytes](std::string& v) -> std::string {
        base::Status s = base::CheckText(field, v, {.max_bytes = max_bytes});
        return s.ok() ? std::string() : s.message();
      },
      "TEXT");
}

// keygen --out DIR
void RegisterKeygen(CLI::App& app, Action& action);
// voucher issue | verify | inspect
void RegisterVoucher(CLI::App& app, Action& action);
// printer list | status | test
void RegisterPrinter(CLI::App& app, Action& action);
// init-kiosk, catalog import
void RegisterKiosk(CLI::App& app, Action& action);
void RegisterStaff(CLI::App& app, Action& action);  // staff add | remove | list
// init-store, add-kiosk
void RegisterStore(CLI::App& app, Action& action);
// init-hq, link-store (hq_command.cpp): a head office and its stores.
void RegisterHq(CLI::App& app, Action& action);
// enroll-code, revoke, reinstate (enroll_code_command.cpp): the store's side.
void RegisterEnrollCode(CLI::App& app, Action& action);
// enroll (enroll_command.cpp): a new kiosk enrols itself over the network.
void RegisterEnroll(CLI::App& app, Action& action);
// rotate-key (rotate_command.cpp): a kiosk's new signing key, same id.
void RegisterRotate(CLI::App& app, Action& action);
// deal stop (deal_command.cpp): a store's or head office's deal, stopped now.
void RegisterDeal(CLI::App& app, Action& action);
// purge (purge_command.cpp): personal data of ended deals, on a kiosk or a store.
void RegisterPurge(CLI::App& app, Action& action);
// backup, restore (backup_command.cpp): a store's database and keys, while it runs.
void RegisterBackup(CLI::App& app, Action& action);
// Where kiosks reach the store: `address` (HOST:PORT), else the listen
// address when it names one host and a fixed port; "no_address" otherwise.
base::Result<store::HostPort> KioskAddress(const std::string& address, const store::StoreDir& s);
// catalog import when --dir is a store's folder (store_command.cpp).
base::Status ImportStoreCatalog(const std::string& dir, const std::string& file, int64_t now,
                                std::ostream& out);

}  // namespace gb::provisioning
