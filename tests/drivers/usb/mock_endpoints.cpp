#include "tests/drivers/usb/mock_endpoints.h"

#include <cerrno>

namespace gb::usb::testing {

MockEndpoints::Answer MockEndpoints::Out(std::uint8_t endpoint,
                                         std::span<const std::uint8_t> bytes) {
  if (TakeStall(endpoint)) return Answer{true, -EPIPE, 0};
  if (hold_out_ || written_.size() >= hold_out_after_) return Answer{false, 0, 0};
  size_t before = written_.size();
  written_.insert(written_.end(), bytes.begin(), bytes.end());
  out_transfer_sizes_.push_back(static_cast<int>(bytes.size()));
  // Look back two bytes for a request split across transfers; count each
  // request once, in the transfer that completes it (i + 2 >= before).
  for (size_t i = before >= 2 ? before - 2 : 0; i + 2 < written_.size(); ++i) {
    std::uint8_t n = written_[i + 2];
    if (written_[i] == 0x10 && written_[i + 1] == 0x04 && i + 2 >= before && n >= 1 && n <= 4 &&
        status_endpoint_ != 0) {
      auto it = status_reply_.find(n);
      QueueIn(status_endpoint_, {it == status_reply_.end() ? std::uint8_t{0x12} : it->second});
    }
  }
  return Answer{true, 0, static_cast<int>(bytes.size())};
}

bool MockEndpoints::TakeStall(std::uint8_t endpoint) {
  auto it = stall_next_.find(endpoint);
  if (it == stall_next_.end() || !it->second) return false;
  it->second = false;
  return true;
}

std::optional<std::vector<std::uint8_t>> MockEndpoints::TakeIn(std::uint8_t endpoint) {
  auto q = in_queue_.find(endpoint);
  if (q == in_queue_.end() || q->second.empty()) return std::nullopt;
  std::vector<std::uint8_t> bytes = std::move(q->second.front());
  q->second.pop_front();
  return bytes;
}

void MockEndpoints::QueueIn(std::uint8_t endpoint, std::vector<std::uint8_t> bytes) {
  in_queue_[endpoint].push_back(std::move(bytes));
}

}  // namespace gb::usb::testing
