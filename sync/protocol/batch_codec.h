// The body of POST /v1/events: a batch of one kiosk's outbox events.
//
//   {"origin": "kiosk-1",
//    "events": [{"seq": 1, "type": "sign_up", "at": 1767225600, "payload": {...}}, ...]}
//
// The origin is sent once per batch; every event of a decoded Batch carries
// it. DecodeBatch is the server's gate for untrusted bytes: it never throws,
// and returns the first problem found, checked in this order:
//   "too_large"          body over limits.max_body_bytes        (ResourceExhausted, HTTP 413)
//   "bad_json"           not JSON; the message gives the byte offset
//   "bad_batch"          not an object, unknown member, origin not a string of
//                        1..kMaxOriginBytes bytes, events not a non-empty array
//   "too_many_events"    more than limits.max_events events
// then, event by event:
//   "bad_event"          an event member missing or of the wrong type, e.g.
//                        "events[3].seq must be a positive integer"
//   "bad_sequence"       seq not strictly greater than the previous event's
//   "unknown_event_type" a type this version does not know
//   "bad_payload"        the payload is invalid for its type (event.h)
// Everything but too_large is InvalidArgument (HTTP 400). Unknown members are
// refused at every level. Pure functions; thread-safe. C++20.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "sync/protocol/event.h"

namespace gb::protocol {

struct DecodeLimits {
  size_t max_body_bytes = size_t{1} << 20;  // 1 MiB; exactly this many is accepted
  size_t max_events = 500;                  // exactly this many is accepted
};

struct Batch {
  std::string origin;
  std::vector<Event> events;  // seq strictly increasing; each event's origin == origin

  bool operator==(const Batch&) const = default;
};

// The compact JSON body for events. REQUIRES: events is non-empty and every
// event has the same origin (the batch origin is taken from events[0]); an
// empty span encodes an empty batch, which DecodeBatch refuses. Strings that
// are not valid UTF-8 are written with U+FFFD instead of throwing.
std::string EncodeBatch(std::span<const Event> events);

base::Result<Batch> DecodeBatch(std::string_view body, const DecodeLimits& limits = {});

}  // namespace gb::protocol
