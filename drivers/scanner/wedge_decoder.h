// WedgeDecoder: tells a keyboard-wedge barcode scanner from a person typing.
//
// A keyboard-wedge scanner "types" what it read as key events, much faster
// than a person, usually followed by Enter (or, when set up without a suffix,
// by silence). The UI feeds every text key event of the focused window here,
// with the time it happened, and gets back what to do with it:
//
//   Scanned{text}        a scanner burst; the UI hands it to Recognize().
//   Typed{text, enter}   keys a person typed; the UI gives them, and the Enter
//                        if `enter`, to the focused field as if they had never
//                        been held back. Nothing typed is ever dropped.
//
// The contract, with "run" meaning the keys held back so far:
//   - A run grows while every gap between consecutive keys is <= max_gap_ms.
//     Several characters passed in one OnChar call arrive together (gap 0).
//   - The run is Scanned when it has >= min_length characters, every gap in it
//     (including the one before the Enter) is <= max_gap_ms, and either
//       * Enter comes <= max_gap_ms after its last key, or
//       * require_enter is false and end_pause_ms pass after its last key with
//         no key at all (noticed by OnTick, or by the next OnChar/OnEnter).
//   - Otherwise it is Typed:
//       * Enter <= max_gap_ms after the last key of a run shorter than
//         min_length: Typed{run, enter = true}.
//       * A slower Enter, or one with no run at all, is handed back alone as
//         Typed{"", true}, after the run before it has ended by the rules here.
//         So a person's Enter always reaches the field.
//       * A slow key (gap > max_gap_ms, but before the end pause) interrupts a
//         run: the run so far is Typed{run, false}, and the slow key starts a
//         new run. So a scanner burst that stalls mid-way is never Scanned as a
//         whole: its first part goes to the field, its rest may be Scanned as
//         a fragment (which Recognize() then calls unknown).
//       * With require_enter, or when the run is shorter than min_length, a run
//         is Typed as soon as more than max_gap_ms pass without a key: it can
//         neither grow nor be ended by a prompt Enter any more.
//       * A run that reaches max_length characters is Typed at once (no code
//         this kiosk scans is that long; a key held down with auto-repeat is).
//   - A person who types min_length keys within max_gap_ms of each other (or
//     who holds a key down with auto-repeat that fast) looks like a scanner.
//     That trade-off is what the options set; the defaults are 50 ms per key
//     and 4 characters.
//
// Latency: a key a person types reaches the field about max_gap_ms later (end_pause_ms
// for a run of min_length or more with require_enter false). NextDeadline() says
// when OnTick next has work, so the UI loop can wake up for it.
//
// Time: t_ms values are any monotonic millisecond clock; they should not go
// backwards, and one that does counts as a gap of 0. Thread-compatible; pure:
// no clock, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/result.h"

namespace gb::scanner {

struct Scanned {
  std::string text;  // UTF-8, without the Enter
  bool operator==(const Scanned&) const = default;
};

struct Typed {
  std::string text;    // UTF-8; empty when only an Enter is handed back
  bool enter = false;  // an Enter followed the text and belongs to the field too
  bool operator==(const Typed&) const = default;
};

using WedgeEvent = std::variant<Scanned, Typed>;

class WedgeDecoder {
 public:
  struct Options {
    int64_t max_gap_ms = 50;     // the longest gap between two keys of one scan
    size_t min_length = 4;       // the fewest characters a scan has
    int64_t end_pause_ms = 120;  // the silence that ends a scan without Enter
    bool require_enter = false;  // true: only Enter ends a scan
    size_t max_length = 1024;    // a longer run is not a scan
  };

  // Fails with "bad_wedge_options" (InvalidArgument) unless max_gap_ms > 0,
  // end_pause_ms > max_gap_ms and 1 <= min_length <= max_length.
  static base::Result<WedgeDecoder> Create(Options options);

  // One typed character. '\r' and '\n' count as OnEnter(t_ms); other control
  // characters are text. An invalid code point becomes U+FFFD.
  void OnChar(char32_t c, int64_t t_ms);
  // Characters that arrived in one event (UTF-8, e.g. SDL_TEXTINPUT), all at t_ms.
  void OnChar(std::string_view utf8, int64_t t_ms);
  void OnEnter(int64_t t_ms);
  // Lets a pause end a run. Call it from the UI loop, at least by NextDeadline().
  void OnTick(int64_t now_ms);

  // The earliest time at which OnTick ends the run held back now; nullopt when
  // no run is held back.
  std::optional<int64_t> NextDeadline() const;
  bool holding() const { return run_length_ > 0; }

  // Returns the events since the last call, oldest first, and forgets them.
  std::vector<WedgeEvent> TakeEvents();

 private:
  explicit WedgeDecoder(Options options) : options_(options) {}

  // Ends the run if the time since its last key says it is over. A key about
  // to arrive at t_ms (key_arrives) interrupts a run still waiting for its pause.
  void EndRunByTime(int64_t t_ms, bool key_arrives);
  void AppendChar(char32_t c, int64_t t_ms);
  void EndRun(WedgeEvent event);
  bool RunCanEndByPause() const;

  Options options_;
  std::string run_;          // UTF-8
  size_t run_length_ = 0;    // characters in run_
  int64_t last_key_ms_ = 0;  // valid when run_length_ > 0
  std::vector<WedgeEvent> events_;
};

}  // namespace gb::scanner
