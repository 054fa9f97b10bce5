// The script language of headless runs (groupbuy-kiosk --script FILE),
// parsed here without running anything; kiosk/shell runs it. One command a
// line; blank lines and lines starting with '#' are skipped:
//
//   tap #ID          tap the widget with this automation id
//   tap X Y          tap the pixel at X, Y (whatever is there)
//   press #ID MS     press the widget for MS milliseconds (the staff corner wants 2000)
//   type TEXT        tap the on-screen keys that type TEXT (the rest of the line)
//   scan TEXT        TEXT arrives from the scanner
//   wait MS          the kiosk's clock moves MS milliseconds on
//   shot NAME        save the screen as NAME.png in the screenshots folder
//   expect #ID TEXT  the widget's text contains TEXT (empty TEXT: it exists)
//   await #ID TEXT   as expect, but first waits (real time, up to 30 s) for
//                    it to come true: for what another thread or process
//                    does (the printer coming back, a USB scanner's scan)
//
// See docs/automation.md. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace gb::app {

struct ScriptCommand {
  enum class Kind { kTapId, kTapAt, kPress, kType, kScan, kWait, kShot, kExpect, kAwait };
  Kind kind = Kind::kTapId;
  int line = 0;      // 1-based, for messages
  std::string id;    // kTapId, kPress, kExpect, kAwait
  std::string text;  // kType, kScan, kShot (the name), kExpect, kAwait
  int x = 0;         // kTapAt
  int y = 0;
  int64_t ms = 0;  // kWait, kPress
};

// Reason "bad_script" naming the line number and what is wrong. A shot name
// may hold letters, digits, '-', '_' and '.', never a path.
base::Result<std::vector<ScriptCommand>> ParseScript(std::string_view text);

}  // namespace gb::app
