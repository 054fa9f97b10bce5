#include "kiosk/shell/sdl_display.h"

#include <SDL.h>

#include <algorithm>
#include <vector>

namespace gb::shell {
namespace {

base::Status SdlError(std::string_view op) {
  return base::Status::Internal("sdl_failed", std::string(op) + ": " + SDL_GetError());
}

// Tries a video driver; on failure returns SDL's words for it.
std::optional<std::string> StartVideo(const char* driver) {
  SDL_SetHint(SDL_HINT_VIDEODRIVER, driver);
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) return std::nullopt;
  std::string why = SDL_GetError();
  SDL_QuitSubSystem(SDL_INIT_VIDEO);
  return why;
}

}  // namespace

base::Result<std::unique_ptr<SdlDisplay>> SdlDisplay::Open(const DisplayOptions& options) {
  // The software path end to end: no accelerated framebuffer (slower, and
  // four times the memory in the software renderer; see sdl-headless.md).
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  const std::vector<const char*> drivers = options.headless
                                               ? std::vector<const char*>{"offscreen"}
                                               : std::vector<const char*>{"kmsdrm", "x11"};
  std::string driver;
  std::string tried;
  for (const char* d : drivers) {
    std::optional<std::string> why = StartVideo(d);
    if (!why) {
      // SDL_VIDEODRIVER in the environment beats the hint, so ask SDL which
      // driver it really started: the start-up line must not say kmsdrm
      // for a window on X11.
      const char* started = SDL_GetCurrentVideoDriver();
      driver = started != nullptr ? started : d;
      break;
    }
    tried += std::string(tried.empty() ? "" : "; ") + d + ": " + *why;
  }
  if (driver.empty()) {
    return base::Status::FailedPrecondition(
        "no_display", "no video driver could start (" + tried +
                          "); a kiosk needs kmsdrm or x11, or --headless for a scripted run");
  }
  Uint32 flags = SDL_WINDOW_SHOWN;
  if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (!options.headless && !options.fullscreen) flags |= SDL_WINDOW_RESIZABLE;
  SDL_Window* window =
      SDL_CreateWindow("groupbuy-kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                       options.size.width, options.size.height, flags);
  if (window == nullptr) {
    base::Status s = SdlError("SDL_CreateWindow (" + driver + ")");
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return s;
  }
  return std::unique_ptr<SdlDisplay>(new SdlDisplay(window, driver));
}

SdlDisplay::~SdlDisplay() {
  SDL_DestroyWindow(window_);
  SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

ui::Size SdlDisplay::size() const {
  int w = 0;
  int h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return {w, h};
}

base::Status SdlDisplay::Present(SDL_Surface* frame) {
  SDL_Surface* target = SDL_GetWindowSurface(window_);
  if (target == nullptr) return SdlError("SDL_GetWindowSurface");
  // Copy, not blend: the software renderer leaves alpha 253 on some blended
  // edges, and blending those onto the last frame made the window differ
  // from the frame (and from the kiosk's own screenshots).
  SDL_SetSurfaceBlendMode(frame, SDL_BLENDMODE_NONE);
  if (SDL_BlitSurface(frame, nullptr, target, nullptr) != 0) return SdlError("SDL_BlitSurface");
  if (SDL_UpdateWindowSurface(window_) != 0) return SdlError("SDL_UpdateWindowSurface");
  return base::Status::Ok();
}

std::optional<InputEvent> SdlDisplay::Translate(const void* raw) {
  const SDL_Event& e = *static_cast<const SDL_Event*>(raw);
  const ui::Size s = size();
  switch (e.type) {
    case SDL_QUIT:
      return InputEvent{InputEvent::Kind::kQuit, {}, {}};
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        return InputEvent{InputEvent::Kind::kResized, {}, {e.window.data1, e.window.data2}};
      }
      return std::nullopt;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      // SDL's copy of a touch: the finger event is the one we act on.
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) {
        return std::nullopt;
      }
      return InputEvent{
          e.type == SDL_MOUSEBUTTONDOWN ? InputEvent::Kind::kPress : InputEvent::Kind::kRelease,
          {e.button.x, e.button.y},
          {}};
    case SDL_FINGERDOWN:
    case SDL_FINGERUP: {
      // SDL's copy of a mouse click (with SDL_MOUSE_TOUCH_EVENTS): the mouse
      // event is the one we act on.
      if (e.tfinger.touchId == SDL_MOUSE_TOUCHID) return std::nullopt;
      const ui::Point at{static_cast<int>(e.tfinger.x * static_cast<float>(s.width)),
                         static_cast<int>(e.tfinger.y * static_cast<float>(s.height))};
      return InputEvent{
          e.type == SDL_FINGERDOWN ? InputEvent::Kind::kPress : InputEvent::Kind::kRelease, at, {}};
    }
    case SDL_TEXTINPUT: {
      InputEvent in{InputEvent::Kind::kText, {}, {}};
      in.text = e.text.text;
      in.t_ms = e.text.timestamp;
      return in;
    }
    case SDL_KEYDOWN:
      // Enter ends a wedge scanner's burst; it makes no SDL_TEXTINPUT.
      if (e.key.keysym.sym != SDLK_RETURN && e.key.keysym.sym != SDLK_KP_ENTER) return std::nullopt;
      {
        InputEvent in{InputEvent::Kind::kEnter, {}, {}};
        in.t_ms = e.key.timestamp;
        return in;
      }
    default:
      return std::nullopt;
  }
}

std::optional<InputEvent> SdlDisplay::Next(int timeout_ms) {
  SDL_Event e;
  const Uint64 until = SDL_GetTicks64() + static_cast<Uint64>(timeout_ms < 0 ? 0 : timeout_ms);
  // First what queued up while the caller was busy (drawing, ticking): SDL
  // stamps an event when it is pumped, so those would look as late as the
  // caller was slow, and a wedge scanner's burst split by one slow frame
  // would no longer look like a scan. They came after the caller left, so
  // they get that time; events that arrive while waiting keep SDL's time.
  bool queued = true;
  for (;;) {
    const Uint64 now = SDL_GetTicks64();
    const int left = now >= until ? 0 : static_cast<int>(until - now);
    const int got = queued || left == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, left);
    if (got == 0 && queued && left > 0) {
      queued = false;
      continue;
    }
    if (got == 0) break;
    std::optional<InputEvent> in = Translate(&e);
    if (!in) continue;
    if (in->kind == InputEvent::Kind::kText || in->kind == InputEvent::Kind::kEnter) {
      if (queued && left_at_ms_ >= 0) in->t_ms = std::min(in->t_ms, left_at_ms_);
      in->t_ms = std::max(in->t_ms, last_key_ms_);  // never backwards
      last_key_ms_ = in->t_ms;
    }
    left_at_ms_ = static_cast<int64_t>(SDL_GetTicks64());
    return in;
  }
  left_at_ms_ = static_cast<int64_t>(SDL_GetTicks64());
  return std::nullopt;
}

}  // namespace gb::shell
