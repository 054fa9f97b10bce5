// Fixed view models of the kiosk's screens for the views' tests: three deals
// like docs/examples/catalog.json at a fixed time, a half-filled join form,
// a ticket, a printer out of paper. Same input, same pixels.
#pragma once

#include <string>
#include <vector>

#include "kiosk/app/view_model.h"

namespace gb::ui::test {

inline constexpr int64_t kSceneNow = 1'790'000'000;  // Unix seconds

// "wall", "deal", "join", "join-name", "printing", "print-failed", "done",
// staff mode's "pin-wrong", "redeem-valid", "redeem-refused",
// "deposit-taken", "staff-deals", "staff-printer" (ready, a reprint queued),
// "staff-printer-out" (out of paper, a job held, a typo refused), the
// shopper's "check-confirm", "check-stopped", and "wall-printer-out" (the
// wall with the printer alert), "wall-more" (seven deals: the first page),
// "wall-states" (upcoming, sold out, stopped, closed), "deal-upcoming",
// "deal-failed", "deal-closed", "deal-sold-out-here" (this kiosk's lease
// of a capped deal used up), "staff-printer-denied" (the printer's device
// may not be opened: the driver's words shown), "redeem-alarm" (the server
// identity alarm stands) and "deposit-alarm" (a deposit just refused for it).
std::vector<std::string> SceneNames();
app::ViewModel Scene(const std::string& name, i18n::Lang lang);

}  // namespace gb::ui::test
