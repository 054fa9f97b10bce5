// StoreBackend: the Backend of the real server, over the store database.
//
// Writes go to the EventWriter (group commit); reads use a second
// connection of their own, serialized by a mutex (WAL lets it read while the
// writer writes). Tokens: the admin's hash from SDIR/admin.token and the
// kiosks' hashes from the database, compared with CRYPTO_memcmp against
// every known hash (no early exit, no index lookup on the secret).
//
// What strangers can reach is answered from memory, never the database: a
// background thread (every refresh_every, 100 ms) reloads the kiosks' hashes
// when their revision changed (an enrolment or revocation by this process or
// by groupbuy-provision), the open enrolment codes' hashes, and every second
// the store's figures for /metrics. So /metrics and /readyz (the writer's
// last write check) cost no query, and an unknown token or a guessed
// enrolment code costs at most one refresh every 250 ms, whoever sends them
// (a kiosk enrolled a moment ago by another process is then known at once). A token
// that matches a kiosk is then checked against the kiosks' revision (one
// small read), so a revoked token stops working with the very next request.
//
// Tallies adds this server's name and clock, and when each kiosk last made
// an authenticated request to this process (kept in memory: after a restart
// the kiosks' 2 s state polls refill it; until then the database's event
// times stand in).
//
// Thread-safety: all methods may run concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <thread>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sync/server/backend.h"
#include "sync/server/event_writer.h"
#include "sync/server/staff_sessions.h"
#include "sync/server/staff_sign_in_guard.h"
#include "sync/store/store_db.h"

namespace gb::server {

class StoreBackend final : public Backend {
 public:
  // REQUIRES: writer outlives the backend. `name`: store.json's, for the tallies.
  // `staff_sessions`: how long a staff session lasts (groupbuy-store
  // --staff-session-idle / --staff-session-max).
  static base::Result<std::unique_ptr<StoreBackend>> Create(
      std::unique_ptr<store::StoreDb> reader, EventWriter& writer,
      const store::Digest& admin_token_hash, std::string name = "",
      std::chrono::milliseconds refresh_every = std::chrono::milliseconds(100),
      StaffSessionPolicy staff_sessions = {});

  ~StoreBackend() override;  // stops the refresher
  std::optional<Principal> Authenticate(std::string_view token) override;
  // Whether the kiosk's token is still good (memory only; for live sockets).
  bool KioskActive(const std::string& kiosk_id);
  // Sign-ups' signatures are checked here, on the caller's (I/O) thread,
  // against the enrolled kiosks' current keys, into `memo` when one was set
  // (CheckSignaturesInto), so the writer thread only stores them.
  void SubmitEvents(protocol::Batch batch, EventsDone done) override;
  void SubmitEventsSized(protocol::Batch batch, EventsDone done, size_t body_bytes) override;
  base::Result<nlohmann::json> State(const Principal& who, int64_t since) override;
  // A kiosk's state: its leases are granted on the writer first (group
  // commit), then the rest is read here and "leases" added. The admin's:
  // as State, without leases.
  void StateAsync(const Principal& who, int64_t since,
                  std::function<void(base::Result<nlohmann::json>)> done) override;
  base::Result<nlohmann::json> Tallies() override;
  base::Result<std::string> ReportCsv() override;
  base::Result<nlohmann::json> Series() override;
  base::Result<nlohmann::json> Redeem(const RedeemCall& call) override;
  // Redemptions go through the writer's group commit; dry runs use Redeem.
  void RedeemAsync(const RedeemCall& call,
                   std::function<void(base::Result<nlohmann::json>)> done) override;
  base::Result<nlohmann::json> Deposit(const TillCall& call) override;
  base::Result<nlohmann::json> Refund(const TillCall& call) override;
  // Staff sessions (store_backend_staff.cpp): the PIN is checked against
  // the staff row read on the reader connection (db_mu_ held only for the
  // read), outside every lock and off the writer thread; wrong PINs are
  // limited per member and per kiosk (staff_sign_in_guard.h). A session is
  // checked in memory, then its member against the staff table (one small
  // read), so a member removed by groupbuy-provision loses it at once, and
  // a changed role applies at once. A revoked kiosk's sessions end at the
  // next refresh (its token is refused before that anyway).
  base::Result<StaffSignInResult> StaffSignIn(const StaffSignInCall& call) override;
  base::Result<StaffSessionActor> StaffSession(std::string_view token,
                                               const std::string& kiosk_id) override;
  base::Result<nlohmann::json> Rescue() override;
  base::Result<nlohmann::json> ResolveRescue(const RescueCall& call) override;
  base::Result<nlohmann::json> Enroll(const EnrollCall& call) override;
  base::Result<nlohmann::json> ShopperCheck(uint32_t deal_id,
                                            const std::string& phone_hash) override;
  // The store's phone key (StoreDir::PhoneKeyHex), handed to each kiosk it
  // enrols ("phone_key" of POST /v1/enroll). Call before serving; empty (the
  // default): enrolled kiosks make their own key.
  void SetPhoneKey(std::string hex) { phone_key_ = std::move(hex); }
  base::Result<nlohmann::json> RotateKey(const std::string& kiosk_id,
                                         const std::string& public_key_pem) override;
  base::Result<nlohmann::json> StopDeal(uint32_t deal_id) override;
  base::Result<nlohmann::json> PauseDeal(uint32_t deal_id, bool paused) override;
  // REQUIRES: called before requests arrive; the writer's StoreDb uses the
  // same memo (StoreDb::UseSignatureMemo).
  void CheckSignaturesInto(std::shared_ptr<store::SignatureMemo> memo) { memo_ = std::move(memo); }
  base::Status Ready() override;
  std::string MetricsText() override;
  // Kiosk id -> when it last made an authenticated request to this process
  // (Unix seconds): a copy, for the uplink's offline kiosks.
  std::map<std::string, int64_t> Contacts();

 private:
  struct KnownToken {
    store::Digest hash;
    std::string kiosk_id;
  };
  StoreBackend(std::unique_ptr<store::StoreDb> reader, EventWriter& writer,
               const store::Digest& admin, std::string name, StaffSessionPolicy staff_sessions)
      : reader_(std::move(reader)),
        writer_(writer),
        admin_(admin),
        name_(std::move(name)),
        sessions_(staff_sessions) {}
  // Reads what strangers are answered from (tokens when their revision
  // moved or `force`, open codes, and the figures when due) and swaps it in.
  // Takes db_mu_, then tokens_mu_, never both at once.
  base::Status Refresh(bool force);
  void RefreshLoop();
  // After a token or code matched nothing: Refresh, unless one was made on
  // a miss in the last 250 ms (false then, or when it failed).
  bool ReloadOnMiss();
  std::string ReadFigures();  // REQUIRES: db_mu_ held
  // REQUIRES: tokens_mu_ held.
  std::optional<Principal> Match(const store::Digest& hash) const;

  // Lock order: tokens_mu_, then db_mu_. Token checks do not wait for reads.
  std::mutex tokens_mu_;
  std::mutex db_mu_;
  std::unique_ptr<store::StoreDb> reader_;  // guarded by db_mu_
  EventWriter& writer_;
  const store::Digest admin_;
  const std::string name_;
  // Checks the sign-ups' signatures of `batch` into memo_ (no-op without one).
  void Precheck(const protocol::Batch& batch);
  std::string phone_key_;  // set before serving, then only read
  std::vector<KnownToken> tokens_;            // guarded by tokens_mu_
  // The enrolled kiosks' current keys, rebuilt with tokens_; guarded by tokens_mu_.
  std::shared_ptr<const voucher::KeyRing> ring_ = std::make_shared<voucher::KeyRing>();
  std::shared_ptr<store::SignatureMemo> memo_;
  int64_t kiosk_rev_ = -1;                    // of tokens_; guarded by tokens_mu_
  std::vector<store::EnrollCodeState> codes_;  // guarded by tokens_mu_
  std::string figures_;                       // /metrics lines; guarded by tokens_mu_
  std::map<std::string, int64_t> contacts_;  // kiosk -> Unix seconds; guarded by tokens_mu_
  std::chrono::steady_clock::time_point figures_at_{};  // refresher thread only
  std::chrono::milliseconds refresh_every_{100};
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;  // guarded by stop_mu_
  std::thread refresher_;
  std::atomic<int64_t> last_miss_reload_ms_{0};  // steady ms of the last reload on a miss
  StaffSessions sessions_;   // thread-safe on its own
  StaffSignInGuard sign_in_guard_;  // thread-safe on its own
};

}  // namespace gb::server
