// groupbuy-provision deal pause | resume: the same, until resumed.
// groupbuy-provision deal stop: stops a deal's sign-ups now, for good, on a
// store's or a head office's folder (SDIR or HDIR), as POST /v1/deals/stop
// does over the network. At a head office the stop reaches every linked
// store and their kiosks; at a store, its kiosks. docs/operations.md, "Head
// office", says what happens to the deal.
#include <ctime>
#include <memory>

#include "provisioning/command.h"
#include "sync/store/store_db.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

struct StopArgs {
  std::string dir;
  uint32_t deal_id = 0;
};

base::Status Stop(const StopArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  GB_ASSIGN_OR_RETURN(bool hq, db->IsHeadOffice());
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  GB_ASSIGN_OR_RETURN(store::DealStop stop, db->StopDeal(a.deal_id, now));
  out << "deal " << stop.deal_id << ": sign-ups stopped at " << stop.stopped_at << " (state "
      << stop.state << ", revision " << stop.revision << ")\n"
      << (hq ? "every linked store and its kiosks take the stop at their next sync\n"
             : "the store's kiosks take the stop at their next sync\n");
  return base::Status::Ok();
}

base::Status Pause(const StopArgs& a, bool paused, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  GB_ASSIGN_OR_RETURN(bool hq, db->IsHeadOffice());
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  GB_ASSIGN_OR_RETURN(store::DealPause p, db->PauseDeal(a.deal_id, paused, now));
  if (!p.changed) {
    out << "deal " << p.deal_id << ": sign-ups were already " << (paused ? "paused" : "running")
        << "; nothing changed\n";
    return base::Status::Ok();
  }
  out << "deal " << p.deal_id << ": sign-ups " << (paused ? "paused" : "resumed") << " (revision "
      << p.revision << ")\n"
      << (hq ? "every linked store and its kiosks take it at their next sync\n"
             : "the store's kiosks take it at their next sync\n");
  return base::Status::Ok();
}

}  // namespace

void RegisterDeal(CLI::App& app, Action& action) {
  auto* deal = app.add_subcommand("deal", "Control a deal of a store or head office");
  deal->require_subcommand(1);
  auto* stop = deal->add_subcommand(
      "stop", "Stop a deal's sign-ups now, for good (at a head office: chain-wide)");
  auto a = std::make_shared<StopArgs>();
  stop->add_option("--dir", a->dir, "The store's or head office's folder (SDIR or HDIR)")
      ->required();
  stop->add_option("--deal", a->deal_id, "The deal's id")
      ->required()
      ->check(CLI::Range(uint32_t{1}, uint32_t{0xFFFFFFFF}));
  stop->callback([&action, a] { action = [a](std::ostream& out) { return Stop(*a, out); }; });
  for (bool paused : {true, false}) {
    auto* cmd = deal->add_subcommand(
        paused ? "pause" : "resume",
        paused ? "Pause a deal's sign-ups until resumed (at a head office: chain-wide)"
               : "Resume a paused deal's sign-ups");
    auto args = std::make_shared<StopArgs>();
    cmd->add_option("--dir", args->dir, "The store's or head office's folder (SDIR or HDIR)")
        ->required();
    cmd->add_option("--deal", args->deal_id, "The deal's id")
        ->required()
        ->check(CLI::Range(uint32_t{1}, uint32_t{0xFFFFFFFF}));
    cmd->callback([&action, args, paused] {
      action = [args, paused](std::ostream& out) { return Pause(*args, paused, out); };
    });
  }
}

}  // namespace gb::provisioning
