#include "tests/support/fake_printer.h"

#include <chrono>

namespace gb::test {
namespace {

base::Status Wire(const std::string& reason) {
  return base::Status::Error(base::Code::kUnavailable, reason, "fake printer: " + reason);
}

}  // namespace

void FakePrinter::SetReason(const std::string& reason) {
  std::lock_guard lock(mu_);
  reason_ = reason;
}

void FakePrinter::SetWireFailure(const std::string& reason) {
  std::lock_guard lock(mu_);
  wire_failure_ = reason;
}

void FakePrinter::FailNextPrints(int count, const std::string& reason) {
  std::lock_guard lock(mu_);
  fail_prints_ = count;
  fail_reason_ = reason;
}

std::vector<std::vector<uint8_t>> FakePrinter::jobs() const {
  std::lock_guard lock(mu_);
  return jobs_;
}

int FakePrinter::resets() const {
  std::lock_guard lock(mu_);
  return resets_;
}

bool FakePrinter::WaitForJobs(size_t n, int timeout_ms) const {
  std::unique_lock lock(mu_);
  return changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                           [&] { return jobs_.size() >= n; });
}

base::Result<printer::Readiness> FakePrinter::Check() {
  std::lock_guard lock(mu_);
  if (!wire_failure_.empty()) return Wire(wire_failure_);
  return printer::Readiness{reason_.empty(), true, reason_, reason_.empty() ? "ready" : reason_};
}

base::Status FakePrinter::Print(std::span<const uint8_t> job) {
  std::lock_guard lock(mu_);
  if (!wire_failure_.empty()) return Wire(wire_failure_);
  if (fail_prints_ > 0) {
    --fail_prints_;
    partial_.emplace_back(job.begin(), job.begin() + static_cast<std::ptrdiff_t>(job.size() / 2));
    return Wire(fail_reason_);
  }
  jobs_.emplace_back(job.begin(), job.end());
  changed_.notify_all();
  return base::Status::Ok();
}

base::Status FakePrinter::Reset() {
  std::lock_guard lock(mu_);
  if (!wire_failure_.empty()) return Wire(wire_failure_);
  ++resets_;
  return base::Status::Ok();
}

}  // namespace gb::test
