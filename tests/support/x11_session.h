// X11Session: a private X server for tests that drive a program's real
// window from outside, as a person or a USB keyboard-wedge scanner would:
// xdotool types (through XTEST, like a keyboard) and clicks, xwd dumps the
// window as the X server has it.
//
// Start runs `Xvfb -displayfd FD -screen 0 WxHx24 -nolisten tcp` as a
// ChildProcess: Xvfb takes the first free display itself and writes its
// number back, so tests running side by side never collide. Its default
// keymap is US, as a scanner set up for "USA keyboard" expects.
// The destructor stops the server (SIGTERM, then SIGKILL). Every tool call
// has a timeout. When Xvfb, xdotool or xwd is missing, Start fails with
// FailedPrecondition "no_x11_tools" naming the Debian packages
// (scripts/deps.sh installs them): such tests fail, they never skip.
//
// Thread-compatible.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "tests/support/argb_image.h"
#include "tests/support/child_process.h"

namespace gb::test {

class X11Session {
 public:
  // `dir`: an existing folder for the server's and the tools' logs.
  static base::Result<std::unique_ptr<X11Session>> Start(const std::string& dir, int width,
                                                         int height);
  ~X11Session();
  X11Session(const X11Session&) = delete;
  X11Session& operator=(const X11Session&) = delete;

  const std::string& display() const { return display_; }  // ":1"
  // DISPLAY=... for a program that should open its window here.
  std::string DisplayEnv() const { return "DISPLAY=" + display_; }

  // The id of a visible window whose title is `title`, waiting up to
  // timeout_ms for one; NotFound "no_window" after that.
  base::Result<std::string> WaitForWindow(const std::string& title, int timeout_ms);
  // Gives the window the keyboard focus (there is no window manager to).
  base::Status Focus(const std::string& window);
  // Types `text` into the focused window, key by key, delay_ms apart.
  base::Status Type(const std::string& text, int delay_ms);
  // Presses and releases one key by its X keysym name ("Return").
  base::Status Key(const std::string& keysym);
  // The window's pixels as the X server shows them.
  base::Result<ArgbImage> Capture(const std::string& window);

 private:
  X11Session(std::unique_ptr<ChildProcess> server, std::string display, std::string dir)
      : server_(std::move(server)), display_(std::move(display)), dir_(std::move(dir)) {}
  base::Result<std::string> Tool(const std::string& name, std::vector<std::string> args);

  std::unique_ptr<ChildProcess> server_;
  std::string display_;
  std::string dir_;
  std::string xdotool_, xwd_;
};

}  // namespace gb::test
