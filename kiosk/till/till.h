// Till: what staff mode does with a voucher, behind one interface, so the
// screens do not care who decides. Today the kiosk decides from its own ledger
// (LocalTill); later the store server can be the authority for vouchers of
// every kiosk, behind the same calls.
//
// Every call takes the code as scanned or typed: GB1 text from the QR, or a
// short code ("7-1000-59198", spaces allowed). A code that is not a genuine,
// known voucher is not an error: Look and Redeem answer it with a verdict
// (FORGED, UNKNOWN_KEY, NOT_FOUND); the other calls refuse it with the
// verdict's name in lower case as the reason ("forged", "unknown_key",
// "not_found"). Errors are for a refusal by the rules (the ledger's reasons:
// "deposit_already_paid", "after_stop", ...) and for storage failures.
//
// Thread-safety: an implementation is used by one thread (the app's).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "kiosk/ledger/till_records.h"
#include "kiosk/till/verdict.h"

namespace gb::till {

// What the till shows after a scan: the redeem verdict, and what the other
// staff actions would do to this voucher now.
struct PledgeView {
  Verdict verdict;     // what Redeem would answer now
  bool found = false;  // a genuine voucher of this kiosk: the fields below are set
  rules::PledgeRecord pledge;
  rules::PledgeState effective = rules::PledgeState::kActive;
  rules::DealState deal_state = rules::DealState::kOpen;
  rules::Tally tally;
  int64_t position = 0;         // "you are #7", as printed
  int64_t deposit_to_take = 0;  // > 0: TakeDeposit would take this now
  int64_t refund_to_give = 0;   // > 0: GiveRefund would give this back now
  bool can_cancel = false;      // Cancel would succeed now
};

class Till {
 public:
  virtual ~Till() = default;

  // Reads, changes nothing.
  virtual base::Result<PledgeView> Look(std::string_view code, int64_t now) = 0;
  // Redeems the voucher when its verdict is VALID (then redeemed_now is true
  // and a redemption slip is queued); any other verdict changes nothing. Two
  // tills redeeming the same voucher at once: one gets VALID, the other
  // ALREADY_REDEEMED with the first one's time and place.
  virtual base::Result<Verdict> Redeem(std::string_view code, int64_t now) = 0;
  // The deposit was paid at this till; a deposit receipt is queued.
  virtual base::Result<ledger::TillReceipt> TakeDeposit(std::string_view code, int64_t now) = 0;
  // The deposit of a cancelled pledge or failed deal was given back; a refund slip is queued.
  virtual base::Result<ledger::TillReceipt> GiveRefund(std::string_view code, int64_t now) = 0;
  // The shopper cancels (before the stop); a cancellation slip in `lang`
  // ("" = the shopper's language at sign-up) is queued.
  virtual base::Result<ledger::TillReceipt> Cancel(std::string_view code, int64_t now,
                                                   const std::string& lang) = 0;
  // Staff stop sign-ups for a deal now.
  virtual base::Status StopSignUps(uint32_t deal_id, int64_t now) = 0;
  // Sign-ups and redemptions of the deal today (the store's local day of `now`).
  virtual base::Result<ledger::DealActivity> Today(uint32_t deal_id, int64_t now) = 0;
  // A staff member's PIN was right on this kiosk's pad: a till that asks a
  // store signs them in there too, so the store knows who moves money
  // (docs/sync-protocol.md "Staff sessions"). Failing that (offline), the
  // till goes on as before. The PIN is not kept. The default does nothing.
  virtual void StaffSignedIn(const std::string& name, std::string_view pin) {
    (void)name;
    (void)pin;
  }
};

// [start, end) of the store's local day that contains `now`, in Unix seconds.
struct DayRange {
  int64_t start = 0;
  int64_t end = 0;
};
DayRange LocalDay(int64_t now, int utc_offset_minutes);

}  // namespace gb::till
