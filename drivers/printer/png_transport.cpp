#include "drivers/printer/png_transport.h"

#include <unistd.h>

#include <algorithm>

#include "core/base/file_util.h"

namespace gb::printer {
namespace {

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

bool IsStatusRequest(std::span<const uint8_t> b) {
  return b.size() == 3 && b[0] == 0x10 && b[1] == 0x04 && b[2] >= 1 && b[2] <= 4;
}

// DLE ENQ 2 and ESC @, alone or together: the reset EscposPrinter sends.
bool IsReset(std::span<const uint8_t> b) {
  static constexpr uint8_t kEnq[] = {0x10, 0x05, 0x02};
  static constexpr uint8_t kInit[] = {0x1b, 0x40};
  while (!b.empty()) {
    if (b.size() >= 3 && std::equal(kEnq, kEnq + 3, b.begin())) b = b.subspan(3);
    else if (b.size() >= 2 && std::equal(kInit, kInit + 2, b.begin())) b = b.subspan(2);
    else return false;
  }
  return true;
}

}  // namespace

base::Result<std::unique_ptr<PngTransport>> PngTransport::Create(
    const std::string& dir, const escpos::PrinterProfile& profile) {
  GB_ASSIGN_OR_RETURN(virtual_printer::PngPrinter p, virtual_printer::PngPrinter::Create(dir, profile));
  return std::unique_ptr<PngTransport>(new PngTransport(std::move(p)));
}

escpos::PrinterStatus PngTransport::SimulatedStatus() const {
  const std::string& d = printer_.dir();
  escpos::PrinterStatus s;
  s.paper_out = Exists(d + "/paper-out");
  s.cover_open = Exists(d + "/cover-open");
  s.paper_near_end = Exists(d + "/paper-low");
  s.online = !Exists(d + "/offline") && !s.paper_out && !s.cover_open;
  return s;
}

base::Status PngTransport::Write(std::span<const uint8_t> bytes, int) {
  if (job_.empty() && IsStatusRequest(bytes)) {
    replies_.push_back(
        escpos::EncodeStatusReply(static_cast<escpos::StatusQuery>(bytes[2]), SimulatedStatus()));
    return base::Status::Ok();
  }
  if (job_.empty() && IsReset(bytes)) return base::Status::Ok();
  job_.insert(job_.end(), bytes.begin(), bytes.end());
  return base::Status::Ok();
}

base::Result<size_t> PngTransport::Read(std::span<uint8_t> buf, int) {
  size_t n = std::min(buf.size(), replies_.size());
  std::copy_n(replies_.begin(), n, buf.begin());
  replies_.erase(replies_.begin(), replies_.begin() + static_cast<std::ptrdiff_t>(n));
  if (n == 0) {
    return base::Status::Error(base::Code::kDeadlineExceeded, "timeout",
                               "the virtual printer has no status reply waiting");
  }
  return n;
}

base::Status PngTransport::EndJob() {
  std::vector<uint8_t> job = std::move(job_);
  job_.clear();
  if (!SimulatedStatus().online) {
    return base::Status::Error(base::Code::kUnavailable, "offline",
                               Describe() + " is " + escpos::Describe(SimulatedStatus()));
  }
  GB_ASSIGN_OR_RETURN(last_, printer_.Print(job));
  if (!last_.diagnostics.empty()) {
    std::string log;
    for (const auto& d : last_.diagnostics) log += d.ToString() + "\n";
    std::string path = last_.png_path.substr(0, last_.png_path.size() - 4) + ".log";
    GB_RETURN_IF_ERROR(base::WriteFileAtomic(path, log, 0644, base::Overwrite::kYes));
  }
  return base::Status::Ok();
}

}  // namespace gb::printer
