// ShopperGate: the DealDesk that asks the store before it signs up
// (docs/sync-protocol.md "POST /v1/shopper-check").
//
// Join asks the ShopperLimitCheck first. When the store answers that the phone
// already holds the deal's per-shopper limit over the store's kiosks, the
// sign-up is refused with the rule's own reason, "shopper_limit"
// (FailedPrecondition), and nothing is recorded or printed. When the store
// says yes, or cannot be asked, the wrapped desk decides as before (its own
// count of this kiosk's pledges still applies: a sign-up not yet uploaded
// counts here before the store knows it). The store's count at ingest stays
// the authority: two kiosks offline may both sign the same phone up, and
// the later sign-up becomes a "shopper_limit" conflict there.
//
// Borrows both; `check` may be null (no store: pass-through). One thread,
// as the desk it wraps.
#pragma once

#include "kiosk/app/seams.h"

namespace gb::app {

class ShopperGate final : public DealDesk {
 public:
  ShopperGate(DealDesk& inner, ShopperLimitCheck* check) : inner_(inner), check_(check) {}
  void set_check(ShopperLimitCheck* check) { check_ = check; }

  base::Result<std::vector<DealInfo>> ListDeals(int64_t now) override {
    return inner_.ListDeals(now);
  }
  base::Result<JoinTicket> Join(const JoinRequest& request) override;

 private:
  DealDesk& inner_;
  ShopperLimitCheck* check_;
};

}  // namespace gb::app
