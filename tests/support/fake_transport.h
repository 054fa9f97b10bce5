// FakeTransport: the in-memory printer::Transport for tests of printer
// protocols (gb_printer_support: linked by tests only).
// Records every write, answers reads from a script (or from a function of
// the last request), and can fail after N operations with a chosen reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "drivers/printer/transport.h"

namespace gb::test {

class FakeTransport final : public printer::Transport {
 public:
  // Replies to a read, given everything written so far; nullopt = no bytes.
  using Responder = std::function<std::vector<uint8_t>(const std::vector<uint8_t>& written)>;

  void SetResponder(Responder r) { responder_ = std::move(r); }
  // After `ops` more successful writes and reads, every call fails with reason.
  void FailAfter(int ops, std::string reason) {
    fail_after_ = ops;
    fail_reason_ = std::move(reason);
  }
  const std::vector<uint8_t>& written() const { return written_; }
  int jobs_ended() const { return jobs_ended_; }

  base::Status Write(std::span<const uint8_t> bytes, int timeout_ms) override;
  base::Result<size_t> Read(std::span<uint8_t> buf, int timeout_ms) override;
  base::Status EndJob() override;
  std::string Describe() const override { return "fake transport"; }

 private:
  base::Status Tick();

  Responder responder_;
  std::vector<uint8_t> written_;
  int fail_after_ = -1;
  std::string fail_reason_;
  int jobs_ended_ = 0;
};

}  // namespace gb::test
