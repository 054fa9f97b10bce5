// The kiosk app's seams: what the shopper state machine needs from the
// ledger and the printer, as small interfaces. kiosk/shell implements them
// over kiosk/ledger's Ledger and kiosk/printing's PrintQueue; tests use the
// in-memory fakes of tests/kiosk/app. No SQLite, SDL or threads here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"

namespace gb::app {

// A deal as the shopper sees it: its terms, its state and its tally.
struct DealInfo {
  rules::Deal deal;
  rules::DealState state = rules::DealState::kDraft;
  rules::Tally tally;
  // This kiosk's share of a capped deal's places is used up, expired or
  // never came (rules::CheckLease), though the store may still have some:
  // "sold out here for now". Always false for a standalone kiosk.
  bool sold_out_here = false;
  bool operator==(const DealInfo&) const = default;
};

struct JoinRequest {
  uint32_t deal_id = 0;
  std::string phone_e164;           // normalised; personal data, never logged
  std::optional<std::string> name;  // personal data, never logged
  int64_t now = 0;                  // Unix seconds
  std::string lang = "en";          // for the receipt
};

// What a successful sign-up gives the shopper.
struct JoinTicket {
  int64_t pledge_id = 0;
  int64_t position = 0;  // "you are #7"
  rules::Tally tally;    // after this sign-up
  std::string voucher_text;
  std::string short_code;
  int64_t price_minor = 0;
  int64_t deposit_due = 0;
  // deposit_due > 0: the place counts once it is paid by then (Unix seconds;
  // the app sets it from the deal's terms and the time it joined, as the
  // voucher receipt prints it).
  int64_t deposit_by = 0;
  int64_t print_job_id = 0;
};

// The ledger as the shopper flow uses it.
class DealDesk {
 public:
  virtual ~DealDesk() = default;
  // Deals a shopper may see (not drafts), state advanced to `now`.
  virtual base::Result<std::vector<DealInfo>> ListDeals(int64_t now) = 0;
  // Records the sign-up and queues its voucher for printing, atomically.
  // Fails with the rule's reason ("sold_out", "shopper_limit", "after_stop",
  // "not_open", "deadline_passed"), "deal_unknown", or a storage reason.
  virtual base::Result<JoinTicket> Join(const JoinRequest& request) = 0;
};

// The store's word on a shopper before a sign-up (POST /v1/shopper-check):
// the seats the phone holds in the deal over every kiosk of the store.
struct ShopperVerdict {
  bool answered = false;  // false: the store could not be asked (offline, timeout, refused)
  bool allowed = true;    // meaningful only when answered
  int64_t joined = 0;
  int64_t limit = 0;
};

// Asks the store, within a short timeout; never blocks longer. A kiosk
// without a store, or one the store cannot hear now, answers
// {answered=false}: the sign-up then counts only what this kiosk knows.
class ShopperLimitCheck {
 public:
  virtual ~ShopperLimitCheck() = default;
  virtual ShopperVerdict Ask(uint32_t deal_id, std::string_view phone_e164) = 0;
};

enum class JobState { kWaiting, kPrinting, kDone, kHeld };

// One print job and the printer, as the printing screen shows them.
struct PrintStatus {
  JobState job = JobState::kWaiting;
  bool printer_ready = true;
  std::string reason;  // when not ready or held: "paper_out", "cover_open", "offline", ...
  bool operator==(const PrintStatus&) const = default;
};

// The printer and its queue as staff see them (the Printer tab, the alert).
struct PrinterState {
  bool ready = true;
  std::string reason;  // when not ready: "paper_out", "cover_open", "offline", ...
  int waiting = 0;     // jobs queued or printing
  int held = 0;        // jobs held (they print when the printer is back; "stale" ones on reprint)
  // When not ready: the driver's own words ("open /dev/usb/lp0: Permission
  // denied", "paper end; cover open"), for staff on the Printer tab only.
  std::string detail = "";
  bool operator==(const PrinterState&) const = default;
};

// The print queue as the shopper flow and staff's Printer tab use it.
// Never blocks on the printer: the queue's worker prints.
class PrintDesk {
 public:
  virtual ~PrintDesk() = default;
  virtual PrintStatus Status(int64_t job_id) = 0;
  // A job was queued: print it now rather than at the next poll.
  virtual void Wake() = 0;
  virtual PrinterState Printer() = 0;
  // The voucher of this held job was shown on screen (QR and short code):
  // the paper copy that prints when the printer is back says REPRINT.
  // Does nothing to a job that is printing or done.
  virtual void ShownOnScreen(int64_t job_id) = 0;

  // Staff's Printer tab. Each queues one job and returns its id; errors are
  // storage failures, and for Reprint "not_found" (no voucher of this kiosk
  // has this text or short code) or the short code's typo reasons
  // ("bad_short_code", "short_code_check").
  virtual base::Result<int64_t> PrintTestPage(int64_t now) = 0;
  // A copy of the voucher, marked REPRINT, in the shopper's language.
  virtual base::Result<int64_t> Reprint(std::string_view code, int64_t now) = 0;
  // The deal's shelf card (its QR opens the deal on any kiosk) in `lang`;
  // "deal_ended" (FailedPrecondition) for a deal that takes no sign-ups any
  // more (stopped, closed, failed: app::Ended).
  virtual base::Result<int64_t> PrintShelfCard(uint32_t deal_id, const std::string& lang,
                                               int64_t now) = 0;
};

}  // namespace gb::app
