#include "kiosk/shell/identity_watch.h"

#include <iostream>

namespace gb::shell {

base::Result<std::unique_ptr<LedgerIdentityWatch>> LedgerIdentityWatch::Open(
    const std::string& ledger_path, const ledger::Identity& identity, std::string where,
    Log log) {
  GB_ASSIGN_OR_RETURN(ledger::Ledger ledger,
                      ledger::Ledger::Open(ledger_path, identity.WithoutKey()));
  if (!log) log = [](const std::string& line) { std::cerr << line << std::endl; };
  std::unique_ptr<LedgerIdentityWatch> w(
      new LedgerIdentityWatch(std::move(ledger), std::move(where), std::move(log)));
  GB_ASSIGN_OR_RETURN(std::optional<ledger::ServerAlarm> standing, w->ledger_.GetServerAlarm());
  w->standing_ = standing.has_value();
  return w;
}

void LedgerIdentityWatch::Mismatch(int64_t now) {
  // In memory first: whatever the disk says, the till refuses from now on.
  standing_ = true;
  std::lock_guard lock(mu_);
  base::Result<bool> raised = ledger_.RaiseServerAlarm(now);
  if (!raised.ok()) {
    log_("groupbuy-kiosk: ALARM server_identity_changed at " + where_ +
         " (not saved: " + raised.status().ToString() + ")");
    return;
  }
  // One line per alarm, not one per retry.
  if (*raised) {
    log_("groupbuy-kiosk: ALARM server_identity_changed: the store server at " + where_ +
         " presented a certificate other than the pinned one; nothing was sent; till money "
         "and redemption are refused until the store's own certificate is seen again. Call IT.");
  }
}

void LedgerIdentityWatch::Verified(int64_t now) {
  if (!standing_.load()) return;  // the common case: one atomic read
  std::function<void()> then;
  {
    std::lock_guard lock(mu_);
    base::Result<std::optional<ledger::ServerAlarm>> cleared = ledger_.ClearServerAlarm(now);
    if (!cleared.ok()) {
      // Still standing: the next verified reply tries again.
      log_("groupbuy-kiosk: server identity verified, alarm not cleared: " +
           cleared.status().ToString());
      return;
    }
    standing_ = false;
    if (*cleared) {
      const ledger::ServerAlarm& a = **cleared;
      log_("groupbuy-kiosk: server identity verified again at " + where_ + "; alarm of " +
           std::to_string(a.first_at) + ".." + std::to_string(a.last_at) + " (" +
           std::to_string(a.mismatches) + " mismatches) cleared and queued for the store");
    }
    then = on_clear_;
  }
  if (then) then();
}

}  // namespace gb::shell
