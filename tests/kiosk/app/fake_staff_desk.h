// In-memory StaffDesk for the app's tests: one PIN, a lock-out after a set
// number of wrong PINs, and canned answers per code (what the test puts in
// `answers`; unknown codes are NOT_FOUND). Redeem turns a VALID answer into
// ALREADY_REDEEMED for the next look, as the till does; Cancel makes the
// next Check say "cancelled".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kiosk/app/staff_desk.h"

namespace gb::app::test {

class FakeStaffDesk final : public StaffDesk {
 public:
  std::string pin = "2468";
  int max_failures = 5;
  int failures = 0;
  int64_t locked_until = 0;
  int sign_ins = 0;  // SignIn calls
  std::map<std::string, RedeemAnswer> answers;
  std::vector<std::string> looked, redeemed;
  bool fail_storage = false;
  bool manager = true;  // Lena's role: a manager, unless a test makes her a cashier
  bool store_offline = false;  // Look fails as a ServerTill does without its server
  // The server identity alarm stands: Redeem is refused, ServerAlarm() says so.
  bool identity_changed = false;
  bool ServerAlarm() override { return identity_changed; }

  base::Result<StaffSignIn> SignIn(std::string_view typed, int64_t now) override {
    ++sign_ins;
    if (fail_storage) return base::Status::IoError("db_failed", "disk gone");
    StaffSignIn s;
    if (now < locked_until) {
      s.refusal = "locked_out";
      s.locked_until = locked_until;
      return s;
    }
    if (typed == pin) {
      failures = 0;
      s.ok = true;
      s.member = "Lena";
      s.manager = manager;
      return s;
    }
    if (++failures >= max_failures) {
      failures = 0;
      locked_until = now + 300;
      s.refusal = "locked_out";
      s.locked_until = locked_until;
      return s;
    }
    s.refusal = "wrong_pin";
    s.attempts_left = max_failures - failures;
    return s;
  }
  base::Result<RedeemAnswer> Look(std::string_view code, int64_t /*now*/) override {
    if (fail_storage) return base::Status::IoError("db_failed", "disk gone");
    if (store_offline) return base::Status::Error(base::Code::kUnavailable, "store_offline", "no server");
    looked.emplace_back(code);
    auto it = answers.find(std::string(code));
    if (it == answers.end()) {
      RedeemAnswer none;
      none.verdict = "NOT_FOUND";
      none.reason = "not_issued_here";
      return none;
    }
    return it->second;
  }
  base::Result<RedeemAnswer> Redeem(std::string_view code, int64_t now) override {
    if (identity_changed) {
      return base::Status::Error(base::Code::kPermissionDenied, "server_identity_changed",
                                 "another certificate");
    }
    GB_ASSIGN_OR_RETURN(RedeemAnswer a, Look(code, now));
    if (a.verdict != "VALID") return a;
    redeemed.emplace_back(code);
    RedeemAnswer later = a;
    later.verdict = "ALREADY_REDEEMED";
    later.redeemed_at = now;
    later.redeemed_place = "Test Store";
    answers[std::string(code)] = later;
    a.redeemed_now = true;
    a.print_job_id = 77;
    return a;
  }

  // Check and cancel: `checks` by code; a cancel succeeds once per code
  // unless `cancel_refusal` is set.
  std::map<std::string, VoucherCheck> checks;
  std::string cancel_refusal;
  std::vector<std::string> cancelled;
  std::string cancel_lang;

  base::Result<VoucherCheck> Check(std::string_view code, int64_t /*now*/) override {
    if (fail_storage) return base::Status::IoError("db_failed", "disk gone");
    auto it = checks.find(std::string(code));
    if (it == checks.end()) {
      VoucherCheck none;
      none.verdict = "NOT_FOUND";
      return none;
    }
    return it->second;
  }
  base::Result<TillOutcome> Cancel(std::string_view code, int64_t /*now*/,
                                   const std::string& lang) override {
    if (!cancel_refusal.empty()) {
      return base::Status::FailedPrecondition(cancel_refusal, "refused");
    }
    cancelled.emplace_back(code);
    cancel_lang = lang;
    VoucherCheck& c = checks[std::string(code)];
    c.pledge_state = "cancelled";
    c.can_cancel = false;
    return TillOutcome{1000, 88};
  }

  // Deposits and refunds: what `answers` says there is to take or give,
  // once; stops and today's counts per deal.
  std::vector<std::string> deposits, refunds;
  std::vector<uint32_t> stopped;
  std::map<uint32_t, DealToday> today;

  base::Result<TillOutcome> TakeDeposit(std::string_view code, int64_t /*now*/) override {
    RedeemAnswer& a = answers[std::string(code)];
    if (a.deposit_to_take <= 0) {
      return base::Status::FailedPrecondition("deposit_already_paid", "paid");
    }
    deposits.emplace_back(code);
    const int64_t amount = a.deposit_to_take;
    a.deposit_to_take = 0;
    return TillOutcome{amount, 90};
  }
  base::Result<TillOutcome> GiveRefund(std::string_view code, int64_t /*now*/) override {
    RedeemAnswer& a = answers[std::string(code)];
    if (a.refund_to_give <= 0) return base::Status::FailedPrecondition("nothing_to_refund", "no");
    refunds.emplace_back(code);
    const int64_t amount = a.refund_to_give;
    a.refund_to_give = 0;
    return TillOutcome{amount, 91};
  }
  base::Status StopSignUps(uint32_t deal_id, int64_t /*now*/) override {
    for (uint32_t d : stopped) {
      if (d == deal_id) return base::Status::FailedPrecondition("already_stopped", "stopped");
    }
    stopped.push_back(deal_id);
    return base::Status::Ok();
  }
  base::Result<DealToday> Today(uint32_t deal_id, int64_t /*now*/) override {
    if (fail_storage) return base::Status::IoError("db_failed", "disk gone");
    return today[deal_id];
  }
};

}  // namespace gb::app::test
