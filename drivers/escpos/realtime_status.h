// Real-time status (DLE EOT n): the request bytes and a parser of the
// one-byte replies. Pure: no I/O; the transport sends the request and reads
// the reply, this file only knows what the bytes mean.
//
// Every reply byte has the same fixed bits (bit 0 off, bit 1 on, bit 4 on,
// bit 7 off: 0xx1xx10), which is how a host tells a status byte from other
// data. A byte whose fixed bits are wrong is rejected with "bad_status_reply"
// (kCorruption): it is not a status reply, or the stream is out of step.
//
// Thread-safety: free functions on values.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/base/status.h"

namespace gb::escpos {

// The n of DLE EOT n.
enum class StatusQuery : std::uint8_t {
  kPrinter = 1,       // online/offline, drawer pin 3
  kOfflineCause = 2,  // cover, feed button, paper-end stop, error
  kErrorCause = 3,    // cutter, unrecoverable, auto-recoverable
  kPaperSensor = 4,   // roll near-end and end sensors
};

// 10 04 n.
std::array<std::uint8_t, 3> StatusRequest(StatusQuery query);

// What the four replies say. Every field defaults to the healthy state, so a
// status built from fewer than four replies reports only what was asked.
struct PrinterStatus {
  bool online = true;                   // n=1 bit 3 off
  bool drawer_pin3_high = false;        // n=1 bit 2
  bool cover_open = false;              // n=2 bit 2
  bool feed_button = false;             // n=2 bit 3: paper fed by the FEED button
  bool paper_out = false;               // n=2 bit 5 (stopped by paper end) or n=4 bits 5,6
  bool paper_near_end = false;          // n=4 bits 2,3
  bool error = false;                   // n=2 bit 6: any error below
  bool cutter_error = false;            // n=3 bit 3: recoverable with DLE ENQ
  bool unrecoverable_error = false;     // n=3 bit 5
  bool auto_recoverable_error = false;  // n=3 bit 6: e.g. head too hot

  bool operator==(const PrinterStatus&) const = default;
};

// Merges the reply to DLE EOT `query` into *status; the other fields are left
// as they were. Fails with "bad_status_reply" if the fixed bits are wrong,
// and then leaves *status unchanged.
base::Status ApplyStatusReply(StatusQuery query, std::uint8_t reply, PrinterStatus* status);

// The reply a printer in `status` gives to DLE EOT `query`: the inverse of
// ApplyStatusReply, for printer emulators (the virtual printer, test mocks).
std::uint8_t EncodeStatusReply(StatusQuery query, const PrinterStatus& status);

// One line for the staff screen: "ready", or "offline: cover open, paper out".
// "paper low" is reported even when the printer is otherwise ready.
std::string Describe(const PrinterStatus& status);

}  // namespace gb::escpos
