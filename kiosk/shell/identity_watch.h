// LedgerIdentityWatch: the kiosk's server identity alarm
// (sync/client/server_identity.h), kept in its ledger so a restart does not
// forget it (meta 'server_alarm', Ledger::RaiseServerAlarm).
//
// Raised by the first pin mismatch that any of the kiosk's connections to
// the store sees (the sync thread's or the till's): one log line, with no
// personal data, then the till refuses money and redemption (server_till.h)
// and staff see the alarm. Cleared by the first reply over a connection
// with the pinned certificate: the ledger writes the "server_identity"
// event (first and last mismatch, how many) into the outbox in the same
// transaction, one log line says so, and `on_clear` runs (the kiosk wakes
// its sync thread, which uploads the event over that good connection).
//
// Thread-safety: Mismatch, Verified and Standing from any thread; the watch
// has its own ledger connection behind a mutex.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "kiosk/ledger/ledger.h"
#include "sync/client/server_identity.h"

namespace gb::shell {

class LedgerIdentityWatch final : public sync_client::IdentityWatch {
 public:
  using Log = std::function<void(const std::string&)>;
  // Opens its own connection on the ledger at `ledger_path` (Ledger::Open's
  // reasons) and reads a standing alarm. `where` ("host:port") names the
  // store in the log; `log` defaults to standard error.
  static base::Result<std::unique_ptr<LedgerIdentityWatch>> Open(const std::string& ledger_path,
                                                                 const ledger::Identity& identity,
                                                                 std::string where,
                                                                 Log log = nullptr);

  void Mismatch(int64_t now) override;
  void Verified(int64_t now) override;
  bool Standing() const override { return standing_.load(); }
  // Runs after each clearing, outside the lock; may be set while in use.
  void set_on_clear(std::function<void()> f) {
    std::lock_guard lock(mu_);
    on_clear_ = std::move(f);
  }

 private:
  LedgerIdentityWatch(ledger::Ledger ledger, std::string where, Log log)
      : ledger_(std::move(ledger)), where_(std::move(where)), log_(std::move(log)) {}

  std::mutex mu_;
  ledger::Ledger ledger_;  // guarded by mu_
  std::string where_;
  Log log_;
  std::function<void()> on_clear_;  // guarded by mu_
  std::atomic<bool> standing_{false};
};

}  // namespace gb::shell
