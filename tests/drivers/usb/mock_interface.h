// Test support: the kernel's side of an emulated device's one interface:
// which driver holds it (usblp, usbhid, usbfs for a claim) and the usbdevfs
// ioctls that move it between them.
//
// Not thread-safe: MockUsbDevice calls it under its own mutex.
#pragma once

#include <optional>
#include <string>

typedef struct _UMockdevIoctlData UMockdevIoctlData;

namespace gb::usb::testing {

class MockInterface {
 public:
  // What the ioctl returns: result, and errno when result is -1.
  struct Reply {
    long result = 0;
    int error = 0;
  };

  // `kernel_driver` empty: no driver binds to the interface.
  explicit MockInterface(std::string kernel_driver);

  // Plugged in again: the kernel driver binds, nothing is claimed.
  void Plug();
  void Unplug() { claimed_ = false; }

  // Answers GETDRIVER, IOCTL (DISCONNECT, CONNECT), DISCONNECT_CLAIM,
  // CLAIMINTERFACE and RELEASEINTERFACE; nullopt for any other request.
  // `arg` is the ioctl argument, not yet resolved.
  std::optional<Reply> Handle(unsigned long request, UMockdevIoctlData* arg);

  // Claims fail with this errno (0: they succeed).
  void FailClaim(int error) { claim_error_ = error; }

  bool claimed() const { return claimed_; }
  bool driver_bound() const { return driver_bound_; }
  int driver_detaches() const { return driver_detaches_; }

 private:
  const std::string kernel_driver_;
  bool claimed_ = false;
  bool driver_bound_ = false;
  int driver_detaches_ = 0;
  int claim_error_ = 0;
};

}  // namespace gb::usb::testing
