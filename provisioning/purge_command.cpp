// groupbuy-provision purge: deletes shoppers' personal data of deals that
// ended long enough ago, on a kiosk (KDIR) or a store (SDIR). What is kept
// and for how long: docs/operations.md, "What is kept, where".
#include <ctime>
#include <limits>
#include <memory>

#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/ledger.h"
#include "provisioning/command.h"
#include "sync/client/cursor_file.h"
#include "sync/store/store_db.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

struct PurgeArgs {
  std::string dir;
  int keep_days = 30;
};

base::Status PurgeStore(const PurgeArgs& a, int64_t now, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  GB_ASSIGN_OR_RETURN(store::StoreDb::PurgeCounts c,
                      db->PurgePersonalData(now, int64_t{a.keep_days} * 86400));
  out << "store: " << c.deals << " deal(s) ended " << a.keep_days
      << "+ days ago; phone hashes deleted from " << c.pledges << " pledge(s) and " << c.events
      << " stored event(s)\n";
  return base::Status::Ok();
}

base::Status PurgeKiosk(const PurgeArgs& a, int64_t now, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(a.dir));
  // A standalone kiosk sends nothing, so every outbox event may be scrubbed;
  // a syncing one only those the store has acknowledged.
  int64_t acked = std::numeric_limits<int64_t>::max();
  if (k.settings().server) {
    sync_client::CursorFile cursor(a.dir + "/sync-cursor.json");
    GB_ASSIGN_OR_RETURN(sync_client::SyncCursor c, cursor.Load());
    acked = c.acked_seq;
  }
  GB_ASSIGN_OR_RETURN(ledger::Identity id, k.LoadIdentity());
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, ledger::Ledger::Open(k.ledger_path(), id.WithoutKey()));
  GB_ASSIGN_OR_RETURN(ledger::Ledger::PurgeCounts c,
                      l.PurgePersonalData(now, int64_t{a.keep_days} * 86400, acked));
  out << "kiosk: " << c.deals << " deal(s) ended " << a.keep_days
      << "+ days ago; names and phone hashes deleted from " << c.pledges << " pledge(s) and "
      << c.outbox << " outbox event(s)\n";
  if (c.outbox_unsent > 0) {
    out << "kiosk: " << c.outbox_unsent
        << " outbox event(s) of those deals are not yet acknowledged by the store; they are "
           "scrubbed by a purge after they are\n";
  }
  return base::Status::Ok();
}

}  // namespace

void RegisterPurge(CLI::App& app, Action& action) {
  auto* purge = app.add_subcommand(
      "purge", "Delete shoppers' personal data of deals that ended --keep-days ago or more");
  auto a = std::make_shared<PurgeArgs>();
  purge->add_option("--dir", a->dir, "The kiosk's or store's folder (KDIR or SDIR)")->required();
  purge->add_option("--keep-days", a->keep_days,
                    "Days after a deal's end (the later of its deadline and redeem-by) to keep "
                    "personal data (default 30)")
      ->check(CLI::Range(0, 3650));
  purge->callback([&action, a] {
    action = [a](std::ostream& out) {
      const int64_t now = static_cast<int64_t>(std::time(nullptr));
      return store::StoreDir::IsStoreDir(a->dir) ? PurgeStore(*a, now, out)
                                                 : PurgeKiosk(*a, now, out);
    };
  });
}

}  // namespace gb::provisioning
