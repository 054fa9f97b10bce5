// The "printer" event: a kiosk tells its store that its receipt printer's
// state changed (docs/sync-protocol.md, "printer"). Status, not history: the
// store keeps each kiosk's latest and reports printers in trouble in GET
// /v1/tallies and up to its head office. Nothing about people.
//
//   {"state": "paper_out", "held": 2}
//
// `state` is "ok" when the printer prints, else the queue's reason
// ("paper_out", "cover_open", "offline", ...): 1..32 bytes of a-z, 0-9, _.
// `held` is how many print jobs wait for the printer (0..1e6).
// Pure; thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::protocol {

inline constexpr std::string_view kPrinter = "printer";

struct PrinterPayload {
  std::string state = "ok";
  int64_t held = 0;

  bool operator==(const PrinterPayload&) const = default;
};

nlohmann::json ToJson(const PrinterPayload& p);
// InvalidArgument "bad_payload" naming the field.
base::Result<PrinterPayload> ParsePrinterPayload(const nlohmann::json& payload,
                                                 const std::string& path);

}  // namespace gb::protocol
