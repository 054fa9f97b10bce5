// ScannerInput: where groupbuy-kiosk's scans come from (--scanner), handed
// to the UI thread one complete scan at a time.
//
//   wedge        a keyboard-wedge scanner: the display's text and Enter
//                events (OnWedgeText/OnWedgeEnter) go through
//                scanner::WedgeDecoder with require_enter, so only a fast
//                burst ending in Enter is a scan. Keys a person types on a
//                real keyboard are dropped: the kiosk's fields are typed on
//                its on-screen keyboard, and touch never makes key events.
//   usb          the first HID POS scanner libusb finds (usage page 0x8C).
//   usb:VID:PID  that device (hex), HID POS or a boot-keyboard-mode scanner.
//
// USB: a HotplugWatcher on its own thread opens the scanner
// (usb::UsbScanSource) when it arrives and closes it when it leaves, so a
// scanner that is absent at start, unplugged or replugged never stops the
// kiosk. A device that has just arrived is tried for up to a second (its
// interfaces and usbhid's copy of the report descriptor appear after it);
// one that still cannot be opened waits for its next arrival.
// Scans are queued by the scanner's thread and taken by TakeScans()
// on the UI thread. The log gets one line per event (waiting, connected,
// gone, read error), never the text of a scan.
//
// Thread-safety: Start, the On*/TakeScans calls and the destructor belong to
// the UI thread; the USB threads only touch the queue (under a mutex).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "drivers/scanner/wedge_decoder.h"
#include "drivers/usb/usb_device_info.h"

namespace gb::usb {
class UsbContext;
class HotplugWatcher;
class UsbScanSource;
struct HotplugEvent;
}  // namespace gb::usb

namespace gb::shell {

struct ScannerChoice {
  enum class Kind { kWedge, kUsb };
  Kind kind = Kind::kWedge;
  std::optional<usb::UsbId> id;  // kUsb: a fixed device; empty: the first HID POS scanner
};

// "wedge", "usb" or "usb:VID:PID". Fails with "bad_scanner" (InvalidArgument)
// naming the text and the accepted forms (and, for usb:..., what is wrong).
base::Result<ScannerChoice> ParseScannerOption(std::string_view text);

class ScannerInput {
 public:
  using LogFn = std::function<void(const std::string& line)>;

  struct Options {
    ScannerChoice choice;
    LogFn log;                  // default: "groupbuy-kiosk: scanner: ..." on stderr
    int hotplug_poll_ms = 500;  // only when libusb has no hotplug support
  };

  // Fails only when libusb cannot start ("io_error") or the watcher cannot
  // register; no scanner plugged in is not a failure.
  static base::Result<std::unique_ptr<ScannerInput>> Start(Options options);
  ~ScannerInput();
  ScannerInput(const ScannerInput&) = delete;
  ScannerInput& operator=(const ScannerInput&) = delete;

  // Wedge: what the display typed, with its event time (a monotonic ms
  // clock). Ignored with a USB scanner.
  void OnWedgeText(std::string_view utf8, int64_t t_ms);
  void OnWedgeEnter(int64_t t_ms);

  // The complete scans since the last call, oldest first.
  std::vector<std::string> TakeScans();

  // True for USB: scans arrive without any display event, so the UI loop
  // should look at TakeScans() every few tens of milliseconds.
  bool needs_polling() const { return choice_.kind == ScannerChoice::Kind::kUsb; }
  // For the start-up line: "scanner wedge", "scanner usb:0c2e:0b61".
  std::string Describe() const;

 private:
  explicit ScannerInput(Options options, scanner::WedgeDecoder wedge);
  void OnHotplug(const usb::HotplugEvent& event);  // the watcher's thread
  void Push(const std::string& text);              // any USB thread

  ScannerChoice choice_;
  LogFn log_;
  scanner::WedgeDecoder wedge_;

  std::mutex mu_;
  std::vector<std::string> queue_;  // guarded by mu_

  // USB: the source belongs to the watcher's thread while the watcher runs.
  std::shared_ptr<usb::UsbContext> ctx_;
  std::unique_ptr<usb::UsbScanSource> source_;
  std::unique_ptr<usb::HotplugWatcher> watcher_;
};

}  // namespace gb::shell
