// Deal <-> JSON, the form deals take in catalogs, in the ledger and on the wire.
//
//   {"id": 42, "title": {"en": "..."}, "description": {"en": "..."}, "image": "sofa.png",
//    "currency": "EUR", "regular_price": 99900,
//    "tiers": [{"participants": 10, "price": 59900}], "cap": 0, "per_shopper": 1,
//    "opens_at": 1767225600, "stop_at": ..., "deadline": ..., "redeem_by": ...,
//    "fee_bp": 250, "scope": "store",
//    "deposit": {"kind": "percent", "value": 1000, "pay_within_s": 86400},
//    "stopped_early_at": null}
//
// Money in minor units, times in Unix seconds. Optional keys: description,
// image, cap (0), per_shopper (1), fee_bp (0), scope ("store"), deposit (none),
// stopped_early_at. Unknown keys are refused so a typo is not silently ignored.
#pragma once

#include <nlohmann/json.hpp>

#include "core/base/result.h"
#include "core/rules/deal.h"

namespace gb::rules {

nlohmann::json DealToJson(const Deal& deal);

// Parses and validates (ValidateDeal). Errors name the field: reason "bad_deal".
base::Result<Deal> DealFromJson(const nlohmann::json& j);

}  // namespace gb::rules
