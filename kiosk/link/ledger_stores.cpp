#include "kiosk/link/ledger_stores.h"

#include <nlohmann/json.hpp>

#include "kiosk/link/state_codec.h"

namespace gb::link {
namespace {

using base::Status;
using nlohmann::json;

}  // namespace

base::Result<std::vector<protocol::Event>> LedgerOutbox::After(int64_t after, int limit) {
  GB_ASSIGN_OR_RETURN(std::vector<ledger::OutboxEvent> rows, ledger_.OutboxAfter(after, limit));
  std::vector<protocol::Event> events;
  events.reserve(rows.size());
  for (ledger::OutboxEvent& row : rows) {
    json payload = json::parse(row.payload, nullptr, /*allow_exceptions=*/false);
    if (payload.is_discarded()) {
      return Status::Corruption("db_corrupt", "outbox event " + std::to_string(row.seq) +
                                                  " has a payload that is not JSON");
    }
    events.push_back(protocol::Event{ledger_.identity().origin, row.seq, std::move(row.type),
                                     row.at, std::move(payload)});
  }
  return events;
}

base::Result<int64_t> LedgerStateSink::Apply(std::string_view body, int64_t now) {
  GB_ASSIGN_OR_RETURN(ledger::RemoteState state, DecodeState(body, ledger_.identity().origin));
  GB_RETURN_IF_ERROR(ledger_.ApplyRemoteState(state, now).status());
  return state.revision;
}

}  // namespace gb::link
