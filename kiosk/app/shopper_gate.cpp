#include "kiosk/app/shopper_gate.h"

#include <string>

namespace gb::app {

base::Result<JoinTicket> ShopperGate::Join(const JoinRequest& request) {
  if (check_ != nullptr) {
    const ShopperVerdict v = check_->Ask(request.deal_id, request.phone_e164);
    // Only a "no" stops the sign-up here: no answer is no reason to turn a
    // shopper away (the kiosk is offline, and counts what it knows).
    if (v.answered && !v.allowed) {
      return base::Status::FailedPrecondition(
          "shopper_limit", "this phone already holds " + std::to_string(v.joined) + " of the " +
                               std::to_string(v.limit) +
                               " places one shopper may take at this store");
    }
  }
  return inner_.Join(request);
}

}  // namespace gb::app
