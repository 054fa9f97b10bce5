// ViewModel: everything the kiosk's screens show, as plain data. The app
// (kiosk_app.h) keeps it; ui/views builds widget trees from it and an i18n
// catalog. Texts are message keys, never words: the views translate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/seams.h"
#include "kiosk/i18n/catalog.h"

namespace gb::app {

enum class Screen { kWall, kDeal, kJoin, kPrinting, kDone };
// "wall", "deal", "join", "printing", "done" (logs, tests, screenshots).
std::string_view ScreenName(Screen s);

// The state a shopper sees on a deal's card.
enum class Badge { kOpen, kUnlocked, kStopped, kFailed };
// open: taking sign-ups below the threshold; unlocked: threshold reached;
// stopped: no more sign-ups (stop time passed, stopped early, closed, sold
// out or not open yet); failed: the deadline passed below the threshold.
Badge BadgeOf(const DealInfo& deal, int64_t now);
std::string_view BadgeName(Badge b);  // "open", "unlocked", "stopped", "failed"
// True when a shopper may start joining (the ledger still has the last word).
bool CanJoin(const DealInfo& deal, int64_t now);

enum class InputFocus { kPhone, kName };
enum class Alphabet { kLatin, kCyrillic };

struct JoinForm {
  std::string phone;  // as typed: digits and a leading '+'
  std::string name;   // UTF-8
  bool consent = false;
  InputFocus focus = InputFocus::kPhone;
  Alphabet alphabet = Alphabet::kLatin;
  bool shift = true;  // a name starts with a capital
  std::string error;  // message key of what is wrong, or empty
};

enum class PrintPhase { kPrinting, kPrinted, kFailed };

struct ViewModel {
  Screen screen = Screen::kWall;
  i18n::Lang lang = i18n::Lang::kEn;
  int64_t now = 0;  // Unix seconds
  int utc_offset_minutes = 0;
  std::vector<DealInfo> deals;   // the wall
  std::optional<DealInfo> deal;  // the deal being looked at or joined
  JoinForm form;
  std::optional<JoinTicket> ticket;  // after a sign-up
  PrintPhase print_phase = PrintPhase::kPrinting;
  PrintStatus print;
  std::optional<int> idle_seconds_left;  // shown in the last seconds before the wipe
  std::string notice;                    // message key of a notice on the wall (a scan), or empty
  std::string wall_error;                // message key when the deals cannot be read
};

}  // namespace gb::app
