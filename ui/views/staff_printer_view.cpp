// Staff's Printer tab: the printer's state in words and its queue, a test
// page and a reprint of a voucher (scanned, or its short code on the
// keypad); shelf cards are on the Deals tab, one button per deal. What was queued, or why not, is
// said in one line; the worker prints, so nothing here waits for paper.
#include <memory>

#include "ui/box.h"
#include "ui/button.h"
#include "ui/column.h"
#include "ui/field.h"
#include "ui/keypad.h"
#include "ui/label.h"
#include "ui/row.h"
#include "ui/views/metrics.h"
#include "ui/views/staff_tabs.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

constexpr ui::Color kReadyFill{0x1B, 0x5E, 0x20, 0xFF};     // as VALID: go
constexpr ui::Color kNotReadyFill{0xB7, 0x1C, 0x1C, 0xFF};  // as a refusal: act now

std::unique_ptr<ui::Widget> StatePanel(const app::ViewModel& vm, const i18n::Catalog& cat,
                                       const Metrics& m) {
  const app::PrinterState& p = vm.printer;
  auto panel = std::make_unique<ui::Column>("printer-state");
  panel->set_padding(m.Px(28)).set_spacing(m.Px(12));
  panel->set_fill(p.ready ? kReadyFill : kNotReadyFill, m.Px(24));
  panel->Add(std::make_unique<ui::Label>(PrinterReason(p, cat), m.Font(52, ui::Weight::kBold)))
      ->set_role(ui::TextRole::kOnPrimary)
      .set_align(ui::Align::kCenter);
  panel
      ->Add(std::make_unique<ui::Label>(
          cat.Text("printer.queue",
                   {{"waiting", std::to_string(p.waiting)}, {"held", std::to_string(p.held)}}),
          m.Font(36), "printer-queue"))
      ->set_role(ui::TextRole::kOnPrimary)
      .set_align(ui::Align::kCenter);
  // Why, in the driver's words ("open /dev/usb/lp0: Permission denied"):
  // what a technician needs when the reason alone says too little.
  if (!p.ready && !p.detail.empty() && p.detail != p.reason) {
    panel
        ->Add(std::make_unique<ui::Label>(cat.Text("printer.detail", {{"detail", p.detail}}),
                                          m.Font(32), "printer-detail"))
        ->set_role(ui::TextRole::kOnPrimary)
        .set_max_lines(3)
        .set_align(ui::Align::kCenter);
  }
  return panel;
}

}  // namespace

void PrintOutcome(ui::Column& col, const app::ViewModel& vm, const i18n::Catalog& cat,
                  const Metrics& m) {
  const app::StaffView& st = vm.staff;
  if (!st.print_refusal.empty()) {
    const std::string key = "printer.refusal." + st.print_refusal;
    auto* box = col.Add(std::make_unique<ui::Column>("printer-error"));
    box->set_padding(m.Px(20)).set_fill(kErrorFill, m.Px(20));
    box->Add(std::make_unique<ui::Label>(
        cat.Has(key) ? cat.Text(key) : cat.Text("printer.refusal.other"),
        m.Font(40, ui::Weight::kBold)));
    return;
  }
  if (st.printed.empty()) return;
  std::string words;
  if (st.printed == "reprint") {
    words = st.printed_what.empty() ? cat.Text("printer.done.reprint_scanned")
                                    : cat.Text("printer.done.reprint", {{"code", st.printed_what}});
  } else if (st.printed == "shelf") {
    std::string title = st.printed_what;
    for (const app::DealInfo& d : vm.deals) {
      if (std::to_string(d.deal.id) == st.printed_what) title = Title(d.deal, cat);
    }
    words = cat.Text("printer.done.shelf", {{"deal", title}});
  } else {
    words = cat.Text("printer.done.test");
  }
  col.Add(std::make_unique<ui::Label>(words, m.Font(40, ui::Weight::kBold), "printer-result"))
      ->set_align(ui::Align::kCenter);
}

namespace {

void Reprint(ui::Column& col, const app::ViewModel& vm, const i18n::Catalog& cat,
             const Metrics& m) {
  col.Add(std::make_unique<ui::Label>(cat.Text("printer.reprint_title"),
                                      m.Font(40, ui::Weight::kBold)));
  col.Add(std::make_unique<ui::Label>(cat.Text("printer.reprint_prompt"), m.Font(36)))
      ->set_role(ui::TextRole::kMuted);
  auto* code = col.Add(std::make_unique<ui::Row>());
  code->set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kCenter);
  code->Add(std::make_unique<ui::Field>(vm.staff.code, cat.Text("redeem.code_hint"), "code"))
      ->set_focused(true)
      .set_flex(1);
  code->Add(std::make_unique<ui::Button>(cat.Text("printer.reprint"), "printer-reprint"));
  col.Add(std::make_unique<ui::Keypad>(cat.Text("join.clear"), m.Px(m.landscape() ? 72 : 80),
                                       "keypad", ui::KeypadExtra::kDash));
}

}  // namespace

std::unique_ptr<ui::Widget> BuildStaffPrinter(const app::ViewModel& vm, const i18n::Catalog& cat,
                                              ui::Size size) {
  const Metrics m(size);
  const bool landscape = m.landscape();
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(32)).set_spacing(m.Px(20)).set_cross_align(ui::CrossAlign::kStretch);
  auto* head = page->Add(std::make_unique<ui::Row>());
  head->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kCenter);
  head->Add(std::make_unique<ui::Label>(cat.Text("printer.title"), m.Font(56, ui::Weight::kBold)))
      ->set_flex(1);
  if (landscape) {
    head->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
        ->set_secondary(true);
  }
  page->Add(StaffTabs(vm, cat, m));
  // Landscape: state, outcome, test page and shelf cards left, the reprint
  // keypad right; portrait: one column.
  std::unique_ptr<ui::Box> body;
  if (landscape) {
    body = std::make_unique<ui::Row>();
  } else {
    body = std::make_unique<ui::Column>();
  }
  body->set_spacing(m.Px(landscape ? 48 : 20)).set_cross_align(ui::CrossAlign::kStretch);
  auto* left = body->Add(std::make_unique<ui::Column>());
  left->set_spacing(m.Px(20)).set_cross_align(ui::CrossAlign::kStretch).set_flex(1);
  left->Add(StatePanel(vm, cat, m));
  PrintOutcome(*left, vm, cat, m);
  left->Add(std::make_unique<ui::Button>(cat.Text("printer.test"), "printer-test"));
  ui::Column* right = left;
  if (landscape) {
    right = body->Add(std::make_unique<ui::Column>());
    right->set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kStretch).set_flex(1);
  }
  Reprint(*right, vm, cat, m);
  // Shelf cards are printed from the Deals tab, beside each deal: a list
  // of every deal would not fit here.
  left->Add(std::make_unique<ui::Label>(cat.Text("printer.shelf_where"), m.Font(36)))
      ->set_role(ui::TextRole::kMuted);
  body->set_flex(1);
  page->Add(std::move(body));
  if (!landscape) {
    page->Add(std::make_unique<ui::Button>(cat.Text("staff.exit"), "staff-exit"))
        ->set_secondary(true);
  }
  return page;
}

}  // namespace gb::views
