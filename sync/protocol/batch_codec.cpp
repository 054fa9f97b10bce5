#include "sync/protocol/batch_codec.h"

#include <limits>

#include "sync/protocol/json_reader.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();
// Longer than any known type name; keeps junk out of the envelope.
constexpr size_t kMaxTypeBytes = 32;

base::Status BatchError(std::string message) {
  return base::Status::InvalidArgument("bad_batch", std::move(message));
}

// The envelope of events[index]; the payload is checked afterwards, once the
// sequence is known to be in order.
base::Result<Event> DecodeEnvelope(json& value, const std::string& path,
                                   const std::string& origin) {
  FieldReader r(value, path, "bad_event");
  GB_RETURN_IF_ERROR(r.CheckObject({"seq", "type", "at", "payload"}));
  Event e;
  e.origin = origin;
  GB_ASSIGN_OR_RETURN(e.seq, r.Int("seq", 1, kMaxInt));
  GB_ASSIGN_OR_RETURN(e.type, r.String("type", 1, kMaxTypeBytes));
  GB_ASSIGN_OR_RETURN(e.at, r.Int("at", 0, kMaxInt));
  auto payload = value.find("payload");
  if (payload == value.end()) return r.Error("payload", "is missing (a JSON object)");
  if (!payload->is_object()) return r.Error("payload", "must be a JSON object");
  // Moved, not copied: copying a json recurses, and a payload nested a
  // million deep has not been refused yet at this point.
  e.payload = std::move(*payload);
  return e;
}

}  // namespace

std::string EncodeBatch(std::span<const Event> events) {
  json list = json::array();
  for (const Event& e : events) {
    list.push_back({{"seq", e.seq}, {"type", e.type}, {"at", e.at}, {"payload", e.payload}});
  }
  json body = {{"origin", events.empty() ? std::string() : events.front().origin},
               {"events", std::move(list)}};
  // replace, not strict: the encoder must not throw on a bad string; the
  // decoder's checks are what guard the server.
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

base::Result<Batch> DecodeBatch(std::string_view body, const DecodeLimits& limits) {
  // Checked before parsing, so an oversized body costs nothing to refuse.
  if (body.size() > limits.max_body_bytes) {
    return base::Status::ResourceExhausted(
        "too_large", "the body has " + std::to_string(body.size()) + " bytes; at most " +
                         std::to_string(limits.max_body_bytes) + " are accepted");
  }
  GB_ASSIGN_OR_RETURN(json root, ParseJson(body));
  FieldReader top(root, "", "bad_batch");
  GB_RETURN_IF_ERROR(top.CheckObject({"origin", "events"}));
  Batch batch;
  GB_ASSIGN_OR_RETURN(batch.origin, top.String("origin", 1, kMaxOriginBytes));
  auto events = root.find("events");
  if (events == root.end()) return BatchError("events is missing (a non-empty array)");
  if (!events->is_array() || events->empty()) {
    return BatchError("events must be a non-empty array");
  }
  if (events->size() > limits.max_events) {
    return base::Status::InvalidArgument(
        "too_many_events", "the batch has " + std::to_string(events->size()) + " events; at most " +
                               std::to_string(limits.max_events) + " are accepted");
  }

  batch.events.reserve(events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    std::string path = "events[" + std::to_string(i) + "]";
    GB_ASSIGN_OR_RETURN(Event e, DecodeEnvelope((*events)[i], path, batch.origin));
    // Strictly increasing is what lets the server ack "everything up to N";
    // gaps are allowed because a batch may start after the last ack.
    if (!batch.events.empty() && e.seq <= batch.events.back().seq) {
      return base::Status::InvalidArgument(
          "bad_sequence", path + ".seq " + std::to_string(e.seq) + " is not greater than events[" +
                              std::to_string(i - 1) + "].seq " +
                              std::to_string(batch.events.back().seq));
    }
    GB_RETURN_IF_ERROR(ValidatePayload(e, path));
    batch.events.push_back(std::move(e));
  }
  return batch;
}

}  // namespace gb::protocol
