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
  const bool stopped_early = d.deal.stopped_early_at && *d.deal.stopped_early_at < d.deal.stop_at;
  if (stopped_early && now >= *d.deal.stopped_early_at) return Badge::kStopped;
  if (state == rules::DealState::kClosed || now >= d.deal.stop_at) return Badge::kClosed;
  if (now < d.deal.opens_at) return Badge::kUpcoming;
  if (d.deal.paused) {
    DealInfo resumed = d;
    resumed.deal.paused = false;
    if (CanJoin(resumed, now)) return Badge::kPaused;
  }
  if (d.deal.cap > 0 && d.tally.seats() >= d.deal.cap) return Badge::kSoldOut;
  if (d.sold_out_here) {
    DealInfo elsewhere = d;
    elsewhere.sold_out_here = false;
    if (CanJoin(elsewhere, now)) return Badge::kSoldOutHere;
  }
  if (!CanJoin(d, now)) return Badge::kClosed;  // whatever else the rules refuse
  return state == rules::DealState::kUnlocked ? Badge::kUnlocked : Badge::kOpen;
}

std::string_view BadgeName(Badge b) {
  switch (b) {
    case Badge::kUpcoming:
      return "upcoming";
    case Badge::kOpen:
      return "open";
    case Badge::kUnlocked:
      return "unlocked";
    case Badge::kSoldOut:
      return "sold_out";
    case Badge::kSoldOutHere:
      return "sold_out_here";
    case Badge::kPaused:
      return "paused";
    case Badge::kStopped:
      return "stopped";
    case Badge::kClosed:
      return "closed";
    case Badge::kFailed:
      return "failed";
  }
  return "open";
}

bool Ended(Badge b) {
  return b == Badge::kStopped || b == Badge::kClosed || b == Badge::kFailed;
}

bool CanJoin(const DealInfo& d, int64_t now) {
  const rules::DealState state = rules::Advance(d.deal, d.state, d.tally, now);
  if (!rules::AcceptsSignUps(d.deal, state, now) || d.sold_out_here) return false;
  return d.deal.cap == 0 || d.tally.seats() < d.deal.cap;
}

}  // namespace gb::app
