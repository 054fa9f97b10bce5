// Check: a shopper's own voucher scanned on the wall: the deal's state, their
// place, and a cancel button before the deal's stop (after it, the words say
// why not). Nothing personal is shown: the voucher says no name or phone.
#include <memory>

#include "ui/button.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/row.h"
#include "ui/spacer.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

const app::DealInfo* FindDeal(const app::ViewModel& vm, uint32_t id) {
  for (const app::DealInfo& d : vm.deals) {
    if (d.deal.id == id) return &d;
  }
  return nullptr;
}

// Where the shopper's place stands, in one sentence.
std::string StateWords(const app::VoucherCheck& c, bool cancelled, const app::DealInfo* deal,
                       const app::ViewModel& vm, const i18n::Catalog& cat) {
  if (cancelled || c.pledge_state == "cancelled") return cat.Text("check.state.cancelled");
  if (c.pledge_state == "redeemed") return cat.Text("check.state.redeemed");
  if (c.pledge_state == "void" || c.pledge_state == "lapsed" || c.pledge_state == "expired") {
    return cat.Text("check.state.void");
  }
  if (c.deal_state == "failed") return cat.Text("check.state.failed");
  if (c.deal_state == "unlocked" || c.deal_state == "closed" || deal == nullptr) {
    return cat.Text("check.state.unlocked");
  }
  const int64_t missing = rules::Threshold(deal->deal) - c.committed;
  if (missing <= 0) return cat.Text("check.state.unlocked");
  return cat.Plural("done.need_more", missing,
                    {{"deadline", cat.DateTime(deal->deal.deadline, vm.utc_offset_minutes)}});
}

ui::Label* Words(ui::Column& col, std::string text, const Metrics& m, int px, std::string id = {},
                 ui::Weight w = ui::Weight::kRegular) {
  auto* l = col.Add(std::make_unique<ui::Label>(std::move(text), m.Font(px, w), std::move(id)));
  l->set_align(ui::Align::kCenter);
  return l;
}

void Banner(ui::Column& col, std::string text, std::string id, ui::Color fill, const Metrics& m) {
  auto* box = col.Add(std::make_unique<ui::Column>(std::move(id)));
  box->set_padding(m.Px(24)).set_fill(fill, m.Px(20));
  box->Add(std::make_unique<ui::Label>(std::move(text), m.Font(44, ui::Weight::kBold)))
      ->set_align(ui::Align::kCenter);
}

}  // namespace

std::unique_ptr<ui::Widget> BuildCheck(const app::ViewModel& vm, const i18n::Catalog& cat,
                                       ui::Size size) {
  const Metrics m(size);
  const app::ShopperCheck& sc = vm.check;
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(48)).set_spacing(m.Px(32)).set_cross_align(ui::CrossAlign::kStretch);
  page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  if (!sc.check || !sc.check->found) {
    const char* key = sc.error == "storage" ? "check.storage" : "check.not_found";
    Words(*page, cat.Text(key), m, 56, "check-title", ui::Weight::kBold);
  } else {
    const app::VoucherCheck& c = *sc.check;
    const app::DealInfo* deal = FindDeal(vm, c.deal_id);
    if (deal != nullptr) {
      Words(*page, Title(deal->deal, cat), m, 48, "check-deal", ui::Weight::kBold)
          ->set_role(ui::TextRole::kMuted);
    }
    // A place that no longer stands is not headlined "You are #7.".
    std::string headline = cat.Text("done.you_are", {{"n", std::to_string(c.position)}});
    if (sc.cancelled || c.pledge_state == "cancelled") {
      headline = cat.Text("check.headline.cancelled");
    } else if (c.pledge_state == "redeemed") {
      headline = cat.Text("check.headline.redeemed");
    } else if (c.pledge_state == "void" || c.pledge_state == "lapsed" ||
               c.pledge_state == "expired" || c.deal_state == "failed") {
      headline = cat.Text("check.headline.void");
    }
    Words(*page, headline, m, 96, "check-title", ui::Weight::kBold);
    Words(*page, StateWords(c, sc.cancelled, deal, vm, cat), m, 52, "check-state",
          ui::Weight::kBold);
    const std::string stop = cat.DateTime(c.stop_at, vm.utc_offset_minutes);
    const std::string currency = deal != nullptr ? deal->deal.currency : "EUR";
    if (!sc.error.empty()) {
      const std::string why = sc.error == "after_stop"
                                  ? cat.Text("check.why.after_stop", {{"stop", stop}})
                                  : cat.Text("check.error.other");
      Banner(*page, why, "check-error", kErrorFill, m);
    }
    if (sc.cancelled) {
      Banner(*page, cat.Text("check.cancelled"), "check-result", kWarningFill, m);
      if (sc.refund > 0) {
        Words(*page, cat.Text("check.refund", {{"amount", cat.Money(sc.refund, currency)}}), m, 44);
      }
    } else if (sc.confirming) {
      Words(*page, cat.Text("check.confirm_question"), m, 52, {}, ui::Weight::kBold);
      // Keeping the place is the main (filled) button, first; cancelling is
      // there, under it, but not what a hurried tap lands on. One above the
      // other, each says all it says in every language.
      page->Add(std::make_unique<ui::Button>(cat.Text("check.keep"), "cancel-keep"));
      page->Add(std::make_unique<ui::Button>(cat.Text("check.confirm_cancel"), "cancel-confirm"))
          ->set_secondary(true);
    } else if (c.can_cancel) {
      Words(*page, cat.Text("check.can_cancel_until", {{"stop", stop}}), m, 40);
      page->Add(std::make_unique<ui::Button>(cat.Text("check.cancel"), "check-cancel"))
          ->set_secondary(true);
    } else if (c.pledge_state == "active" || c.pledge_state == "reserved") {
      Words(*page, cat.Text("check.why.after_stop", {{"stop", stop}}), m, 40, "check-no-cancel");
    }
  }
  page->Add(std::make_unique<ui::Button>(cat.Text("done.button"), "done"));
  page->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  return page;
}

}  // namespace gb::views
