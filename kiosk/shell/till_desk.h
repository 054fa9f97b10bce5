// TillDesk: the app's StaffDesk over kiosk/staff's StaffDirectory (the PIN
// pad) and kiosk/till's LocalTill, or the ServerTill of a
// kiosk that syncs (the redeem verdict, redeeming), both on
// the UI thread's ledger connection. Converts till::Verdict into the app's
// plain RedeemAnswer; the voucher text itself never reaches the screen.
// Borrows the ledger; one UI thread.
#pragma once

#include <memory>

#include "kiosk/app/staff_desk.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/staff/staff_directory.h"
#include "kiosk/till/local_till.h"

namespace gb::shell {
class SyncWiring;
}

namespace gb::shell {

class TillDesk final : public app::StaffDesk {
 public:
  // Fails with OwnKeyRing's and LocalTill::Create's reasons
  // ("no_signing_key", "bad_till"). With `sync` (a kiosk with a server
  // block), redemptions go through the store server (SyncWiring::MakeTill).
  // REQUIRES: `ledger` and `sync` outlive the desk.
  static base::Result<std::unique_ptr<TillDesk>> Create(ledger::Ledger& ledger,
                                                        till::TillConfig config,
                                                        const SyncWiring* sync = nullptr);

  base::Result<app::StaffSignIn> SignIn(std::string_view pin, int64_t now) override;
  base::Result<app::RedeemAnswer> Look(std::string_view code, int64_t now) override;
  base::Result<app::RedeemAnswer> Redeem(std::string_view code, int64_t now) override;
  base::Result<app::VoucherCheck> Check(std::string_view code, int64_t now) override;
  base::Result<app::TillOutcome> Cancel(std::string_view code, int64_t now,
                                        const std::string& lang) override;
  base::Result<app::TillOutcome> TakeDeposit(std::string_view code, int64_t now) override;
  base::Result<app::TillOutcome> GiveRefund(std::string_view code, int64_t now) override;
  base::Status StopSignUps(uint32_t deal_id, int64_t now) override;
  base::Result<app::DealToday> Today(uint32_t deal_id, int64_t now) override;
  // SyncWiring::identity_alarm(); false without sync.
  bool ServerAlarm() override;

  // The answer the screens show for a verdict (pure; tests use it).
  static app::RedeemAnswer ToAnswer(const till::Verdict& v);
  static app::RedeemAnswer ToAnswer(const till::PledgeView& v);

 private:
  TillDesk(ledger::Ledger& ledger, std::unique_ptr<till::Till> till, const SyncWiring* sync)
      : ledger_(&ledger), staff_(ledger), till_(std::move(till)), sync_(sync) {}

  ledger::Ledger* ledger_;
  staff::StaffDirectory staff_;
  std::unique_ptr<till::Till> till_;
  const SyncWiring* sync_;  // may be null
};

}  // namespace gb::shell
