// Test support: one emulated USB device on a umockdev testbed, driven
// through libusb's real code path (tests/drivers/usb run under
// libumockdev-preload; see shared/notes/usb-testing.md).
//
// The device answers the usbdevfs ioctls libusb 1.0.26 sends:
// GET_CAPABILITIES, GETDRIVER, IOCTL (kernel driver disconnect/connect),
// DISCONNECT_CLAIM, CLAIM/RELEASEINTERFACE, CLEAR_HALT, SUBMITURB,
// REAPURB(NDELAY), DISCARDURB, and control transfers for string and HID
// report descriptors; anything else completes with ENOTTY.
//
// Behaviour: the endpoints act as MockEndpoints describes (capture OUT,
// answer IN from a queue, DLE EOT replies, stalls, a device that stops
// reading); the interface as MockInterface describes (kernel driver, claim).
//   IN urbs      without queued data wait, until libusb discards them on
//                timeout.
//   Unplug()     pending urbs complete with -ENODEV, new requests fail with
//                ENODEV, then the interface node and the device node go
//                (with "remove" uevents). Plug() brings it back at the next
//                device number, as a real replug does.
//
// Thread-safety: umockdev calls the handler on its own thread; every method
// here may be called from the test thread at the same time (one mutex).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/drivers/usb/mock_endpoints.h"
#include "tests/drivers/usb/mock_interface.h"
#include "tests/drivers/usb/usb_device_spec.h"

typedef struct _UMockdevTestbed UMockdevTestbed;
typedef struct _UMockdevIoctlBase UMockdevIoctlBase;
typedef struct _UMockdevIoctlClient UMockdevIoctlClient;
typedef struct _UMockdevIoctlData UMockdevIoctlData;

namespace gb::usb::testing {

class MockUsbDevice {
 public:
  // Does not plug the device in; call Plug().
  MockUsbDevice(UMockdevTestbed* testbed, UsbDeviceSpec spec, int first_devnum);
  ~MockUsbDevice();
  MockUsbDevice(const MockUsbDevice&) = delete;
  MockUsbDevice& operator=(const MockUsbDevice&) = delete;

  void Plug();
  void Unplug();
  int devnum() const;

  // Behaviour.
  void QueueIn(std::uint8_t endpoint, std::vector<std::uint8_t> bytes);
  void SetStatusReply(std::uint8_t n, std::uint8_t reply);
  void StallNext(std::uint8_t endpoint);
  void HoldOut(bool hold);    // OUT urbs stay pending (a printer that stopped reading)
  void HoldOutAfter(size_t bytes);  // the same, once `bytes` were written in all
  void FailClaim(int error);  // CLAIMINTERFACE and DISCONNECT_CLAIM fail with errno

  // Observations.
  struct Observed {
    std::vector<std::uint8_t> written;    // every OUT byte accepted, in order
    std::vector<int> out_transfer_sizes;  // one entry per OUT urb
    bool claimed = false;
    bool kernel_driver_bound = false;
    int driver_detaches = 0;
    int halts_cleared = 0;
  };
  Observed observed() const;
  // Waits until an urb for `endpoint` is pending (submitted, unanswered).
  bool WaitForPending(std::uint8_t endpoint, std::chrono::milliseconds timeout);

 private:
  struct Urb {
    UMockdevIoctlData* urb = nullptr;     // owned reference
    UMockdevIoctlData* buffer = nullptr;  // owned reference; null for 0 bytes
    std::uint8_t type = 0;                // USBDEVFS_URB_TYPE_*
    std::uint8_t endpoint = 0;
    int length = 0;
    // The answer, written into the urb when it is reaped: only the handler
    // thread touches umockdev data.
    int status = 0;
    std::vector<std::uint8_t> in_data;
    int actual = 0;
  };
  // One plug-in: its device number, handler and urbs. Kept after an unplug,
  // since libusb may still hold the old handle.
  struct Session {
    MockUsbDevice* owner = nullptr;
    UMockdevIoctlBase* handler = nullptr;
    int devnum = 0;
    bool gone = false;
    std::deque<Urb> pending;
    std::deque<Urb> reapable;
  };

  static int OnIoctl(UMockdevIoctlBase* handler, UMockdevIoctlClient* client, void* session);
  void HandleIoctl(Session* s, UMockdevIoctlClient* client);  // REQUIRES: mu_ held
  void Submit(Session* s, UMockdevIoctlClient* client);
  void Reap(Session* s, UMockdevIoctlClient* client);
  void Discard(Session* s, UMockdevIoctlClient* client);
  void CompleteInFromQueue(Session* s);
  static void Release(Urb* urb);

  UMockdevTestbed* testbed_;
  const UsbDeviceSpec spec_;

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Session>> sessions_;  // back() is the live one when plugged
  MockInterface interface_;                         // guarded by mu_
  MockEndpoints endpoints_;                         // guarded by mu_
  bool plugged_ = false;
  int next_devnum_;
  int halts_cleared_ = 0;
};

}  // namespace gb::usb::testing
