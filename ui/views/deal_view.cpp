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
  const app::Badge badge = app::BadgeOf(d, vm.now);
  const rules::DealState state = rules::Advance(deal, d.state, d.tally, vm.now);
  // Only what can still happen: no deadline or last day to cancel that has
  // passed, and no "if it fails" once it unlocked or failed.
  if (state == rules::DealState::kOpen && vm.now < deal.deadline) {
    say(cat.Plural("deal.terms.if_fails", rules::Threshold(deal),
                   {{"deadline", cat.DateTime(deal.deadline, tz)}}));
  }
  say(cat.Text("deal.terms.max_price", {{"max", cat.Money(rules::MaxPrice(deal), deal.currency)}}));
  if (deal.fee_bp > 0) say(cat.Text("deal.terms.fee", {{"fee", cat.Percent(deal.fee_bp)}}));
  const bool may_join_later = badge == app::Badge::kOpen || badge == app::Badge::kUnlocked ||
                              badge == app::Badge::kUpcoming || badge == app::Badge::kPaused ||
                              badge == app::Badge::kSoldOut || badge == app::Badge::kSoldOutHere;
  if (deal.deposit.kind != rules::DepositKind::kNone && may_join_later) {
    const int64_t amount = rules::DepositAmount(deal, rules::MaxPrice(deal));
    say(cat.Plural("deal.terms.deposit", deal.deposit.pay_within_s / 3600,
                   {{"amount", cat.Money(amount, deal.currency)}}));
  }
  if (!app::Ended(badge) && vm.now < rules::EffectiveStop(deal)) {
    say(cat.Text("deal.terms.cancel", {{"stop", cat.DateTime(rules::EffectiveStop(deal), tz)}}));
  }
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
  facts->set_spacing(m.Px(14)).set_flex(1);
  ui::Column* side = facts;
  if (landscape) {
    side = body->Add(std::make_unique<ui::Column>());
    side->set_spacing(m.Px(20)).set_flex(1);
  }
  // A picture no taller than it must be and a title a size under the
  // display size leave room for a title of 80 characters, whole.
  facts->Add(
      std::make_unique<ui::Image>(d.deal.image, Title(d.deal, cat), m.Px(landscape ? 200 : 160)));
  facts
      ->Add(std::make_unique<ui::Label>(Title(d.deal, cat), m.Font(56, ui::Weight::kBold),
                                        "deal-title"))
      ->set_essential();  // the whole title, however long
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
  const app::Badge badge = app::BadgeOf(d, vm.now);
  // "3 more → €449.00" only while more can join.
  if (badge == app::Badge::kOpen || badge == app::Badge::kUnlocked ||
      badge == app::Badge::kUpcoming || badge == app::Badge::kPaused) {
    facts->Add(std::make_unique<ui::Label>(NextTier(d, cat), f.body));
  }
  // Any state but plain open or unlocked says what it means, in words.
  const std::string state = DealStateText(d, vm.now, vm.utc_offset_minutes, cat);
  if (!state.empty()) {
    auto* note = facts->Add(std::make_unique<ui::Column>("deal-state"));
    note->set_padding(m.Px(20)).set_fill(app::Ended(badge) ? kEndedFill : kWarningFill, m.Px(20));
    note->Add(std::make_unique<ui::Label>(state, f.heading))->set_essential();
  }
  side->Add(Ladder(d, cat, f, m));
  side->Add(Terms(d, vm, cat, f, m));

  auto* actions = page->Add(std::make_unique<ui::Row>());
  actions->set_spacing(m.Px(24));
  actions->Add(std::make_unique<ui::Button>(cat.Text("action.back"), "back"))->set_secondary(true);
  // Paused is "for now", closed is for good, upcoming says when: the button
  // says which.
  std::string caption;
  if (can_join) {
    caption = cat.Text("deal.join");
  } else if (badge == app::Badge::kUpcoming) {
    caption = cat.Text("wall.opens", {{"time", cat.DateTime(d.deal.opens_at, vm.utc_offset_minutes)}});
  } else if (badge == app::Badge::kPaused) {
    caption = cat.Text("deal.join_paused");
  } else if (badge == app::Badge::kSoldOut) {
    caption = cat.Text("deal.join_sold_out");
  } else if (badge == app::Badge::kSoldOutHere) {
    caption = cat.Text("deal.join_sold_out_here");
  } else {
    caption = cat.Text("deal.join_closed");
  }
  auto* join = actions->Add(std::make_unique<ui::Button>(caption, "join"));
  join->set_enabled(can_join).set_flex(1);
  return page;
}

}  // namespace gb::views
