#include "kiosk/app/view_model.h"

namespace gb::app {

std::string_view ScreenName(Screen s) {
  switch (s) {
    case Screen::kWall:
      return "wall";
    case Screen::kDeal:
      return "deal";
    case Screen::kJoin:
      return "join";
    case Screen::kPrinting:
      return "printing";
    case Screen::kDone:
      return "done";
    case Screen::kPin:
      return "pin";
    case Screen::kRedeem:
      return "redeem";
    case Screen::kCheck:
      return "check";
    case Screen::kStaffDeals:
      return "staff-deals";
    case Screen::kStaffPrinter:
      return "staff-printer";
  }
  return "wall";
}

Badge BadgeOf(const DealInfo& d, int64_t now) {
  const rules::DealState state = rules::Advance(d.deal, d.state, d.tally, now);
  if (state == rules::DealState::kFailed) return Badge::kFailed;
  if (d.deal.paused) {
    DealInfo resumed = d;
    resumed.deal.paused = false;
    if (CanJoin(resumed, now)) return Badge::kPaused;
  }
  if (!CanJoin(d, now)) return Badge::kStopped;
  return state == rules::DealState::kUnlocked ? Badge::kUnlocked : Badge::kOpen;
}

std::string_view BadgeName(Badge b) {
  switch (b) {
    case Badge::kOpen:
      return "open";
    case Badge::kUnlocked:
      return "unlocked";
    case Badge::kStopped:
      return "stopped";
    case Badge::kFailed:
      return "failed";
    case Badge::kPaused:
      return "paused";
  }
  return "open";
}

bool CanJoin(const DealInfo& d, int64_t now) {
  const rules::DealState state = rules::Advance(d.deal, d.state, d.tally, now);
  if (!rules::AcceptsSignUps(d.deal, state, now)) return false;
  return d.deal.cap == 0 || d.tally.seats() < d.deal.cap;
}

}  // namespace gb::app
