#include "drivers/usb/usb_scan_source.h"

#include <mutex>
#include <optional>
#include <variant>
#include <vector>

#include "drivers/scanner/boot_keyboard_decoder.h"
#include "drivers/scanner/hid_pos_decoder.h"
#include "drivers/scanner/hid_report_descriptor.h"

namespace gb::usb {

struct UsbScanSource::State {
  ScanCallback on_scan;
  ErrorCallback on_error;
  std::mutex mu;
  // Reports can arrive before Open() has read the descriptor and chosen the
  // decoder; they wait here until it has.
  std::vector<std::pair<base::Status, std::vector<uint8_t>>> early;
  std::optional<std::variant<scanner::HidPosDecoder, scanner::BootKeyboardDecoder>> decoder;
  std::string mode;

  void Handle(const base::Status& status, std::span<const uint8_t> report) {
    if (!status.ok()) {
      on_error(status);
      return;
    }
    if (auto* pos = std::get_if<scanner::HidPosDecoder>(&*decoder)) {
      auto scan = pos->OnReport(report);
      if (!scan.ok()) on_error(scan.status());
      else if (*scan) on_scan((*scan)->data);
      return;
    }
    auto& kb = std::get<scanner::BootKeyboardDecoder>(*decoder);
    auto events = kb.OnReport(report);
    if (!events.ok()) {
      on_error(events.status());
      return;
    }
    for (const auto& e : *events) {
      if (const auto* scan = std::get_if<scanner::KeyboardScan>(&e)) on_scan(scan->text);
    }
  }

  void OnReport(const base::Status& status, std::span<const uint8_t> report) {
    std::lock_guard lock(mu);
    if (!decoder) {
      early.emplace_back(status, std::vector<uint8_t>(report.begin(), report.end()));
      return;
    }
    Handle(status, report);
  }
};

base::Result<std::unique_ptr<UsbScanSource>> UsbScanSource::Open(std::shared_ptr<UsbContext> ctx,
                                                                 std::string_view selector,
                                                                 ScanCallback on_scan,
                                                                 ErrorCallback on_error,
                                                                 std::span<const UsbId> configured) {
  auto state = std::make_shared<State>();
  state->on_scan = std::move(on_scan);
  state->on_error = std::move(on_error);
  GB_ASSIGN_OR_RETURN(
      std::unique_ptr<UsbHidScanner> scanner,
      UsbHidScanner::Open(
          std::move(ctx), selector,
          [state](const base::Status& s, std::span<const uint8_t> r) { state->OnReport(s, r); },
          configured));
  {
    std::lock_guard lock(state->mu);
    auto layout = scanner::ParseHidPosLayout(scanner->report_descriptor());
    auto pos = layout.ok() ? scanner::HidPosDecoder::Create(*layout)
                           : base::Result<scanner::HidPosDecoder>(layout.status());
    if (pos.ok()) {
      state->decoder.emplace(std::move(pos).value());
      state->mode = "hid-pos";
    } else {
      state->decoder.emplace(scanner::BootKeyboardDecoder());
      state->mode = "keyboard";
    }
    for (auto& [s, r] : state->early) state->Handle(s, r);
    state->early.clear();
  }
  return std::unique_ptr<UsbScanSource>(new UsbScanSource(std::move(state), std::move(scanner)));
}

UsbScanSource::UsbScanSource(std::shared_ptr<State> state, std::unique_ptr<UsbHidScanner> scanner)
    : state_(std::move(state)), scanner_(std::move(scanner)) {}

UsbScanSource::~UsbScanSource() { scanner_->Stop(); }

const UsbDeviceInfo& UsbScanSource::info() const { return scanner_->info(); }
const std::string& UsbScanSource::mode() const { return state_->mode; }

}  // namespace gb::usb
