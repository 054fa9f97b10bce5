// What the till and staff mode read from and write to the ledger: the
// requests and receipts of the till operations (Ledger::CancelPledge,
// PayDeposit, GiveRefund, Redeem), and staff rows. A pledge row as the till
// sees it is rules::PledgeRecord (core/rules/pledge_record.h), which the
// store shares; the PIN pad's guard is pin::PinGuard (core/pin/lockout.h).
//
// Pure value types; no SQLite here.
#pragma once

#include <cstdint>
#include <string>

#include "core/rules/deal_state.h"
#include "core/rules/join.h"
#include "core/rules/pledge_record.h"

namespace gb::ledger {

// A till operation on one pledge. `till` names where it happens: the till id
// for deposits and refunds (1..64 bytes, sent to the store server), the place
// for redemptions (1..128 bytes, printed and sent). Cancelling needs none.
// `lang` is the slip's language; empty means the shopper's (rules::PledgeRecord::lang).
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
  rules::PledgeRecord pledge;  // after the operation
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
// (core/pin/pin_hash.h); the ledger never sees a PIN.
struct StaffRow {
  std::string name;
  std::string role;  // "staff" or "manager"
  std::string pin_hash;
  int64_t created_at = 0;
};

}  // namespace gb::ledger
