// A valid deal for the rules tests: 10 -> 599.00, 20 -> 549.00, 50 -> 499.00.
#pragma once

#include "core/rules/deal.h"

namespace gb::rules::testing {

inline constexpr int64_t kOpens = 1'700'000'000;
inline constexpr int64_t kStop = kOpens + 7 * 86400;
inline constexpr int64_t kDeadline = kOpens + 8 * 86400;
inline constexpr int64_t kRedeemBy = kOpens + 30 * 86400;

inline Deal SampleDeal() {
  Deal d;
  d.id = 42;
  d.title = {{"en", "Sofa Oslo"}, {"ru", "Диван Осло"}, {"zh", "奥斯陆沙发"}};
  d.currency = "EUR";
  d.regular_price_minor = 99900;
  d.tiers = {{10, 59900}, {20, 54900}, {50, 49900}};
  d.opens_at = kOpens;
  d.stop_at = kStop;
  d.deadline = kDeadline;
  d.redeem_by = kRedeemBy;
  d.fee_bp = 250;
  return d;
}

}  // namespace gb::rules::testing
