// ServiceNotify: tells systemd (Type=notify units, packaging/systemd/) how
// the store server is doing, through libsystemd's sd_notify. This file and
// its .cpp are the only ones that include <systemd/sd-daemon.h>.
//
// Every call is a no-op when NOTIFY_SOCKET is unset (a run from a shell or a
// test), and a failure to send is ignored: a server that cannot tell systemd
// must still serve.
//
//   Ready()     READY=1, once the server listens (systemd then starts units
//               ordered after it).
//   Stopping()  STOPPING=1, when a stop signal arrived.
//   Alive()     WATCHDOG=1, at most once every WatchdogInterval()/2, so it
//               may be called from a loop that turns many times a second.
//               Called from the writer's loop (event_writer.h): when that
//               loop hangs, systemd's watchdog restarts the service.
//
// Thread-safety: Alive may be called from one thread at a time (the
// writer's); Ready and Stopping from any.
#pragma once

#include <chrono>

namespace gb::server {

class ServiceNotify {
 public:
  // Reads WATCHDOG_USEC (and WATCHDOG_PID) once, as sd_watchdog_enabled does.
  ServiceNotify();

  void Ready() const;
  void Stopping() const;
  void Alive();

  // The watchdog period systemd asked for; zero when it asked for none.
  std::chrono::microseconds watchdog() const { return watchdog_; }

 private:
  std::chrono::microseconds watchdog_{0};
  std::chrono::steady_clock::time_point last_alive_{};
};

}  // namespace gb::server
