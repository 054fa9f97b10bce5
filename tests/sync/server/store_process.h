// Real processes for the server tests: groupbuy-provision to set up a store
// and its kiosks, and groupbuy-store started on 127.0.0.1 with port 0. The
// helper reads the port from the store's first line of output and kills the
// process (SIGKILL) when it goes, if the test did not stop it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/voucher/ed25519.h"
#include "tests/support/provision_run.h"

namespace gb::test {


struct Kiosk {
  std::string dir;
  std::string kiosk_id;
  uint32_t key_id = 0;
  std::string token;
  std::string cert_sha256;
  std::optional<voucher::SigningKey> key;
};

// init-store --dir store_dir --name Test --listen 127.0.0.1:0: the admin
// token it printed ("" and a test failure on error).
std::string InitStore(const std::string& store_dir, const std::string& scratch);

// init-kiosk + add-kiosk into `store_dir`; fails the test on error.
Kiosk EnrolKiosk(const std::string& store_dir, const std::string& kiosk_dir);

// groupbuy-provision staff add --dir store_dir --name NAME --role ROLE, the
// PIN on standard input, as an operator adds staff; fails the test on error.
void AddStaff(const std::string& store_dir, const std::string& name, const std::string& role,
              const std::string& pin);

class StoreProcess {
 public:
  StoreProcess() = default;
  StoreProcess(const StoreProcess&) = delete;
  StoreProcess& operator=(const StoreProcess&) = delete;
  ~StoreProcess();

  // Starts groupbuy-store --dir dir --listen 127.0.0.1:0 (plus --plain-http
  // unless tls) and waits for its "listening on" line. False on failure.
  // `extra` arguments go after those; an --listen among them replaces the
  // default (to restart on the same port).
  bool Start(const std::string& dir, bool tls = false, std::vector<std::string> extra = {});
  // The child's RLIMIT_NOFILE (0: inherited); set before Start.
  void set_open_files_limit(int n) { nofile_ = n; }
  // SIGTERM, then waits; returns the exit status (-1 if it did not exit normally).
  int Stop();
  // SIGKILL, then reaps.
  void Kill();

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Everything the process printed so far (stdout and stderr).
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int nofile_ = 0;
  std::string log_;
};

}  // namespace gb::test
