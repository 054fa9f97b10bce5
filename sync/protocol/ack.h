// The reply to POST /v1/events: {"acked_seq": N}.
//
// N is the highest seq of the origin that the server has stored, with every
// earlier event of the batch stored too; the kiosk may forget (mark as sent)
// every outbox row with seq <= N and resends the rest. N = 0 means nothing is
// stored yet. Because uploads are idempotent by (origin, seq), resending an
// acked event is harmless; losing an unacked one is not.
//
// DecodeAck reads the server's reply on the kiosk, so it is as strict as
// DecodeBatch: "too_large" (over kMaxAckBytes, ResourceExhausted), "bad_json"
// (InvalidArgument, with the byte offset), "bad_ack" (not an object, an
// unknown member, or acked_seq missing or not a non-negative integer;
// InvalidArgument). Pure functions; thread-safe. C++20.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::protocol {

// A reply is one small object; anything bigger is not a reply of this protocol.
inline constexpr size_t kMaxAckBytes = 4096;

struct Ack {
  int64_t acked_seq = 0;  // >= 0

  bool operator==(const Ack&) const = default;
};

// REQUIRES: ack.acked_seq >= 0.
std::string EncodeAck(const Ack& ack);

base::Result<Ack> DecodeAck(std::string_view body);

}  // namespace gb::protocol
