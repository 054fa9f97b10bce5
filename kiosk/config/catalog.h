// Catalogs: the deals a kiosk (or store) offers, as a person writes them.
//
// JSON: {"deals": [deal, ...]} with each deal as in core/rules/deal_json.h,
// except that opens_at, stop_at, deadline and redeem_by may also be relative
// to the import time: "+7d", "+36h", "-30m", "+0" (days, hours, minutes), so
// a demo catalog is open whenever it is imported.
//
// CSV: a header row, then one deal per row. Columns (any order; optional ones
// may be left out): id, title_en, title_ru, title_zh, description_en,
// description_ru, description_zh, image, currency, regular_price, tiers
// ("10:599.00;20:549.00"), cap, per_shopper, opens_at, stop_at, deadline,
// redeem_by (Unix seconds or relative as above), fee_percent ("2.5"), scope,
// deposit_kind, deposit_value (an amount in money or a percentage),
// deposit_within_hours. Prices in CSV are decimal money ("599.00"), read
// exactly with the currency's minor unit; no floating point.
//
// The whole catalog is checked before anything is stored; an error names the
// deal (JSON: deals[i]) or the line and column (CSV), and the field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/rules/deal.h"

namespace gb::config {

base::Result<std::vector<rules::Deal>> ParseCatalogJson(std::string_view text, int64_t now);
base::Result<std::vector<rules::Deal>> ParseCatalogCsv(std::string_view text, int64_t now);
// By the file's extension (.json or .csv). Reason "bad_catalog" for any other.
base::Result<std::vector<rules::Deal>> ReadCatalogFile(const std::string& path, int64_t now);

// "+7d" -> now + 7 days; a plain integer is absolute. Reason "bad_time".
base::Result<int64_t> ParseCatalogTime(std::string_view text, int64_t now);
// "599.00" in EUR -> 59900. Reason "bad_money".
base::Result<int64_t> ParseMoney(std::string_view text, std::string_view currency);

}  // namespace gb::config
