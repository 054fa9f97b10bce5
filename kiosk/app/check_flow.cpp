#include "kiosk/app/check_flow.h"

namespace gb::app {

void CheckScan(StaffDesk& desk, ViewModel& vm, std::string_view text, int64_t now) {
  vm.check = ShopperCheck{};
  vm.slip = SlipFollow{};
  vm.screen = Screen::kCheck;
  vm.notice.clear();
  base::Result<VoucherCheck> r = desk.Check(text, now);
  if (!r.ok()) {
    vm.check.error = "storage";
    return;
  }
  vm.check.code = std::string(text);
  vm.check.check = std::move(*r);
}

StaffStep CheckTap(StaffDesk& desk, ViewModel& vm, std::string_view id, int64_t now) {
  ShopperCheck& c = vm.check;
  if (id == "done") return StaffStep::kLeave;
  const bool can_cancel = c.check && c.check->can_cancel && !c.cancelled;
  if (id == "check-cancel" && can_cancel && !c.confirming) {
    c.confirming = true;
    return StaffStep::kChanged;
  }
  if (id == "cancel-keep" && c.confirming) {
    c.confirming = false;
    return StaffStep::kChanged;
  }
  if (id != "cancel-confirm" || !c.confirming || !can_cancel) return StaffStep::kIgnored;
  c.confirming = false;
  base::Result<TillOutcome> r = desk.Cancel(c.code, now, std::string(i18n::LangCode(vm.lang)));
  if (!r.ok()) {
    // A refusal (the stop passed meanwhile) or storage: say so, and read
    // the voucher again so the screen shows what is true now.
    c.error = r.status().reason();
    if (base::Result<VoucherCheck> again = desk.Check(c.code, now); again.ok()) c.check = *again;
    return StaffStep::kChanged;
  }
  c.cancelled = true;
  c.refund = r->amount;
  c.code.clear();  // nothing more to do with it
  if (r->print_job_id > 0) {
    vm.slip.job = r->print_job_id;
    vm.slip.pending = true;
  }
  return StaffStep::kChanged;
}

}  // namespace gb::app
