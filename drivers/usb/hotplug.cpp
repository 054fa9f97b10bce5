#include "drivers/usb/hotplug.h"

#include <libusb.h>

#include <chrono>
#include <utility>

#include "drivers/usb/device_scan.h"
#include "drivers/usb/usb_error.h"

namespace gb::usb {
namespace {

// How long one round of event handling may block: bounds how late an event
// queued by another thread's event handling is delivered.
constexpr long kEventTickUs = 50'000;

std::uint16_t Key(const UsbDeviceInfo& d) {
  return static_cast<std::uint16_t>((d.bus << 8) | d.address);
}

}  // namespace

// libusb's callback type names libusb_hotplug_event, which hotplug.h cannot
// (libusb.h stays out of headers), so the callback lives here.
class HotplugTrampoline {
 public:
  static int Fn(libusb_context*, libusb_device* device, libusb_hotplug_event event, void* self) {
    static_cast<HotplugWatcher*>(self)->OnLibusbEvent(device,
                                                      event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED);
    return 0;  // stay registered
  }
};

base::Result<std::unique_ptr<HotplugWatcher>> HotplugWatcher::Start(std::shared_ptr<UsbContext> ctx,
                                                                    HotplugOptions options,
                                                                    Callback callback) {
  bool polling = options.force_polling || !libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG);
  std::unique_ptr<HotplugWatcher> w(
      new HotplugWatcher(std::move(ctx), std::move(options), std::move(callback), polling));
  if (w->polling_) {
    w->Poll(w->options_.report_present);
  } else {
    int vid = LIBUSB_HOTPLUG_MATCH_ANY;
    int pid = LIBUSB_HOTPLUG_MATCH_ANY;
    // Let libusb filter by id only when the id is the whole filter.
    if (w->options_.filter.id && !w->options_.filter.interface_class) {
      vid = w->options_.filter.id->vid;
      pid = w->options_.filter.id->pid;
    }
    auto flags = w->options_.report_present ? LIBUSB_HOTPLUG_ENUMERATE : LIBUSB_HOTPLUG_NO_FLAGS;
    // With ENUMERATE, libusb calls OnLibusbEvent for present devices
    // before this returns; they wait in the queue for the thread.
    int r = libusb_hotplug_register_callback(
        w->ctx_->raw(),
        static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                          LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        flags, vid, pid, LIBUSB_HOTPLUG_MATCH_ANY, &HotplugTrampoline::Fn, w.get(),
        &w->hotplug_handle_);
    if (r != LIBUSB_SUCCESS) return UsbError(r, "registering a hotplug callback", "usb");
    w->registered_ = true;
  }
  w->thread_ = std::thread([raw = w.get()] { raw->Run(); });
  return w;
}

HotplugWatcher::HotplugWatcher(std::shared_ptr<UsbContext> ctx, HotplugOptions options,
                               Callback callback, bool polling)
    : ctx_(std::move(ctx)),
      options_(std::move(options)),
      callback_(std::move(callback)),
      polling_(polling) {}

HotplugWatcher::~HotplugWatcher() { Stop(); }

void HotplugWatcher::Stop() {
  if (registered_) {
    // After this returns libusb calls OnLibusbEvent no more.
    libusb_hotplug_deregister_callback(ctx_->raw(), hotplug_handle_);
    registered_ = false;
  }
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  libusb_interrupt_event_handler(ctx_->raw());
  if (thread_.joinable()) thread_.join();
}

// Runs on whichever thread is handling libusb events; only queues.
void HotplugWatcher::OnLibusbEvent(libusb_device* device, bool arrived) {
  UsbDeviceInfo info = internal::BasicInfo(device);
  // Matching reads cached descriptors only, which libusb allows here.
  bool matches = arrived && MatchesFilter(device);
  std::lock_guard lock(mu_);
  if (matches) {
    // libusb 1.0.26 can report a device twice: once when ENUMERATE lists it
    // and again for an arrival it had queued before the registration.
    auto it = known_.find(Key(info));
    if (it != known_.end() && it->second.id == info.id) return;
    known_[Key(info)] = info;
    Queue(HotplugEvent::Kind::kArrived, info);
  } else if (!arrived) {
    auto it = known_.find(Key(info));
    if (it != known_.end()) {
      Queue(HotplugEvent::Kind::kLeft, it->second);
      known_.erase(it);
    }
  }
}

bool HotplugWatcher::MatchesFilter(libusb_device* device) const {
  const HotplugFilter& f = options_.filter;
  if (!f.id && !f.interface_class) return true;
  if (f.id && internal::BasicInfo(device).id == *f.id) return true;
  if (f.interface_class) {
    for (const internal::InterfaceEndpoints& e : internal::ListInterfaces(device)) {
      if (e.interface_class == *f.interface_class) return true;
    }
  }
  return false;
}

void HotplugWatcher::Queue(HotplugEvent::Kind kind, const UsbDeviceInfo& device) {
  queue_.push_back(HotplugEvent{kind, device});
}

std::map<std::uint16_t, UsbDeviceInfo> HotplugWatcher::ScanMatching() const {
  std::map<std::uint16_t, UsbDeviceInfo> now;
  // A failed scan looks like "no change"; the next one will tell.
  base::Status st = internal::ForEachDevice(ctx_->raw(), [&](libusb_device* device) {
    if (MatchesFilter(device)) {
      UsbDeviceInfo info = internal::BasicInfo(device);
      now[Key(info)] = info;
    }
  });
  return st.ok() ? now : std::map<std::uint16_t, UsbDeviceInfo>{};
}

void HotplugWatcher::Poll(bool report) {
  std::map<std::uint16_t, UsbDeviceInfo> now = ScanMatching();
  std::lock_guard lock(mu_);
  if (report) {
    for (const auto& [key, info] : known_) {
      auto it = now.find(key);
      // A different id at the same address is a replug we slept through.
      if (it == now.end() || it->second.id != info.id) Queue(HotplugEvent::Kind::kLeft, info);
    }
    for (const auto& [key, info] : now) {
      auto it = known_.find(key);
      if (it == known_.end() || it->second.id != info.id) {
        Queue(HotplugEvent::Kind::kArrived, info);
      }
    }
  }
  known_ = std::move(now);
}

void HotplugWatcher::Run() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      if (stop_) return;
    }
    if (polling_) {
      {
        std::unique_lock lock(mu_);
        wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_interval_ms),
                       [this] { return stop_; });
        if (stop_) return;
      }
      Poll(true);
    } else {
      timeval tv{0, kEventTickUs};
      libusb_handle_events_timeout_completed(ctx_->raw(), &tv, nullptr);
    }
    Deliver();
  }
}

void HotplugWatcher::Deliver() {
  for (;;) {
    HotplugEvent event;
    {
      std::lock_guard lock(mu_);
      if (stop_ || queue_.empty()) return;
      event = std::move(queue_.front());
      queue_.pop_front();
    }
    callback_(event);
  }
}

}  // namespace gb::usb
