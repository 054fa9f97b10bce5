// HotplugWatcher: tells when a matching USB device arrives or leaves.
//
// Uses libusb's hotplug callbacks where libusb has them
// (LIBUSB_CAP_HAS_HOTPLUG: Linux with udev or netlink), and otherwise polls
// the device list every poll_interval_ms and reports the difference.
//
// A device matches when the filter is empty, when its vid:pid is filter.id,
// or when one of its interfaces has class filter.interface_class. "Left" is
// reported only for devices that were reported as arrived (a departed device
// can no longer be asked for its interfaces), keyed by bus and address, and
// a device is reported as arrived once until it leaves.
//
// Thread-safety: the watcher owns one thread. It pumps libusb events (which
// also serves transfers of other objects on the same context) and calls the
// callback there, one event at a time, outside any libusb callback, so the
// callback may open devices (UsbPrinter::Open) but should return quickly.
// Start() and Stop()/the destructor are called from one owning thread.
// REQUIRES: the callback does not call Stop() or destroy the watcher.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/base/result.h"
#include "drivers/usb/usb_context.h"
#include "drivers/usb/usb_device_info.h"

struct libusb_device;

namespace gb::usb {

struct HotplugFilter {
  std::optional<UsbId> id;
  std::optional<std::uint8_t> interface_class;  // 7 printer, 3 HID
};

struct HotplugEvent {
  enum class Kind { kArrived, kLeft };
  Kind kind = Kind::kArrived;
  UsbDeviceInfo device;  // bus, address and id; no strings (not read here)
};

struct HotplugOptions {
  HotplugFilter filter;
  bool report_present = true;  // devices present at Start() count as arrivals
  bool force_polling = false;  // poll even when libusb has hotplug support
  int poll_interval_ms = 500;
};

class HotplugWatcher {
 public:
  using Callback = std::function<void(const HotplugEvent&)>;

  // Fails with "io_error" if libusb refuses the callback registration.
  static base::Result<std::unique_ptr<HotplugWatcher>> Start(std::shared_ptr<UsbContext> ctx,
                                                             HotplugOptions options,
                                                             Callback callback);
  ~HotplugWatcher();  // Stop()
  HotplugWatcher(const HotplugWatcher&) = delete;
  HotplugWatcher& operator=(const HotplugWatcher&) = delete;

  // Idempotent. When it returns, the thread has ended and no callback runs;
  // events not yet delivered are dropped.
  void Stop();

  bool polling() const { return polling_; }

 private:
  HotplugWatcher(std::shared_ptr<UsbContext> ctx, HotplugOptions options, Callback callback,
                 bool polling);

  friend class HotplugTrampoline;  // the libusb callback, in hotplug.cpp
  void OnLibusbEvent(libusb_device* device, bool arrived);
  bool MatchesFilter(libusb_device* device) const;
  void Queue(HotplugEvent::Kind kind, const UsbDeviceInfo& device);  // REQUIRES: mu_ held
  std::map<std::uint16_t, UsbDeviceInfo> ScanMatching() const;
  void Poll(bool report);  // polling mode: diff the device list against known_
  void Run();
  void Deliver();

  std::shared_ptr<UsbContext> ctx_;
  HotplugOptions options_;
  Callback callback_;
  bool polling_;
  int hotplug_handle_ = 0;
  bool registered_ = false;

  std::mutex mu_;
  std::condition_variable wake_;  // polling mode sleeps on it
  bool stop_ = false;
  std::deque<HotplugEvent> queue_;
  std::map<std::uint16_t, UsbDeviceInfo> known_;  // reported as arrived; key bus << 8 | address
  std::thread thread_;
};

}  // namespace gb::usb
