#include "kiosk/shell/scanner_input.h"

#include <cctype>
#include <chrono>
#include <thread>

#include "core/base/log.h"
#include "drivers/usb/hotplug.h"
#include "drivers/usb/usb_context.h"
#include "drivers/usb/usb_scan_source.h"

namespace gb::shell {
namespace {

base::Status BadScanner(std::string_view text, std::string_view why) {
  return base::Status::InvalidArgument(
      "bad_scanner", "--scanner wants wedge, usb or usb:VID:PID (hex, e.g. usb:0c2e:0b61), not \"" +
                         std::string(text) + "\": " + std::string(why));
}

bool IsHex16(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

constexpr int kOpenAttempts = 20;
constexpr int kOpenRetryMs = 50;

std::string Selector(const ScannerChoice& choice) {
  return choice.id ? "usb:" + usb::ToString(*choice.id) : "usb";
}

}  // namespace

base::Result<ScannerChoice> ParseScannerOption(std::string_view text) {
  if (text == "wedge") return ScannerChoice{};
  if (text != "usb" && !text.starts_with("usb:")) return BadScanner(text, "unknown kind");
  if (text.starts_with("usb:")) {
    // Say which part is wrong: the selector parser only knows "not valid".
    const std::string_view rest = text.substr(4);
    const size_t colon = rest.find(':');
    const std::string_view vid = rest.substr(0, colon);
    if (colon == std::string_view::npos) return BadScanner(text, "the PID is missing");
    const std::string_view pid = rest.substr(colon + 1);
    if (!IsHex16(vid)) return BadScanner(text, "the VID is not 1-4 hex digits");
    if (!IsHex16(pid)) return BadScanner(text, "the PID is not 1-4 hex digits");
  }
  base::Result<usb::UsbSelector> sel = usb::ParseSelector(text);
  if (!sel.ok()) return BadScanner(text, sel.status().message());
  return ScannerChoice{ScannerChoice::Kind::kUsb, sel->id};
}

ScannerInput::ScannerInput(Options options, scanner::WedgeDecoder wedge)
    : choice_(options.choice), log_(std::move(options.log)), wedge_(std::move(wedge)) {}

base::Result<std::unique_ptr<ScannerInput>> ScannerInput::Start(Options options) {
  if (!options.log) {
    options.log = [](const std::string& line) {
      base::LogInfo("groupbuy-kiosk: scanner: " + line);
    };
  }
  // A wedge scan is a burst ending in Enter: without the Enter, a fast
  // typist's word would be taken for a code.
  scanner::WedgeDecoder::Options wopts;
  wopts.require_enter = true;
  GB_ASSIGN_OR_RETURN(scanner::WedgeDecoder wedge, scanner::WedgeDecoder::Create(wopts));
  const int poll_ms = options.hotplug_poll_ms;
  std::unique_ptr<ScannerInput> in(new ScannerInput(std::move(options), std::move(wedge)));
  if (in->choice_.kind == ScannerChoice::Kind::kWedge) return in;

  GB_ASSIGN_OR_RETURN(in->ctx_, usb::UsbContext::Create());
  std::vector<usb::UsbId> configured;
  if (in->choice_.id) configured.push_back(*in->choice_.id);
  if (!in->ctx_->FindScanner(Selector(in->choice_), configured).ok()) {
    in->log_("no " + Selector(in->choice_) + " scanner plugged in yet; waiting for one");
  }
  usb::HotplugOptions hopts;
  if (in->choice_.id) {
    hopts.filter.id = in->choice_.id;
  } else {
    hopts.filter.interface_class = 3;  // HID; which of them is a scanner, Open decides
  }
  hopts.report_present = true;  // a scanner already there "arrives" at once
  hopts.poll_interval_ms = poll_ms;
  ScannerInput* self = in.get();
  GB_ASSIGN_OR_RETURN(
      in->watcher_, usb::HotplugWatcher::Start(in->ctx_, hopts, [self](const usb::HotplugEvent& e) {
        self->OnHotplug(e);
      }));
  return in;
}

ScannerInput::~ScannerInput() {
  // The watcher's thread owns the source while it runs: stop it first.
  if (watcher_) watcher_->Stop();
  source_.reset();
}

void ScannerInput::OnHotplug(const usb::HotplugEvent& event) {
  if (event.kind == usb::HotplugEvent::Kind::kLeft) {
    if (source_ && source_->info().bus == event.device.bus &&
        source_->info().address == event.device.address) {
      source_.reset();
      log_("scanner unplugged; waiting for it to come back");
    }
    return;
  }
  if (source_) return;  // one scanner at a time
  std::vector<usb::UsbId> configured;
  if (choice_.id) configured.push_back(*choice_.id);
  base::Result<std::unique_ptr<usb::UsbScanSource>> source =
      base::Status::NotFound("no_device", "not tried");
  // The device arrives before its interfaces are bound: usbhid's copy of the
  // report descriptor (how "usb" tells a scanner from a keyboard) and the
  // interface itself appear a little later, so an early attempt may not see
  // a scanner yet. Blocking this thread only delays other hotplug events.
  for (int attempt = 0; attempt < kOpenAttempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(kOpenRetryMs));
    source = usb::UsbScanSource::Open(
        ctx_, Selector(choice_), [this](const std::string& text) { Push(text); },
        // Only the reason: a report's bytes may be part of a voucher.
        [this](const base::Status& s) {
          if (s.reason() != "unplugged") log_("read error (" + s.reason() + ")");
        },
        configured);
    if (source.ok() || source.status().reason() == "no_permission") break;
  }
  if (!source.ok()) {
    // Another HID device (a keyboard, a touch panel) is not worth a line.
    if (source.status().reason() != "no_device") {
      log_("cannot open " + Selector(choice_) + ": " + source.status().reason());
    }
    return;
  }
  source_ = std::move(*source);
  log_("connected " + usb::Describe(source_->info()) + " (" + source_->mode() + ")");
}

void ScannerInput::Push(const std::string& text) {
  std::lock_guard lock(mu_);
  queue_.push_back(text);
}

void ScannerInput::OnWedgeText(std::string_view utf8, int64_t t_ms) {
  if (choice_.kind != ScannerChoice::Kind::kWedge) return;
  wedge_.OnChar(utf8, t_ms);
}

void ScannerInput::OnWedgeEnter(int64_t t_ms) {
  if (choice_.kind != ScannerChoice::Kind::kWedge) return;
  wedge_.OnEnter(t_ms);
}

std::vector<std::string> ScannerInput::TakeScans() {
  std::vector<std::string> out;
  for (scanner::WedgeEvent& e : wedge_.TakeEvents()) {
    if (auto* s = std::get_if<scanner::Scanned>(&e)) out.push_back(std::move(s->text));
  }
  std::lock_guard lock(mu_);
  for (std::string& s : queue_) out.push_back(std::move(s));
  queue_.clear();
  return out;
}

std::string ScannerInput::Describe() const {
  return choice_.kind == ScannerChoice::Kind::kWedge ? "scanner wedge"
                                                     : "scanner " + Selector(choice_);
}

}  // namespace gb::shell
