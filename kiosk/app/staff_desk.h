// StaffDesk: what staff mode needs from the kiosk, as one small interface:
// the PIN pad's sign-in (kiosk/staff) and the till's redeem verdict
// (kiosk/till), plus the shopper's check and cancel of a voucher, reduced to
// plain data so the app stays free of SQLite and
// of the ledger. kiosk/shell implements it over StaffDirectory and
// LocalTill; tests use tests/kiosk/app/fake_staff_desk.h.
// Staff screens show what the till needs and nothing more: no phone
// numbers, no shopper names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::app {

// The outcome of a PIN typed on the pad.
struct StaffSignIn {
  bool ok = false;
  std::string member;        // the staff member's name when ok
  bool manager = false;      // the member's role is manager
  std::string refusal;       // "wrong_pin", "locked_out", "no_staff" when not ok
  int attempts_left = 0;     // after "wrong_pin"
  int64_t locked_until = 0;  // after "locked_out", Unix seconds
};

// The till's answer for a scanned voucher or typed short code.
struct RedeemAnswer {
  // "VALID", "ALREADY_REDEEMED", "NOT_YET_UNLOCKED", "VOID", "EXPIRED",
  // "FORGED", "UNKNOWN_KEY", "NOT_FOUND" (till::VerdictName); the app's own
  // "NOT_A_VOUCHER" for a scan that is no voucher at all (never asked of
  // the till).
  std::string verdict;
  std::string reason;  // which case (till::Verdict::reason): "cancelled", "deal_open", ...
  std::string currency;
  std::string short_code;
  uint32_t deal_id = 0;                // whenever a pledge was found: the product to hand over
  std::optional<int64_t> deposit_paid_at;  // when the deposit was taken, if it was
  int64_t price = 0;                   // VALID: the final price
  int64_t deposit_paid = 0;            // VALID: already taken
  int64_t charge = 0;                  // VALID: to take now
  int64_t give_back = 0;               // VALID: to return now
  int64_t deposit_due = 0;             // NOT_YET_UNLOCKED/"deposit_unpaid": to take first
  int64_t deposit_to_take = 0;         // > 0: TakeDeposit would take this now
  int64_t refund_to_give = 0;          // > 0: GiveRefund would give this back now
  std::optional<int64_t> redeemed_at;  // ALREADY_REDEEMED
  std::string redeemed_place;          // ALREADY_REDEEMED
  int64_t redeem_by = 0;               // VALID, EXPIRED
  bool redeemed_now = false;           // Redeem redeemed it; its slip is queued
  int64_t print_job_id = 0;            // redeemed_now: the redemption slip's job
  bool operator==(const RedeemAnswer&) const = default;
};

// What a shopper sees after scanning their voucher on the wall.
struct VoucherCheck {
  std::string verdict;  // as RedeemAnswer::verdict; FORGED/UNKNOWN_KEY/NOT_FOUND: nothing else set
  bool found = false;   // a genuine voucher of this kiosk
  uint32_t deal_id = 0;
  std::string pledge_state;  // rules::PledgeStateName of its state now: "active", "cancelled", ...
  std::string deal_state;    // rules::DealStateName: "open", "unlocked", "failed", ...
  int64_t position = 0;      // "you are #7"
  int64_t committed = 0;     // the deal's sign-ups now
  int64_t stop_at = 0;       // the deal's effective stop (no cancelling after it)
  bool can_cancel = false;
  std::string short_code;
  bool operator==(const VoucherCheck&) const = default;
};

// A till action done: the amount (a cancel: the deposit to give back; a
// deposit: taken; a refund: given back) and its slip's print job.
struct TillOutcome {
  int64_t amount = 0;
  int64_t print_job_id = 0;
};

// Today's activity of a deal at this kiosk (the store's local day).
struct DealToday {
  int64_t sign_ups = 0;
  int64_t redemptions = 0;
  bool operator==(const DealToday&) const = default;
};

class StaffDesk {
 public:
  virtual ~StaffDesk() = default;
  // Errors only for storage failures; a refusal is a StaffSignIn.
  virtual base::Result<StaffSignIn> SignIn(std::string_view pin, int64_t now) = 0;
  // Reads, changes nothing. Errors only for storage failures.
  virtual base::Result<RedeemAnswer> Look(std::string_view code, int64_t now) = 0;
  // Redeems a VALID voucher (a redemption slip is queued); any other
  // verdict changes nothing. Errors only for storage failures.
  virtual base::Result<RedeemAnswer> Redeem(std::string_view code, int64_t now) = 0;

  // The shopper's side of the till (check and cancel on the wall).
  // Check reads, changes nothing; errors only for storage failures.
  virtual base::Result<VoucherCheck> Check(std::string_view code, int64_t now) = 0;
  // Cancels the pledge (before the deal's stop) and queues a cancellation
  // slip in `lang`. Refusals carry the ledger's reason ("after_stop",
  // "already_cancelled", "not_found", ...).
  virtual base::Result<TillOutcome> Cancel(std::string_view code, int64_t now,
                                           const std::string& lang) = 0;

  // Staff's other till actions. Refusals carry the ledger's reason
  // ("deposit_already_paid", "nothing_to_refund", "already_stopped", ...).
  virtual base::Result<TillOutcome> TakeDeposit(std::string_view code, int64_t now) = 0;
  virtual base::Result<TillOutcome> GiveRefund(std::string_view code, int64_t now) = 0;
  virtual base::Status StopSignUps(uint32_t deal_id, int64_t now) = 0;
  virtual base::Result<DealToday> Today(uint32_t deal_id, int64_t now) = 0;

  // The store server showed a certificate other than the pinned one and has
  // not been seen with its own since: the till refuses money and redemption
  // ("server_identity_changed"). A snapshot; never blocks.
  virtual bool ServerAlarm() { return false; }
};

}  // namespace gb::app
