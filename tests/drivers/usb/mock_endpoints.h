// Test support: what an emulated device does with the bytes on its
// endpoints, apart from how usbdevfs carries them (MockUsbDevice's job).
//
//   OUT      captured (written()) and accepted whole, unless HoldOut() (the
//            device stops reading) or StallNext() (the endpoint stalls).
//            A DLE EOT n in the OUT stream, even split across transfers,
//            queues the reply set with SetStatusReply (default 0x12, "all
//            clear") on the status endpoint.
//   IN       answered from QueueIn()'s queue, one queued buffer per transfer.
//
// Not thread-safe: MockUsbDevice calls it under its own mutex.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace gb::usb::testing {

class MockEndpoints {
 public:
  // `status_endpoint`: the bulk IN endpoint DLE EOT replies go to; 0 for none.
  explicit MockEndpoints(std::uint8_t status_endpoint) : status_endpoint_(status_endpoint) {}

  struct Answer {
    bool now = true;  // false: the transfer stays pending
    int status = 0;   // urb status: 0 or -EPIPE
    int actual = 0;   // bytes accepted
  };
  Answer Out(std::uint8_t endpoint, std::span<const std::uint8_t> bytes);

  // True (once) if a stall was armed for this endpoint.
  bool TakeStall(std::uint8_t endpoint);
  // The next queued IN buffer for this endpoint, if any.
  std::optional<std::vector<std::uint8_t>> TakeIn(std::uint8_t endpoint);

  void QueueIn(std::uint8_t endpoint, std::vector<std::uint8_t> bytes);
  void SetStatusReply(std::uint8_t n, std::uint8_t reply) { status_reply_[n] = reply; }
  void StallNext(std::uint8_t endpoint) { stall_next_[endpoint] = true; }
  void HoldOut(bool hold) {
    hold_out_ = hold;
    if (!hold) hold_out_after_ = SIZE_MAX;
  }
  // Accepts OUT bytes until `bytes` have been written in all, then holds.
  void HoldOutAfter(size_t bytes) { hold_out_after_ = bytes; }

  const std::vector<std::uint8_t>& written() const { return written_; }
  const std::vector<int>& out_transfer_sizes() const { return out_transfer_sizes_; }

 private:
  const std::uint8_t status_endpoint_;
  bool hold_out_ = false;
  size_t hold_out_after_ = SIZE_MAX;
  std::map<std::uint8_t, bool> stall_next_;
  std::map<std::uint8_t, std::deque<std::vector<std::uint8_t>>> in_queue_;
  std::map<std::uint8_t, std::uint8_t> status_reply_;
  std::vector<std::uint8_t> written_;
  std::vector<int> out_transfer_sizes_;
};

}  // namespace gb::usb::testing
