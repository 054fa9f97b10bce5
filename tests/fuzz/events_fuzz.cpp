// libFuzzer harness for the body of POST /v1/events and its reply: the store
// server will feed DecodeBatch whatever arrives from the network. Besides
// crashes and sanitizer findings it checks the properties the protocol relies
// on: every refusal has a reason and a message and the documented status code,
// and whatever decodes re-encodes to a body that decodes to the same batch.
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sync/protocol/ack.h"
#include "sync/protocol/batch_codec.h"
#include "sync/protocol/enroll_code.h"

namespace {

using namespace gb::protocol;

void Check(bool property) {
  if (!property) std::abort();
}

// Small limits reach the "too_large" and "too_many_events" paths with inputs
// libFuzzer can build; the defaults are exercised by the unit tests.
DecodeLimits Limits() {
  DecodeLimits limits;
  limits.max_body_bytes = 64 * 1024;
  limits.max_events = 8;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);

  auto batch = DecodeBatch(body, Limits());
  if (batch.ok()) {
    Check(!batch->events.empty() && batch->events.size() <= Limits().max_events);
    for (const Event& e : batch->events) Check(e.origin == batch->origin && e.seq > 0);
    // The compact encoding is never longer than an accepted body, so the
    // same limits apply to the round trip.
    auto again = DecodeBatch(EncodeBatch(batch->events), Limits());
    Check(again.ok() && *again == *batch);
  } else {
    const auto& s = batch.status();
    Check(!s.reason().empty() && !s.message().empty());
    Check(s.reason() == "too_large" ? s.code() == gb::base::Code::kResourceExhausted
                                    : s.code() == gb::base::Code::kInvalidArgument);
  }

  // Enrolment codes arrive from scanners and keyboards: whatever decodes
  // must encode back to a code that decodes to the same thing.
  auto code = DecodeEnrollCode(body);
  if (code.ok()) {
    auto text = EncodeEnrollCode(*code);
    Check(text.ok());
    auto again = DecodeEnrollCode(*text);
    Check(again.ok() && *again == *code);
  } else {
    Check(code.status().reason() == "bad_enroll_code" && !code.status().message().empty());
  }

  auto ack = DecodeAck(body);
  if (ack.ok()) {
    Check(ack->acked_seq >= 0);
    auto again = DecodeAck(EncodeAck(*ack));
    Check(again.ok() && *again == *ack);
  } else {
    Check(!ack.status().reason().empty() && !ack.status().message().empty());
  }
  return 0;
}
