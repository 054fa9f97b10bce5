// The deal page: what it is, the tier ladder, the terms in plain words, Join.
#include <memory>

#include "ui/button.h"
#include "ui/column.h"
#include "ui/image.h"
#include "ui/label.h"
#include "ui/progress_bar.h"
#include "ui/row.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

struct Fonts {
  ui::FontSpec body;
  ui::FontSpec heading;
};

// Landscape has half the height for the same words: a size smaller.
Fonts FontsFor(const Metrics& m) {
  return {m.Font(m.landscape() ? 34 : 40), m.Font(m.landscape() ? 38 : 44, ui::Weight::kBold)};
}

std::unique_ptr<ui::Widget> Ladder(const app::DealInfo& d, const i18n::Catalog& cat, const Fonts& f,
                                   const Metrics& m) {
  auto ladder = std::make_unique<ui::Column>("tiers");
  ladder->set_spacing(m.Px(8));
  ladder->Add(std::make_unique<ui::Label>(cat.Text("deal.tiers_heading"), f.heading));
  const std::optional<size_t> reached = rules::ReachedTier(d.deal, d.tally.committed);
  for (size_t i = 0; i < d.deal.tiers.size(); ++i) {
    const rules::Tier& t = d.deal.tiers[i];
    const bool done = reached && i <= *reached;
    std::string line = cat.Plural("deal.tier", t.participants,
                                  {{"price", cat.Money(t.price_minor, d.deal.currency)}});
    // A tick for every tier already reached: the ladder reads at a glance.
    line = (done ? "\xE2\x9C\x93 " : "\xE2\x80\x83 ") + line;
    auto* row = ladder->Add(std::make_unique<ui::Label>(line, f.body));
    if (done) row->set_role(ui::TextRole::kAccent);
  }
  return ladder;
}

std::unique_ptr<ui::Widget> Terms(const app::DealInfo& d, const app::ViewModel& vm,
                                  const i18n::Catalog& cat, const Fonts& f, const Metrics& m) {
  const rules::Deal& deal = d.deal;
  const int tz = vm.utc_offset_minutes;
  auto terms = std::make_unique<ui::Column>("terms");
  terms->set_spacing(m.Px(10));
  terms->Add(std::make_unique<ui::Label>(cat.Text("deal.terms_heading"), f.heading));
  auto say = [&](std::string text) {
    terms->Add(std::make_unique<ui::Label>("\xE2\x80\xA2 " + text, f.body));
  };
  say(cat.Plural("deal.terms.if_fails", rules::Threshold(deal),
                 {{"deadline", cat.DateTime(deal.deadline, tz)}}));
  say(cat.Text("deal.terms.max_price", {{"max", cat.Money(rules::MaxPrice(deal), deal.currency)}}));
  if (deal.fee_bp > 0) say(cat.Text("deal.terms.fee", {{"fee", cat.Percent(deal.fee_bp)}}));
  if (deal.deposit.kind != rules::DepositKind::kNone) {
    const int64_t amount = rules::DepositAmount(deal, rules::MaxPrice(deal));
    say(cat.Plural("deal.terms.deposit", deal.deposit.pay_within_s / 3600,
                   {{"amount", cat.Money(amount, deal.currency)}}));
  }
  say(cat.Text("deal.terms.cancel", {{"stop", cat.DateTime(rules::EffectiveStop(deal), tz)}}));
  return terms;
}

}  // namespace

std::unique_ptr<ui::Widget> BuildDealPage(const app::ViewModel& vm, const i18n::Catalog& cat,
                                          ui::Size size) {
  const Metrics m(size);
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(32)).set_spacing(m.Px(24));
  if (!vm.deal) return page;
  const app::DealInfo& d = *vm.deal;
  const bool landscape = m.landscape();
  const bool can_join = app::CanJoin(d, vm.now);
  const Fonts f = FontsFor(m);

  // Portrait stacks everything; landscape puts the facts left, terms right.
  auto* body = page->Add(std::make_unique<ui::Row>());
  body->set_spacing(m.Px(40)).set_cross_align(ui::CrossAlign::kStart);
  body->set_flex(1);
  auto* facts = body->Add(std::make_unique<ui::Column>());
  facts->set_spacing(m.Px(20)).set_flex(1);
  ui::Column* side = facts;
  if (landscape) {
    side = body->Add(std::make_unique<ui::Column>());
    side->set_spacing(m.Px(20)).set_flex(1);
  }
  facts->Add(
      std::make_unique<ui::Image>(d.deal.image, Title(d.deal, cat), m.Px(landscape ? 240 : 220)));
  facts
      ->Add(std::make_unique<ui::Label>(Title(d.deal, cat), m.Font(64, ui::Weight::kBold),
                                        "deal-title"))
      ->set_max_lines(2);
  const std::string description = Localized(d.deal.description, cat);
  if (!description.empty()) facts->Add(std::make_unique<ui::Label>(description, f.body));
  auto* prices = facts->Add(std::make_unique<ui::Row>());
  prices->set_spacing(m.Px(24)).set_cross_align(ui::CrossAlign::kEnd);
  prices->Add(std::make_unique<ui::Label>(PriceNow(d, cat), m.Font(64, ui::Weight::kBold)))
      ->set_role(ui::TextRole::kAccent);
  prices->Add(std::make_unique<ui::Label>(RegularPrice(d, cat), f.body))
      ->set_role(ui::TextRole::kMuted)
      .set_flex(1);
  auto* bar = facts->Add(std::make_unique<ui::ProgressBar>());
  bar->Set(static_cast<int>(d.tally.committed), static_cast<int>(ProgressTarget(d)));
  facts->Add(std::make_unique<ui::Label>(Joined(d, cat), f.heading));
  facts->Add(std::make_unique<ui::Label>(NextTier(d, cat), f.body));
  side->Add(Ladder(d, cat, f, m));
  side->Add(Terms(d, vm, cat, f, m));

  auto* actions = page->Add(std::make_unique<ui::Row>());
  actions->set_spacing(m.Px(24));
  actions->Add(std::make_unique<ui::Button>(cat.Text("action.back"), "back"))->set_secondary(true);
  // Paused is "for now", closed is for good: the button says which.
  const char* caption = can_join                                           ? "deal.join"
                        : app::BadgeOf(d, vm.now) == app::Badge::kPaused ? "deal.join_paused"
                                                                           : "deal.join_closed";
  auto* join = actions->Add(std::make_unique<ui::Button>(cat.Text(caption), "join"));
  join->set_enabled(can_join).set_flex(1);
  return page;
}

}  // namespace gb::views
