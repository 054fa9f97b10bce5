// Printing (progress and the printer's state; the voucher on screen when the
// printer cannot print it) and Done ("You are #7. We need 3 more by ...").
#include <memory>

#include "drivers/escpos/qr.h"
#include "ui/button.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/progress_bar.h"
#include "ui/qr_image.h"
#include "ui/row.h"
#include "ui/spacer.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

std::string PrinterWords(const app::PrintStatus& s, const i18n::Catalog& cat) {
  if (s.printer_ready && s.job != app::JobState::kHeld) return cat.Text("printer.ready");
  const std::string key = "printer.reason." + (s.reason.empty() ? std::string("error") : s.reason);
  return cat.Has(key) ? cat.Text(key) : cat.Text("printer.reason.error");
}

// "Your place counts once you pay the €39.90 deposit at the till by ...",
// or "" when the ticket has no deposit to pay.
std::string DepositWords(const app::ViewModel& vm, const i18n::Catalog& cat) {
  if (!vm.ticket || !vm.deal || vm.ticket->deposit_due <= 0) return "";
  return cat.Text("done.deposit_counts",
                  {{"amount", cat.Money(vm.ticket->deposit_due, vm.deal->deal.currency)},
                   {"time", cat.DateTime(vm.ticket->deposit_by, vm.utc_offset_minutes)}});
}

// "You are #7." and what happens next, from the ticket and the deal. A place
// waiting for its deposit is "held", not counted: the headline and the
// tally then agree.
void Standing(ui::Column& col, const app::ViewModel& vm, const i18n::Catalog& cat,
              const Metrics& m) {
  if (!vm.ticket || !vm.deal) return;
  const app::JoinTicket& t = *vm.ticket;
  const rules::Deal& deal = vm.deal->deal;
  const std::string deposit = DepositWords(vm, cat);
  const std::string n = std::to_string(t.position);
  col.Add(std::make_unique<ui::Label>(
              cat.Text(deposit.empty() ? "done.you_are" : "done.held", {{"n", n}}),
              m.Font(deposit.empty() ? 96 : 72, ui::Weight::kBold), "done-title"))
      ->set_align(ui::Align::kCenter);
  const int64_t missing = rules::Threshold(deal) - t.tally.committed;
  std::string next;
  if (!deposit.empty()) {
    next = deposit;
  } else if (missing > 0) {
    next = cat.Plural("done.need_more", missing,
                      {{"deadline", cat.DateTime(deal.deadline, vm.utc_offset_minutes)}});
  } else {
    next =
        cat.Text("done.unlocked",
                 {{"price", cat.Money(rules::PriceNow(deal, t.tally.committed), deal.currency)}});
  }
  col.Add(std::make_unique<ui::Label>(next, m.Font(52, ui::Weight::kBold), "done-detail"))
      ->set_align(ui::Align::kCenter);
}

std::unique_ptr<ui::Widget> VoucherOnScreen(const app::JoinTicket& t, int side) {
  std::vector<std::uint8_t> modules;
  int n = 0;
  base::Result<escpos::Bitmap> qr = escpos::EncodeQrModules(t.voucher_text, escpos::QrEcLevel::kM);
  if (qr.ok()) {
    n = qr->width();
    modules.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
    for (int y = 0; y < n; ++y) {
      for (int x = 0; x < n; ++x) {
        modules[static_cast<std::size_t>(y * n + x)] = qr->Get(x, y) ? 1 : 0;
      }
    }
  }
  return std::make_unique<ui::QrImage>(std::move(modules), n, side, "voucher-qr");
}

}  // namespace

std::unique_ptr<ui::Widget> BuildPrinting(const app::ViewModel& vm, const i18n::Catalog& cat,
                                          ui::Size size) {
  const Metrics m(size);
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(48)).set_spacing(m.Px(32)).set_cross_align(ui::CrossAlign::kStretch);
  if (vm.print_phase != app::PrintPhase::kFailed) {
    page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
    page->Add(std::make_unique<ui::Label>(cat.Text("print.printing"), m.Font(64, ui::Weight::kBold),
                                          "print-title"))
        ->set_align(ui::Align::kCenter);
    auto* bar = page->Add(std::make_unique<ui::ProgressBar>("print-progress"));
    bar->Set(vm.print.job == app::JobState::kPrinting ? 2 : 1, 3);
    page->Add(std::make_unique<ui::Label>(PrinterWords(vm.print, cat), m.Font(44), "print-state"))
        ->set_align(ui::Align::kCenter);
    Standing(*page, vm, cat, m);
    page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
    return page;
  }
  // The voucher itself, beside the words in landscape, below them in portrait.
  const bool landscape = m.landscape();
  ui::Box* words = page.get();
  ui::Box* code = page.get();
  if (landscape) {
    auto* row = page->Add(std::make_unique<ui::Row>());
    row->set_spacing(m.Px(48)).set_cross_align(ui::CrossAlign::kCenter);
    row->set_flex(1);
    code = row->Add(std::make_unique<ui::Column>());
    code->set_spacing(m.Px(24));
    words = row->Add(std::make_unique<ui::Column>());
    words->set_spacing(m.Px(32));
    words->set_flex(1);
  }
  words
      ->Add(std::make_unique<ui::Label>(cat.Text("print.failed"), m.Font(56, ui::Weight::kBold),
                                        "print-title"))
      ->set_align(ui::Align::kCenter);
  auto* state = words->Add(std::make_unique<ui::Column>("print-state"));
  state->set_padding(m.Px(20)).set_fill(kWarningFill, m.Px(20));
  state->Add(std::make_unique<ui::Label>(PrinterWords(vm.print, cat), m.Font(44)))
      ->set_align(ui::Align::kCenter);
  if (vm.ticket) {
    // A deposit's note goes under the code: the symbol gives it the room.
    const int side = m.Px(landscape ? 560 : 600);
    code->Add(VoucherOnScreen(*vm.ticket, side));
    code->Add(std::make_unique<ui::Label>(cat.Text("print.code", {{"code", vm.ticket->short_code}}),
                                          m.Font(56, ui::Weight::kBold), "voucher-code"))
        ->set_align(ui::Align::kCenter);
    // The paper would have said it; a photo of the screen must too: under
    // the code in portrait, beside the symbol (under the printer's state)
    // in landscape.
    if (const std::string deposit = DepositWords(vm, cat); !deposit.empty()) {
      auto* due = (landscape ? words : code)->Add(std::make_unique<ui::Column>("voucher-deposit"));
      due->set_padding(m.Px(20)).set_fill(kWarningFill, m.Px(20));
      due->Add(std::make_unique<ui::Label>(deposit, m.Font(40, ui::Weight::kBold)))
          ->set_align(ui::Align::kCenter);
    }
  }
  words->Add(std::make_unique<ui::Label>(cat.Text("print.reprint_queued"), m.Font(44)))
      ->set_align(ui::Align::kCenter);
  words->Add(std::make_unique<ui::Button>(cat.Text("done.button"), "done"));
  return page;
}

std::unique_ptr<ui::Widget> BuildDone(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      ui::Size size) {
  const Metrics m(size);
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(48)).set_spacing(m.Px(40));
  // Centred on the screen: a short message should not hang from the top.
  page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  if (vm.deal) {
    page->Add(std::make_unique<ui::Label>(Title(vm.deal->deal, cat), m.Font(48, ui::Weight::kBold)))
        ->set_align(ui::Align::kCenter)
        .set_role(ui::TextRole::kMuted);
  }
  Standing(*page, vm, cat, m);
  if (vm.deal && vm.ticket) {
    app::DealInfo now = *vm.deal;
    now.tally = vm.ticket->tally;
    auto* bar = page->Add(std::make_unique<ui::ProgressBar>());
    bar->Set(static_cast<int>(now.tally.committed), static_cast<int>(ProgressTarget(now)));
    page->Add(std::make_unique<ui::Label>(Joined(now, cat), m.Font(44)))
        ->set_align(ui::Align::kCenter);
  }
  page->Add(
          std::make_unique<ui::Label>(cat.Text("done.take_voucher"), m.Font(44, ui::Weight::kBold)))
      ->set_align(ui::Align::kCenter);
  page->Add(std::make_unique<ui::Button>(cat.Text("done.button"), "done"));
  page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  return page;
}

}  // namespace gb::views
