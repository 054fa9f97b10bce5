#include "sync/protocol/printer_event.h"

#include <algorithm>

#include "sync/protocol/json_reader.h"

namespace gb::protocol {

nlohmann::json ToJson(const PrinterPayload& p) {
  return {{"state", p.state}, {"held", p.held}};
}

base::Result<PrinterPayload> ParsePrinterPayload(const nlohmann::json& payload,
                                                 const std::string& path) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"state", "held"}));
  PrinterPayload p;
  GB_ASSIGN_OR_RETURN(p.state, r.String("state", 1, 32));
  // A token, not prose: it is shown on dashboards and compared.
  if (!std::all_of(p.state.begin(), p.state.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      })) {
    return r.Error("state", "must be a word of a-z, 0-9 and _ (\"ok\", \"paper_out\", ...)");
  }
  GB_ASSIGN_OR_RETURN(p.held, r.Int("held", 0, 1'000'000));
  return p;
}

}  // namespace gb::protocol
