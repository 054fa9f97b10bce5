#include "drivers/printer/escpos_printer.h"

#include <array>

#include "drivers/escpos/realtime_status.h"

namespace gb::printer {

EscposPrinter::EscposPrinter(TransportFactory factory, const escpos::PrinterProfile& profile,
                             EscposPrinterOptions options)
    : factory_(std::move(factory)), profile_(profile), options_(options) {}

std::string EscposPrinter::Describe() const {
  return transport_ ? transport_->Describe() : (last_name_.empty() ? "printer" : last_name_);
}

base::Status EscposPrinter::EnsureOpen() {
  if (transport_) return base::Status::Ok();
  GB_ASSIGN_OR_RETURN(transport_, factory_());
  last_name_ = transport_->Describe();
  return base::Status::Ok();
}

base::Status EscposPrinter::Fail(base::Status s) {
  const std::string& r = s.reason();
  if (r == "unplugged" || r == "no_device" || r == "io_error" || r == "stall") transport_.reset();
  return s;
}

base::Result<Readiness> EscposPrinter::Check() {
  GB_RETURN_IF_ERROR(EnsureOpen());
  escpos::PrinterStatus status;
  using Q = escpos::StatusQuery;
  for (Q q : {Q::kPrinter, Q::kOfflineCause, Q::kPaperSensor}) {
    auto request = escpos::StatusRequest(q);
    base::Status w = transport_->Write(request, options_.status_timeout_ms);
    if (!w.ok()) return Fail(w);
    std::array<uint8_t, 8> reply{};
    auto n = transport_->Read(reply, options_.status_timeout_ms);
    if (!n.ok()) return Fail(n.status());
    if (*n == 0) return Readiness{true, false, "", "no status (the wire has no way back)"};
    // The last byte is the answer; earlier ones are stale replies to a query
    // that timed out before.
    GB_RETURN_IF_ERROR(escpos::ApplyStatusReply(q, reply[*n - 1], &status));
  }
  Readiness r;
  r.detail = escpos::Describe(status);
  if (status.paper_out) r.reason = "paper_out";
  else if (status.cover_open) r.reason = "cover_open";
  else if (status.error || status.cutter_error || status.unrecoverable_error) r.reason = "error";
  else if (!status.online) r.reason = "offline";
  r.ready = r.reason.empty();
  return r;
}

base::Status EscposPrinter::Print(std::span<const uint8_t> job) {
  GB_RETURN_IF_ERROR(EnsureOpen());
  for (size_t off = 0; off < job.size(); off += options_.chunk_bytes) {
    auto chunk = job.subspan(off, std::min(options_.chunk_bytes, job.size() - off));
    base::Status s = transport_->Write(chunk, options_.write_timeout_ms);
    if (!s.ok()) return Fail(s);
  }
  base::Status end = transport_->EndJob();
  return end.ok() ? end : Fail(end);
}

base::Status EscposPrinter::Reset() {
  GB_RETURN_IF_ERROR(EnsureOpen());
  // DLE ENQ 2 recovers from an error and clears the receive and print
  // buffers; ESC @ restores the defaults.
  static constexpr std::array<uint8_t, 5> kReset{0x10, 0x05, 0x02, 0x1b, 0x40};
  base::Status s = transport_->Write(kReset, options_.write_timeout_ms);
  return s.ok() ? s : Fail(s);
}

}  // namespace gb::printer
