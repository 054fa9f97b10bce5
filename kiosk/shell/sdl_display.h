// SdlDisplay: the kiosk's window and its input, the only part of the shell
// that includes SDL headers.
//
// The video driver is chosen explicitly: "offscreen" for headless runs;
// otherwise kmsdrm (a store kiosk, no X server), then x11. If none starts,
// Open fails with reason "no_display" naming what each driver said, so a
// kiosk never runs invisibly (SDL would otherwise fall back to offscreen).
// SDL_VIDEODRIVER in the environment overrides that choice (SDL lets it win
// over the hint); driver() is always the one SDL actually started.
// Frames are presented by blitting the canvas's surface onto the window's
// surface: no SDL renderer on the window, so pixels are the software
// renderer's everywhere.
// Input becomes one channel of taps: touch and mouse events both count, but
// the synthetic copies SDL makes of each (mouse from touch, touch from
// mouse) are dropped, so a button never fires twice.
// Not thread-safe: the thread that opened it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "ui/geometry.h"

struct SDL_Window;
struct SDL_Surface;

namespace gb::shell {

struct DisplayOptions {
  ui::Size size{1080, 1920};
  bool headless = false;
  bool fullscreen = false;  // the display's own size (a store kiosk)
};

// kText and kEnter are keystrokes (a keyboard-wedge scanner types its
// scans); t_ms is when it came, a monotonic millisecond clock (SDL's): for a
// key that queued up while the caller was away from Next, the time the
// caller left (see Next).
struct InputEvent {
  enum class Kind { kPress, kRelease, kResized, kQuit, kText, kEnter };
  InputEvent() = default;
  InputEvent(Kind k, ui::Point p, ui::Size s) : kind(k), at(p), size(s) {}
  Kind kind = Kind::kQuit;
  ui::Point at;      // kPress, kRelease
  ui::Size size;     // kResized
  std::string text;  // kText: UTF-8
  int64_t t_ms = 0;  // kText, kEnter
};

class SdlDisplay {
 public:
  static base::Result<std::unique_ptr<SdlDisplay>> Open(const DisplayOptions& options);
  ~SdlDisplay();
  SdlDisplay(const SdlDisplay&) = delete;
  SdlDisplay& operator=(const SdlDisplay&) = delete;

  const std::string& driver() const { return driver_; }
  ui::Size size() const;
  // Shows a frame (an ARGB8888 surface of the window's size).
  base::Status Present(SDL_Surface* frame);
  // Waits up to timeout_ms for the next input (0: just poll); nullopt when
  // nothing came. Events that are not input are consumed silently. Keys
  // that queued while the caller was away (between two calls) are stamped
  // with the time it left, so a busy frame does not stretch the gaps in a
  // scanner's burst; key times never go backwards.
  std::optional<InputEvent> Next(int timeout_ms);

 private:
  SdlDisplay(SDL_Window* window, std::string driver)
      : window_(window), driver_(std::move(driver)) {}
  std::optional<InputEvent> Translate(const void* event);

  SDL_Window* window_;
  std::string driver_;
  int64_t left_at_ms_ = -1;  // when Next last returned (the caller went to work); -1: never
  int64_t last_key_ms_ = 0;  // the last key's t_ms
};

}  // namespace gb::shell
