// What the till and staff mode read from and write to the ledger: a pledge
// row as the till sees it, the requests and receipts of the till operations
// (Ledger::CancelPledge, PayDeposit, GiveRefund, Redeem), and staff rows.
//
// Pure value types plus one pure function; no SQLite here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/join.h"
#include "core/rules/pledge.h"

namespace gb::ledger {

// One pledge and its voucher, with what happened to it at the till.
struct PledgeRecord {
  int64_t id = 0;
  uint32_t deal_id = 0;
  rules::PledgeState state = rules::PledgeState::kActive;  // as stored
  int64_t joined_at = 0;
  int64_t price_minor = 0;  // the voucher's price: the most the shopper pays
  int64_t deposit_due = 0;
  int64_t deposit_paid = 0;
  std::optional<int64_t> deposit_paid_at;
  std::string deposit_till;  // the till that took it
  std::optional<int64_t> cancelled_at;
  std::optional<int64_t> refunded_at;
  int64_t refund_minor = 0;  // given back
  std::string refund_till;
  std::optional<int64_t> redeemed_at;
  std::string redeemed_place;
  uint32_t key_id = 0;
  uint64_t serial = 0;
  std::string voucher_text;
  std::string short_code;
  std::string lang;      // the shopper's language at sign-up
  int64_t position = 0;  // "you are #7", as printed on the voucher
};

// The state a stored pledge is in at `now`: a reservation past its deposit
// window has lapsed, a live pledge of a failed deal is void, an active pledge
// of an unlocked deal past redeem-by has expired, even before any of that is
// written down. `deal_state` is after rules::Advance.
rules::PledgeState EffectivePledgeState(const PledgeRecord& p, const rules::Deal& deal,
                                        rules::DealState deal_state, int64_t now);

// A till operation on one pledge. `till` names where it happens: the till id
// for deposits and refunds (1..64 bytes, sent to the store server), the place
// for redemptions (1..128 bytes, printed and sent). Cancelling needs none.
// `lang` is the slip's language; empty means the shopper's (PledgeRecord::lang).
// `staff` is the member signed in at the pad (1..64 bytes), sent with the
// deposit, refund and redeem events so the store can say who acted; "" none.
struct TillRequest {
  int64_t pledge_id = 0;
  int64_t now = 0;
  std::string till;
  std::string lang;
  std::string staff = "";
};

// What a till operation did, read inside its own transaction.
struct TillReceipt {
  PledgeRecord pledge;  // after the operation
  rules::DealState deal_state = rules::DealState::kOpen;
  rules::Tally tally;  // the deal's, after the operation
  // CancelPledge: the deposit to give back (the refund is recorded separately
  // by GiveRefund); PayDeposit: the deposit taken; GiveRefund: the amount given.
  int64_t amount = 0;
  rules::Settlement settlement;  // Redeem only
  int64_t print_job_id = 0;      // the slip
};

// A deal's activity in a time range [from, to): sign-ups made and vouchers
// redeemed here (not other devices').
struct DealActivity {
  int64_t sign_ups = 0;
  int64_t redemptions = 0;
};

// A staff member as stored. pin_hash is the encoded salted hash
// (kiosk/staff/pin_hash.h); the ledger never sees a PIN.
struct StaffRow {
  std::string name;
  std::string role;  // "staff" or "manager"
  std::string pin_hash;
  int64_t created_at = 0;
};

// The kiosk-wide count of wrong PINs in a row and the lock-out it led to.
struct PinGuard {
  int failed = 0;
  int64_t locked_until = 0;  // Unix seconds; 0 or past: not locked
  bool operator==(const PinGuard&) const = default;
};

}  // namespace gb::ledger
