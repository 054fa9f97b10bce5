// Internal to kiosk/config: the CSV rows of a catalog as deals, before the
// checks every catalog gets (catalog.cpp).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/rules/deal.h"

namespace gb::config {

base::Result<std::vector<rules::Deal>> DealsFromCsv(std::string_view text, int64_t now);

}  // namespace gb::config
