// LocalTill: the Till over this kiosk's own ledger and key ring. It knows
// only the vouchers this kiosk issued; a genuine voucher of another kiosk is
// NOT_FOUND here (the store server will answer for those).
//
// The ring holds this kiosk's own public key (OwnKeyRing); sync adds other
// kiosks' keys and revocations later through Trust and Revoke.
//
// Thread-safety: one thread, like the Ledger it borrows.
#pragma once

#include <string>

#include "core/voucher/key_ring.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/till/till.h"

namespace gb::till {

struct TillConfig {
  std::string till_id;         // sent with deposits and refunds; 1..64 bytes
  std::string place;           // printed on redemption slips and sent; 1..128 bytes
  int utc_offset_minutes = 0;  // the store's time zone, for "today"
  std::string slip_lang;       // "" = each shopper's own language
};

// A ring that trusts the ledger identity's own key. Fails with
// "no_signing_key" when the identity has none (give its public key instead).
base::Result<voucher::KeyRing> OwnKeyRing(const ledger::Identity& identity);

class LocalTill final : public Till {
 public:
  // "bad_till" for a till id or place outside the protocol's bounds.
  // REQUIRES: `ledger` outlives the LocalTill.
  static base::Result<LocalTill> Create(ledger::Ledger& ledger, voucher::KeyRing ring,
                                        TillConfig config);

  base::Result<PledgeView> Look(std::string_view code, int64_t now) override;
  base::Result<Verdict> Redeem(std::string_view code, int64_t now) override;
  base::Result<ledger::TillReceipt> TakeDeposit(std::string_view code, int64_t now) override;
  base::Result<ledger::TillReceipt> GiveRefund(std::string_view code, int64_t now) override;
  base::Result<ledger::TillReceipt> Cancel(std::string_view code, int64_t now,
                                           const std::string& lang) override;
  base::Status StopSignUps(uint32_t deal_id, int64_t now) override;
  base::Result<ledger::DealActivity> Today(uint32_t deal_id, int64_t now) override;

  // Remembers the member: their name goes with every later deposit, refund
  // and redemption event this till writes (the PIN is not kept).
  void StaffSignedIn(const std::string& name, std::string_view pin) override {
    (void)pin;
    staff_ = name;
  }

  void Trust(uint32_t key_id, voucher::PublicKey key) { ring_.Add(key_id, key); }
  void Revoke(uint32_t key_id, uint32_t revoked_at) { ring_.Revoke(key_id, revoked_at); }
  const TillConfig& config() const { return config_; }

 private:
  LocalTill(ledger::Ledger& ledger, voucher::KeyRing ring, TillConfig config)
      : ledger_(&ledger), ring_(std::move(ring)), config_(std::move(config)) {}
  // Look, for the operations that need a genuine voucher of this kiosk.
  base::Result<PledgeView> Found(std::string_view code, int64_t now);
  ledger::TillRequest Request(const PledgeView& v, int64_t now, const std::string& till) const;

  ledger::Ledger* ledger_;
  voucher::KeyRing ring_;
  TillConfig config_;
  std::string staff_;  // the member last signed in at the pad; "" none yet
};

}  // namespace gb::till
