#include "drivers/escpos/realtime_status.h"

#include <cstdio>
#include <vector>

#include "drivers/escpos/commands.h"

namespace gb::escpos {
namespace {

// Bit meanings, from the Epson ESC/POS reference for DLE EOT (Bixolon,
// Citizen and CBM printers document the same table):
//   all n:  bit 0 fixed off, bit 1 fixed on, bit 4 fixed on, bit 7 fixed off.
//   n = 1:  bit 2 drawer kick-out connector pin 3 high; bit 3 off-line.
//   n = 2:  bit 2 cover open; bit 3 paper being fed by the FEED button;
//           bit 5 printing stopped by a paper end; bit 6 an error occurred.
//   n = 3:  bit 3 auto-cutter error (recoverable with DLE ENQ); bit 5
//           unrecoverable error; bit 6 auto-recoverable error (head
//           temperature, cover opened while printing).
//   n = 4:  bits 2,3 paper near end (roll near-end sensor); bits 5,6 paper
//           end (roll end sensor). Both bits of a pair are set together on
//           Epson; some clones set only one, so either counts.
constexpr std::uint8_t kFixedMask = 0x93;   // bits 0, 1, 4, 7
constexpr std::uint8_t kFixedValue = 0x12;  // bit 1 and bit 4 on

constexpr bool Bit(std::uint8_t byte, int bit) { return ((unsigned{byte} >> bit) & 1U) != 0; }

}  // namespace

std::array<std::uint8_t, 3> StatusRequest(StatusQuery query) {
  return {cmd::kDle, cmd::kEot, static_cast<std::uint8_t>(query)};
}

base::Status ApplyStatusReply(StatusQuery query, std::uint8_t reply, PrinterStatus* status) {
  if ((reply & kFixedMask) != kFixedValue) {
    char msg[96];
    std::snprintf(msg, sizeof msg, "reply 0x%02x to DLE EOT %d has wrong fixed bits", reply,
                  static_cast<int>(query));
    return base::Status::Corruption("bad_status_reply", msg);
  }
  switch (query) {
    case StatusQuery::kPrinter:
      status->drawer_pin3_high = Bit(reply, 2);
      status->online = !Bit(reply, 3);
      break;
    case StatusQuery::kOfflineCause:
      status->cover_open = Bit(reply, 2);
      status->feed_button = Bit(reply, 3);
      // Only ever sets paper_out: the n=4 sensor may already have seen the
      // end of the roll before printing stopped on it.
      if (Bit(reply, 5)) status->paper_out = true;
      status->error = Bit(reply, 6);
      break;
    case StatusQuery::kErrorCause:
      status->cutter_error = Bit(reply, 3);
      status->unrecoverable_error = Bit(reply, 5);
      status->auto_recoverable_error = Bit(reply, 6);
      break;
    case StatusQuery::kPaperSensor:
      status->paper_near_end = Bit(reply, 2) || Bit(reply, 3);
      if (Bit(reply, 5) || Bit(reply, 6)) status->paper_out = true;
      break;
    default: {
      char msg[64];
      std::snprintf(msg, sizeof msg, "DLE EOT %d is not a status query", static_cast<int>(query));
      return base::Status::InvalidArgument("bad_status_query", msg);
    }
  }
  return base::Status::Ok();
}

std::uint8_t EncodeStatusReply(StatusQuery query, const PrinterStatus& s) {
  auto bit = [](bool on, int n) { return on ? 1U << n : 0U; };
  unsigned b = kFixedValue;
  switch (query) {
    case StatusQuery::kPrinter:
      b |= bit(s.drawer_pin3_high, 2) | bit(!s.online, 3);
      break;
    case StatusQuery::kOfflineCause:
      b |= bit(s.cover_open, 2) | bit(s.feed_button, 3) | bit(s.paper_out, 5) | bit(s.error, 6);
      break;
    case StatusQuery::kErrorCause:
      b |= bit(s.cutter_error, 3) | bit(s.unrecoverable_error, 5) |
           bit(s.auto_recoverable_error, 6);
      break;
    case StatusQuery::kPaperSensor:
      // Both bits of each pair, as Epson printers set them.
      b |= bit(s.paper_near_end, 2) | bit(s.paper_near_end, 3) | bit(s.paper_out, 5) |
           bit(s.paper_out, 6);
      break;
  }
  return static_cast<std::uint8_t>(b);
}

std::string Describe(const PrinterStatus& status) {
  std::vector<const char*> problems;
  if (status.cover_open) problems.push_back("cover open");
  if (status.paper_out) problems.push_back("paper out");
  if (status.cutter_error) problems.push_back("cutter jammed");
  if (status.unrecoverable_error) problems.push_back("hardware fault");
  if (status.auto_recoverable_error) problems.push_back("print head too hot");
  if (status.error && !status.cutter_error && !status.unrecoverable_error &&
      !status.auto_recoverable_error) {
    problems.push_back("error");
  }
  if (status.feed_button) problems.push_back("feed button held");

  std::string out;
  if (problems.empty()) {
    out = status.online ? "ready" : "offline";
  } else {
    out = status.online ? "ready, but: " : "offline: ";
    for (size_t i = 0; i < problems.size(); ++i) {
      if (i > 0) out += ", ";
      out += problems[i];
    }
  }
  if (status.paper_near_end && !status.paper_out) out += ", paper low";
  return out;
}

}  // namespace gb::escpos
