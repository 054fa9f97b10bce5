// Test support: a umockdev testbed (a private /sys and /dev for this
// process) holding emulated USB devices.
//
// Create it before the UsbContext and destroy it after (declare it first in
// a fixture): libusb's udev monitor is bound to the testbed that exists when
// the context starts.
#pragma once

#include <memory>
#include <vector>

#include "tests/drivers/usb/mock_usb_device.h"
#include "tests/drivers/usb/usb_device_spec.h"

namespace gb::usb::testing {

class UsbTestbed {
 public:
  UsbTestbed();
  ~UsbTestbed();
  UsbTestbed(const UsbTestbed&) = delete;
  UsbTestbed& operator=(const UsbTestbed&) = delete;

  // False when the process runs without libumockdev-preload: then libusb
  // sees the real (empty) machine and every emulation test must fail loudly.
  bool mocked() const { return mocked_; }

  // Adds the device and plugs it in. Each device gets its own range of ten
  // device numbers, so replugs never collide.
  MockUsbDevice& Add(UsbDeviceSpec spec);
  // Adds it unplugged.
  MockUsbDevice& AddUnplugged(UsbDeviceSpec spec);

 private:
  UMockdevTestbed* testbed_;
  bool mocked_;
  std::vector<std::unique_ptr<MockUsbDevice>> devices_;
};

}  // namespace gb::usb::testing
