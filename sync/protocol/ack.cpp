#include "sync/protocol/ack.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "sync/protocol/json_reader.h"

namespace gb::protocol {

std::string EncodeAck(const Ack& ack) {
  return nlohmann::json{{"acked_seq", ack.acked_seq}}.dump();
}

base::Result<Ack> DecodeAck(std::string_view body) {
  if (body.size() > kMaxAckBytes) {
    return base::Status::ResourceExhausted(
        "too_large", "the reply has " + std::to_string(body.size()) + " bytes; at most " +
                         std::to_string(kMaxAckBytes) + " are accepted");
  }
  GB_ASSIGN_OR_RETURN(nlohmann::json root, ParseJson(body));
  FieldReader r(root, "", "bad_ack");
  // An unknown member could be a newer server saying something this client
  // would ignore, such as a refusal: failing loudly is safer than dropping it.
  GB_RETURN_IF_ERROR(r.CheckObject({"acked_seq"}));
  Ack ack;
  GB_ASSIGN_OR_RETURN(ack.acked_seq, r.Int("acked_seq", 0, std::numeric_limits<int64_t>::max()));
  return ack;
}

}  // namespace gb::protocol
