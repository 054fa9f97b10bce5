#include "tests/drivers/usb/usb_testbed.h"

#include <umockdev.h>

namespace gb::usb::testing {

UsbTestbed::UsbTestbed()
    : testbed_(umockdev_testbed_new()),
      // Only meaningful after umockdev_testbed_new(), which sets
      // $UMOCKDEV_DIR; the answer is cached on the first call.
      mocked_(umockdev_in_mock_environment() != 0) {}

UsbTestbed::~UsbTestbed() {
  devices_.clear();
  g_object_unref(testbed_);
}

MockUsbDevice& UsbTestbed::AddUnplugged(UsbDeviceSpec spec) {
  int first_devnum = 10 * static_cast<int>(devices_.size() + 1);
  devices_.push_back(std::make_unique<MockUsbDevice>(testbed_, std::move(spec), first_devnum));
  return *devices_.back();
}

MockUsbDevice& UsbTestbed::Add(UsbDeviceSpec spec) {
  MockUsbDevice& device = AddUnplugged(std::move(spec));
  device.Plug();
  return device;
}

}  // namespace gb::usb::testing
