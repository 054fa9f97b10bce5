// groupbuy-provision init-kiosk | catalog import: a standalone kiosk's set-up.
#include <ctime>

#include "kiosk/config/catalog.h"
#include "kiosk/config/kiosk_dir.h"
#include "provisioning/command.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

struct InitArgs {
  std::string dir;
  config::InitOptions options;
};

struct ImportArgs {
  std::string dir;
  std::string file;
  int64_t now = -1;  // for tests: the import time relative times count from
};

base::Status InitKiosk(const InitArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Init(a.dir, a.options));
  GB_ASSIGN_OR_RETURN(ledger::Identity id, k.LoadIdentity());
  // Creating the ledger now means a kiosk folder is complete from the start.
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, ledger::Ledger::Open(k.ledger_path(), std::move(id)));
  out << "kiosk " << k.settings().kiosk_id << " for \"" << k.settings().store_name
      << "\" set up in " << a.dir << " (printer " << k.settings().printer << ")\n";
  return base::Status::Ok();
}

base::Status ImportCatalog(const ImportArgs& a, std::ostream& out) {
  const int64_t now = a.now >= 0 ? a.now : static_cast<int64_t>(std::time(nullptr));
  if (store::StoreDir::IsStoreDir(a.dir)) return ImportStoreCatalog(a.dir, a.file, now, out);
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::vector<rules::Deal> deals, config::ReadCatalogFile(a.file, now));
  GB_ASSIGN_OR_RETURN(ledger::Identity id, k.LoadIdentity());
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, ledger::Ledger::Open(k.ledger_path(), id.WithoutKey()));
  GB_RETURN_IF_ERROR(l.PutDeals(deals, rules::DealState::kOpen, now));
  out << "imported " << deals.size() << " deal" << (deals.size() == 1 ? "" : "s") << " from "
      << a.file << "\n";
  for (const rules::Deal& d : deals) {
    auto title = d.title.contains("en") ? d.title.at("en") : d.title.begin()->second;
    out << "  " << d.id << "  " << title << "\n";
  }
  return base::Status::Ok();
}

}  // namespace

void RegisterKiosk(CLI::App& app, Action& action) {
  auto* init = app.add_subcommand("init-kiosk", "Set up a standalone kiosk: identity and keys");
  auto ia = std::make_shared<InitArgs>();
  init->add_option("--dir", ia->dir, "The kiosk's folder (KDIR)")->required();
  init->add_option("--store-name", ia->options.store_name, "Printed on every receipt")
      ->required()
      ->check(TextArg("the store name", 120));
  init->add_option("--country", ia->options.country, "ISO country for phone numbers (default DE)");
  init->add_option("--utc-offset", ia->options.utc_offset_minutes,
                   "The store's time zone in minutes east of UTC (default 0)");
  init->add_option("--printer", ia->options.printer, "Printer spec (default png:KDIR/printer)");
  init->callback([&action, ia] {
    action = [ia](std::ostream& out) { return InitKiosk(*ia, out); };
  });

  auto* catalog = app.add_subcommand("catalog", "Deals: import a catalog");
  catalog->require_subcommand(1);
  auto* import = catalog->add_subcommand("import", "Check and store a catalog, all or nothing");
  auto im = std::make_shared<ImportArgs>();
  import->add_option("--dir", im->dir, "The kiosk's or store's folder (KDIR or SDIR)")->required();
  import->add_option("file", im->file, "FILE.json or FILE.csv (docs/examples/)")->required();
  import->add_option("--now", im->now, "Import time in Unix seconds (for relative times)");
  import->callback([&action, im] {
    action = [im](std::ostream& out) { return ImportCatalog(*im, out); };
  });
}

}  // namespace gb::provisioning
