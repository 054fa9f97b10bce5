// Words and colours the screens share, from a deal and a catalog: the title
// in the shopper's language, prices, "7 of 10 joined", the next tier, the
// countdown and the badge. Pure (no SDL).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "kiosk/app/view_model.h"
#include "kiosk/i18n/catalog.h"
#include "ui/color.h"

namespace gb::views {

// The text in the catalog's language, else English, else any.
std::string Localized(const std::map<std::string, std::string>& texts, const i18n::Catalog& cat);
std::string Title(const rules::Deal& deal, const i18n::Catalog& cat);
// The price a shopper joining now would pay at most: the best tier reached.
std::string PriceNow(const app::DealInfo& d, const i18n::Catalog& cat);
std::string RegularPrice(const app::DealInfo& d, const i18n::Catalog& cat);
// "7 of 10 joined" (committed pledges against the threshold, or the next
// tier's head count once unlocked).
std::string Joined(const app::DealInfo& d, const i18n::Catalog& cat);
// The target the progress bar fills towards.
int64_t ProgressTarget(const app::DealInfo& d);
// "3 more → €449.00", or "" when the last tier is reached.
std::string NextTier(const app::DealInfo& d, const i18n::Catalog& cat);
// "6 days left", "5 h 20 min left" while sign-ups go on; otherwise the
// state in a few words ("Opens Tue 8 Dec 13:40", "All places are taken",
// "Sign-ups closed"): never a time that has passed as one still to come.
std::string Countdown(const app::DealInfo& d, int64_t now, int utc_offset_minutes,
                      const i18n::Catalog& cat);
// The deal page's sentence on a state that is not plain open or unlocked
// ("Sign-ups open Tue 8 Dec 13:40. Nothing can be joined before then.",
// "Did not unlock – nobody pays. ..."); "" for open and unlocked.
std::string DealStateText(const app::DealInfo& d, int64_t now, int utc_offset_minutes,
                          const i18n::Catalog& cat);
std::string BadgeText(app::Badge b, const i18n::Catalog& cat);
// "Printer ready", or why not ("The printer is out of paper.").
std::string PrinterReason(const app::PrinterState& p, const i18n::Catalog& cat);
// The top bar's few words on it ("Printer out of paper"): two short lines.
std::string PrinterAlert(const app::PrinterState& p, const i18n::Catalog& cat);
ui::Color BadgeColor(app::Badge b);
// Text in the badge colour is white; these all keep 4.5:1 against it.
inline constexpr ui::Color kOnBadge{0xFF, 0xFF, 0xFF, 0xFF};
// A banner's background for errors and warnings.
inline constexpr ui::Color kWarningFill{0xFF, 0xF1, 0xC2, 0xFF};
inline constexpr ui::Color kErrorFill{0xFB, 0xDD, 0xDA, 0xFF};
// The printer alert in the top bar: a stronger amber than a banner, dark
// text on it keeps 7:1.
inline constexpr ui::Color kAlertFill{0xFF, 0xC8, 0x3D, 0xFF};
// A note on a deal that has ended (stopped, closed, failed): calm, not alarm.
inline constexpr ui::Color kEndedFill{0xE6, 0xE8, 0xEC, 0xFF};

}  // namespace gb::views
