#include "sync/server/service_notify.h"

#include <systemd/sd-daemon.h>

#include <cstdint>

namespace gb::server {

ServiceNotify::ServiceNotify() {
  uint64_t usec = 0;
  // 0 unset_environment: the uplink's or a child's environment is not ours to edit.
  if (sd_watchdog_enabled(0, &usec) > 0) watchdog_ = std::chrono::microseconds(usec);
}

void ServiceNotify::Ready() const { (void)sd_notify(0, "READY=1\nSTATUS=listening"); }

void ServiceNotify::Stopping() const { (void)sd_notify(0, "STOPPING=1\nSTATUS=stopping"); }

void ServiceNotify::Alive() {
  if (watchdog_.count() == 0) return;
  const auto now = std::chrono::steady_clock::now();
  // Half the period, as sd_watchdog_enabled(3) advises: one late turn of the
  // loop does not get the service killed, a hung loop does.
  if (now - last_alive_ < watchdog_ / 2) return;
  last_alive_ = now;
  (void)sd_notify(0, "WATCHDOG=1");
}

}  // namespace gb::server
