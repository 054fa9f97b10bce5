#include "kiosk/app/printer_flow.h"

#include <charconv>
#include <string>

namespace gb::app {
namespace {

StaffStep Queued(ViewModel& vm, const base::Result<int64_t>& job, std::string what,
                 std::string subject) {
  StaffView& st = vm.staff;
  st.printed.clear();
  st.printed_what.clear();
  st.print_refusal.clear();
  if (!job.ok()) {
    st.print_refusal = job.status().reason();
    return StaffStep::kChanged;
  }
  st.printed = std::move(what);
  st.printed_what = std::move(subject);
  return StaffStep::kChanged;
}

StaffStep ReprintCode(PrintDesk& desk, ViewModel& vm, std::string_view code, int64_t now) {
  // A scanned voucher's text is long and not for the screen: staff see
  // "the scanned voucher", a typed code as typed.
  const std::string subject = code.starts_with("GB1:") ? std::string() : std::string(code);
  StaffStep step = Queued(vm, desk.Reprint(code, now), "reprint", subject);
  vm.staff.code.clear();
  return step;
}

}  // namespace

StaffStep PrinterTap(PrintDesk& desk, ViewModel& vm, std::string_view id, int64_t now) {
  StaffView& st = vm.staff;
  // Each id only where its button is: shelf cards on the Deals tab, the rest here.
  if (id.starts_with("shelf-") != (vm.screen == Screen::kStaffDeals)) return StaffStep::kIgnored;
  if (id == "printer-test") return Queued(vm, desk.PrintTestPage(now), "test", "");
  if (id == "printer-reprint") {
    if (st.code.empty()) return StaffStep::kIgnored;
    return ReprintCode(desk, vm, st.code, now);
  }
  if (id.starts_with("shelf-")) {
    uint32_t deal_id = 0;
    const std::string_view digits = id.substr(6);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), deal_id);
    if (ec != std::errc() || end != digits.data() + digits.size()) return StaffStep::kIgnored;
    const std::string lang(i18n::LangCode(vm.lang));
    return Queued(vm, desk.PrintShelfCard(deal_id, lang, now), "shelf", std::to_string(deal_id));
  }
  if (!EditKey(st.code, id, kMaxCodeChars, true)) return StaffStep::kIgnored;
  return StaffStep::kChanged;
}

StaffStep PrinterScan(PrintDesk& desk, ViewModel& vm, std::string_view text, int64_t now) {
  if (text.empty()) return StaffStep::kIgnored;
  return ReprintCode(desk, vm, text, now);
}

}  // namespace gb::app
