#include "ui/views/view_text.h"

#include <algorithm>

namespace gb::views {

std::string Localized(const std::map<std::string, std::string>& texts, const i18n::Catalog& cat) {
  if (auto it = texts.find(std::string(i18n::LangCode(cat.lang()))); it != texts.end()) {
    return it->second;
  }
  if (auto it = texts.find("en"); it != texts.end()) return it->second;
  return texts.empty() ? std::string() : texts.begin()->second;
}

std::string Title(const rules::Deal& deal, const i18n::Catalog& cat) {
  return Localized(deal.title, cat);
}

std::string PriceNow(const app::DealInfo& d, const i18n::Catalog& cat) {
  return cat.Money(rules::PriceNow(d.deal, d.tally.committed), d.deal.currency);
}

std::string RegularPrice(const app::DealInfo& d, const i18n::Catalog& cat) {
  return cat.Text("deal.regular",
                  {{"price", cat.Money(d.deal.regular_price_minor, d.deal.currency)}});
}

int64_t ProgressTarget(const app::DealInfo& d) {
  if (d.deal.tiers.empty()) return 0;
  const std::optional<rules::Tier> next = rules::NextTier(d.deal, d.tally.committed);
  return next ? next->participants : d.deal.tiers.back().participants;
}

std::string Joined(const app::DealInfo& d, const i18n::Catalog& cat) {
  return cat.Plural("wall.joined", d.tally.committed,
                    {{"total", std::to_string(ProgressTarget(d))}});
}

std::string NextTier(const app::DealInfo& d, const i18n::Catalog& cat) {
  const std::optional<rules::Tier> next = rules::NextTier(d.deal, d.tally.committed);
  if (!next) return cat.Text("wall.best_price");
  return cat.Plural("wall.next_tier", next->participants - d.tally.committed,
                    {{"price", cat.Money(next->price_minor, d.deal.currency)}});
}

std::string Countdown(const app::DealInfo& d, int64_t now, int utc_offset_minutes,
                      const i18n::Catalog& cat) {
  switch (app::BadgeOf(d, now)) {
    case app::Badge::kUpcoming:
      return cat.Text("wall.opens", {{"time", cat.DateTime(d.deal.opens_at, utc_offset_minutes)}});
    case app::Badge::kSoldOut:
      return cat.Text("wall.sold_out_note");
    case app::Badge::kSoldOutHere:
      return cat.Text("wall.sold_out_here_note");
    case app::Badge::kPaused:
      return cat.Text("wall.paused_short");
    case app::Badge::kStopped:
      return cat.Text("wall.stopped_note");
    case app::Badge::kClosed:
      return cat.Text("wall.closed");
    case app::Badge::kFailed:
      return cat.Text("wall.failed_note");
    case app::Badge::kOpen:
    case app::Badge::kUnlocked:
      break;
  }
  const int64_t left = std::max<int64_t>(0, rules::EffectiveStop(d.deal) - now);
  const int64_t days = left / 86400;
  if (days >= 2) return cat.Plural("wall.days_left", days);
  const int64_t hours = left / 3600;
  const int64_t minutes = left % 3600 / 60;
  return cat.Text("wall.time_left", {{"h", std::to_string(hours)}, {"m", std::to_string(minutes)}});
}

std::string DealStateText(const app::DealInfo& d, int64_t now, int utc_offset_minutes,
                          const i18n::Catalog& cat) {
  const rules::Deal& deal = d.deal;
  const rules::DealState state = rules::Advance(deal, d.state, d.tally, now);
  const bool unlocked = state == rules::DealState::kUnlocked || state == rules::DealState::kClosed;
  const auto when = [&](int64_t t) { return cat.DateTime(t, utc_offset_minutes); };
  // Sentences follow one another with a space, except after a full-width
  // full stop: Chinese puts none after "。".
  const std::string separator = cat.lang() == i18n::Lang::kZh ? "" : " ";
  const std::string unlocked_at =
      unlocked ? separator + cat.Text("deal.state.unlocked_at", {{"price", PriceNow(d, cat)}})
               : "";
  switch (app::BadgeOf(d, now)) {
    case app::Badge::kUpcoming:
      return cat.Text("deal.state.upcoming", {{"time", when(deal.opens_at)}});
    case app::Badge::kSoldOut:
      return cat.Text("deal.state.sold_out");
    case app::Badge::kSoldOutHere:
      return cat.Text("deal.state.sold_out_here");
    case app::Badge::kPaused:
      return cat.Text("wall.paused_note");
    case app::Badge::kStopped:
      return cat.Text("deal.state.stopped", {{"time", when(rules::EffectiveStop(deal))}}) +
             unlocked_at;
    case app::Badge::kClosed:
      return cat.Text("deal.state.closed", {{"time", when(rules::EffectiveStop(deal))}}) +
             unlocked_at;
    case app::Badge::kFailed:
      return cat.Text("deal.state.failed", {{"deadline", when(deal.deadline)},
                                            {"joined", std::to_string(d.tally.committed)},
                                            {"n", std::to_string(rules::Threshold(deal))}});
    case app::Badge::kOpen:
    case app::Badge::kUnlocked:
      break;
  }
  return "";
}

std::string BadgeText(app::Badge b, const i18n::Catalog& cat) {
  return cat.Text("badge." + std::string(app::BadgeName(b)));
}

ui::Color BadgeColor(app::Badge b) {
  switch (b) {
    case app::Badge::kUpcoming:
      return {0x5B, 0x3F, 0xA8, 0xFF};  // violet: not yet
    case app::Badge::kOpen:
      return {0x15, 0x5E, 0xC8, 0xFF};
    case app::Badge::kUnlocked:
      return {0x1B, 0x6E, 0x2F, 0xFF};
    case app::Badge::kSoldOut:
      return {0x8E, 0x1F, 0x5A, 0xFF};  // plum: full, not failed
    case app::Badge::kSoldOutHere:
      return {0x7A, 0x2E, 0x8E, 0xFF};  // purple: full here, not everywhere
    case app::Badge::kPaused:
      return {0x8A, 0x4B, 0x00, 0xFF};  // amber: for now, not for good
    case app::Badge::kStopped:
      return {0x3F, 0x44, 0x4D, 0xFF};
    case app::Badge::kClosed:
      return {0x55, 0x5B, 0x66, 0xFF};
    case app::Badge::kFailed:
      return {0xB0, 0x2A, 0x1E, 0xFF};
  }
  return {0x55, 0x5B, 0x66, 0xFF};
}

std::string PrinterReason(const app::PrinterState& p, const i18n::Catalog& cat) {
  if (p.ready) return cat.Text("printer.ready");
  const std::string key = "printer.reason." + (p.reason.empty() ? std::string("error") : p.reason);
  return cat.Has(key) ? cat.Text(key) : cat.Text("printer.reason.error");
}

std::string PrinterAlert(const app::PrinterState& p, const i18n::Catalog& cat) {
  const std::string key = "printer.alert." + (p.reason.empty() ? std::string("error") : p.reason);
  return cat.Has(key) ? cat.Text(key) : cat.Text("printer.alert.error");
}

}  // namespace gb::views
