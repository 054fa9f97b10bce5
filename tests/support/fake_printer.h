// FakePrinter: the in-memory printer::Printer for tests of everything above
// the wire (gb_printer_support: linked by tests only, never by a product target).
// A test scripts its readiness and failures; it records every job printed.
// Thread-safe: the print queue's worker and the test thread both use it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "drivers/printer/printer.h"

namespace gb::test {

class FakePrinter final : public printer::Printer {
 public:
  explicit FakePrinter(const escpos::PrinterProfile& profile) : profile_(profile) {}

  // Not ready with this reason ("" = ready) until told otherwise.
  void SetReason(const std::string& reason);
  // The wire fails Check and Print with this transport reason ("" = works).
  void SetWireFailure(const std::string& reason);
  // The next `count` Print calls fail with `reason` after writing half the job.
  void FailNextPrints(int count, const std::string& reason);

  std::vector<std::vector<uint8_t>> jobs() const;
  int resets() const;
  // Waits until at least n jobs were printed; false on timeout.
  bool WaitForJobs(size_t n, int timeout_ms) const;

  base::Result<printer::Readiness> Check() override;
  base::Status Print(std::span<const uint8_t> job) override;
  base::Status Reset() override;
  const escpos::PrinterProfile& profile() const override { return profile_; }
  std::string Describe() const override { return "fake printer"; }

 private:
  escpos::PrinterProfile profile_;
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  std::string reason_;
  std::string wire_failure_;
  int fail_prints_ = 0;
  std::string fail_reason_;
  std::vector<std::vector<uint8_t>> jobs_;
  std::vector<std::vector<uint8_t>> partial_;  // halves of failed jobs
  int resets_ = 0;
};

}  // namespace gb::test
