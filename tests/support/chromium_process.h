// ChromiumProcess: Debian's headless `chromium` for browser tests, in a
// process group of its own so that every process it starts goes with it.
//
// Launch starts `chromium --headless=new --no-sandbox --disable-gpu
// --remote-debugging-port=0 --user-data-dir=DIR about:blank`, its output in
// DIR/../chromium.log, and waits for the "DevTools listening on ws://..."
// line to learn the port. The destructor SIGKILLs the whole group and reaps
// the browser; should the test process die first, the browser gets SIGKILL
// too (PR_SET_PDEATHSIG), and no crash reporter is started to outlive it. A missing browser is an
// error that says how to install it (tests fail on it; they do not skip).
//
// Thread-compatible.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "core/base/result.h"

namespace gb::test {

class ChromiumProcess {
 public:
  // `profile_dir`: an empty folder for the browser's profile; the log goes
  // beside it. FailedPrecondition "no_chromium" when `chromium` is not on
  // PATH; DeadlineExceeded "chromium_start" when no DevTools line came
  // within 20 s (the message has the log's tail).
  static base::Result<std::unique_ptr<ChromiumProcess>> Launch(const std::string& profile_dir);
  ~ChromiumProcess();
  ChromiumProcess(const ChromiumProcess&) = delete;
  ChromiumProcess& operator=(const ChromiumProcess&) = delete;

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // The WebSocket URL of the first page target (GET /json/list).
  base::Result<std::string> PageWebSocketUrl() const;
  // What the browser printed so far.
  std::string Log() const;

 private:
  ChromiumProcess(pid_t pid, std::string log_path) : pid_(pid), log_path_(std::move(log_path)) {}
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
};

// The full path of `name` on PATH, or "" when it is not there.
std::string FindOnPath(const std::string& name);

}  // namespace gb::test
