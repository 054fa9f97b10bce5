// SyncWiring: groupbuy-kiosk's link to the store server.
//
// When kiosk.json has a server block (written by `groupbuy-provision
// add-kiosk`), Start runs the sync thread (sync_client::SyncClient): it
// uploads the ledger's outbox through its own ledger connection
// (LedgerOutbox), keeps its cursor in KDIR/sync-cursor.json, applies the
// server's state through a second connection (LedgerStateSink), and talks
// HTTPS with the store certificate pinned (BeastTransport). A LiveClient
// (GET /v1/live, pinned too) wakes the sync thread whenever the store's
// revision changes, so other kiosks' sign-ups show within a second.
// Without a server block there is no thread and nothing leaves the kiosk.
//
// desk() is the app's DealDesk: the wrapped desk, plus a Wake of the sync
// thread after each sign-up, so the server hears of it at once. Before a
// sign-up it asks the store whether the phone is under the deal's
// per-shopper limit over every kiosk (app::ShopperGate over a
// StoreShopperCheck: its own pinned connection, a short timeout, skipped
// while the sync thread finds the store unreachable); a "no" is refused
// "shopper_limit", no answer leaves the kiosk's own count to decide. While the
// kiosk's clock is beyond the allowed skew from the server's, it refuses
// sign-ups with "kiosk_paused" (FailedPrecondition).
// status() is for the staff screens: nullopt when the kiosk does not sync.
// A sync that cannot start (a damaged sync-cursor.json, a malformed server
// block, a ledger error) does not stop the kiosk: it takes sign-ups offline
// and status() says offline with the reason in last_error.
//
// A pin mismatch on any of the kiosk's connections to the store (the sync
// thread's, the till's) raises the server identity alarm (identity_watch.h):
// kept in the ledger, logged once, reported to the store by the "server_identity"
// event when the store's own certificate is seen again; identity_alarm() says
// whether it stands (a ledger that cannot be opened for it leaves only the
// in-memory alarm of this run: the watch is then null and the till refuses
// on each mismatch it sees itself).
//
// Thread-safety: desk() is for the UI thread (as the desk it wraps);
// status() and Wake() may be called from any thread. The destructor stops
// the sync thread (bounded by the transport's timeout).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "kiosk/app/seams.h"
#include "kiosk/app/shopper_gate.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/shell/identity_watch.h"
#include "kiosk/till/local_till.h"
#include "sync/client/live_client.h"
#include "sync/client/sync_client.h"

namespace gb::shell {

class SyncWiring {
 public:
  // `identity` is the kiosk's (the key is not needed and not kept); `inner`
  // is borrowed and must outlive this; `now` gives Unix seconds.
  // Does not fail today (see above); a Result for what may have to later.
  static base::Result<std::unique_ptr<SyncWiring>> Start(const config::KioskDir& dir,
                                                         const ledger::Identity& identity,
                                                         app::DealDesk& inner,
                                                         std::function<int64_t()> now);
  ~SyncWiring();
  SyncWiring(const SyncWiring&) = delete;
  SyncWiring& operator=(const SyncWiring&) = delete;

  app::DealDesk& desk() { return desk_; }
  bool enabled() const { return enabled_; }  // kiosk.json has a server block
  std::optional<sync_client::SyncStatus> status() const;
  void Wake();
  // Waits until the store has acknowledged the outbox (SyncClient::Flush):
  // ok at once without a server block; the start error ("offline") when
  // the sync could not start. For a kiosk about to exit.
  base::Status Flush(int64_t timeout_ms);
  // The server identity alarm stands (any thread).
  bool identity_alarm() const { return watch_ && watch_->Standing(); }

  // The till of staff mode: with a server block, a ServerTill (server_till.h)
  // over its own pinned connection with a short timeout, for the UI thread;
  // without one, `local` as it is. Fails with BeastTransport's "bad_endpoint".
  base::Result<std::unique_ptr<till::Till>> MakeTill(ledger::Ledger& ledger,
                                                     till::LocalTill local,
                                                     const std::string& place) const;

 private:
  class WakingDesk final : public app::DealDesk {
   public:
    WakingDesk(app::DealDesk& inner, SyncWiring& owner) : inner_(inner), owner_(owner) {}
    base::Result<std::vector<app::DealInfo>> ListDeals(int64_t now) override {
      return inner_.ListDeals(now);
    }
    base::Result<app::JoinTicket> Join(const app::JoinRequest& request) override;

   private:
    app::DealDesk& inner_;
    SyncWiring& owner_;
  };

  explicit SyncWiring(app::DealDesk& inner) : gate_(inner, nullptr), desk_(gate_, *this) {}
  // The store's shopper check for gate_, when there is a server block.
  void StartShopperCheck(const ledger::Identity& identity);
  // Reasons: BeastTransport's "bad_endpoint", Ledger::Open's, the cursor
  // file's "bad_cursor_file".
  static base::Result<std::unique_ptr<sync_client::SyncClient>> StartClient(
      const config::KioskDir& dir, const config::ServerSettings& server,
      const ledger::Identity& identity, std::function<int64_t()> now,
      sync_client::IdentityWatch* watch);

  std::unique_ptr<app::ShopperLimitCheck> shopper_;  // null: no server block
  app::ShopperGate gate_;                        // asks shopper_ before the inner desk
  WakingDesk desk_;
  bool enabled_ = false;
  std::optional<config::ServerSettings> server_;
  std::string start_error_;                          // why client_ is null while enabled_
  std::function<int64_t()> now_;
  std::unique_ptr<LedgerIdentityWatch> watch_;       // before client_: it outlives the thread
  std::unique_ptr<sync_client::SyncClient> client_;  // null: no server block, or start failed
  std::unique_ptr<sync_client::LiveClient> live_;    // wakes client_; declared after it, so it stops first
};

}  // namespace gb::shell
