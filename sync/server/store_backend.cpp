#include "sync/server/store_backend.h"

#include "sync/server/json_reply.h"

namespace gb::server {
namespace {

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

base::Result<std::unique_ptr<StoreBackend>> StoreBackend::Create(
    std::unique_ptr<store::StoreDb> reader, EventWriter& writer, const store::Digest& admin,
    std::string name, std::chrono::milliseconds refresh_every) {
  std::unique_ptr<StoreBackend> b(
      new StoreBackend(std::move(reader), writer, admin, std::move(name)));
  b->refresh_every_ = std::max(refresh_every, std::chrono::milliseconds(10));
  GB_RETURN_IF_ERROR(b->Refresh(/*force=*/true));
  b->refresher_ = std::thread([p = b.get()] { p->RefreshLoop(); });
  return b;
}

StoreBackend::~StoreBackend() {
  {
    std::lock_guard lock(stop_mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (refresher_.joinable()) refresher_.join();
}

void StoreBackend::RefreshLoop() {
  for (;;) {
    {
      std::unique_lock lock(stop_mu_);
      if (stop_cv_.wait_for(lock, refresh_every_, [this] { return stop_; })) return;
    }
    // A failure keeps what was read last; the next pass tries again. An
    // exception must not end the process from this thread either.
    try {
      (void)Refresh(/*force=*/false);
    } catch (...) {
    }
  }
}

base::Status StoreBackend::Refresh(bool force) {
  const bool figures_due =
      force || std::chrono::steady_clock::now() - figures_at_ >= std::chrono::seconds(1);
  int64_t known_rev = 0;
  {
    std::lock_guard lock(tokens_mu_);
    known_rev = kiosk_rev_;
  }
  std::optional<std::vector<store::KioskRecord>> kiosks;
  int64_t rev = 0;
  std::vector<store::EnrollCodeState> codes;
  std::string figures;
  {
    std::lock_guard db_lock(db_mu_);
    GB_ASSIGN_OR_RETURN(rev, reader_->KioskRevision());
    if (force || rev != known_rev) {
      GB_ASSIGN_OR_RETURN(kiosks, reader_->ListKiosks());
    }
    GB_ASSIGN_OR_RETURN(codes, reader_->EnrollCodeStates());
    if (figures_due) figures = ReadFigures();
  }
  std::lock_guard lock(tokens_mu_);
  if (kiosks) {
    std::vector<KnownToken> fresh;
    for (const store::KioskRecord& k : *kiosks) {
      if (!k.revoked_at) fresh.push_back({k.token_sha256, k.kiosk_id});
    }
    tokens_ = std::move(fresh);
    kiosk_rev_ = rev;
  }
  codes_ = std::move(codes);
  if (figures_due) {
    figures_ = std::move(figures);
    figures_at_ = std::chrono::steady_clock::now();
  }
  return base::Status::Ok();
}

std::optional<Principal> StoreBackend::Match(const store::Digest& hash) const {
  // Every hash is compared, whatever matched earlier, so the time taken does
  // not depend on which token (if any) was presented.
  std::optional<Principal> found;
  if (store::SameDigest(hash, admin_)) found = Principal{true, ""};
  for (const KnownToken& t : tokens_) {
    if (store::SameDigest(hash, t.hash) && !found) found = Principal{false, t.kiosk_id};
  }
  return found;
}

std::optional<Principal> StoreBackend::Authenticate(std::string_view token) {
  const store::Digest hash = store::Sha256(token);
  std::optional<Principal> who;
  {
    std::lock_guard lock(tokens_mu_);
    who = Match(hash);
  }
  if (!who) {
    // A kiosk enrolled a moment ago by another process (add-kiosk) may not
    // be in memory yet: look again, but at most once every 250 ms whoever
    // asks, so strangers' guesses cost no more than four small reads a second.
    if (!ReloadOnMiss()) return who;
    std::lock_guard lock(tokens_mu_);
    who = Match(hash);
    if (!who) return who;
  }
  if (who->admin) return who;
  // A kiosk's token: revoked by another process since the last refresh?
  // One small read, so the very next request after a revocation is refused.
  const base::Result<int64_t> rev = [&] {
    std::lock_guard db_lock(db_mu_);
    return reader_->KioskRevision();
  }();
  if (!rev.ok()) return std::nullopt;  // fail closed
  bool moved = false;
  {
    std::lock_guard lock(tokens_mu_);
    moved = *rev != kiosk_rev_;
  }
  if (moved) {
    if (!Refresh(/*force=*/false).ok()) return std::nullopt;
    std::lock_guard lock(tokens_mu_);
    who = Match(hash);
    if (!who) return who;
  }
  // The dashboard's "offline for 5 min": any authenticated request counts,
  // the 2 s state polls of an idle kiosk included.
  std::lock_guard lock(tokens_mu_);
  contacts_[who->kiosk_id] = UnixNow();
  return who;
}

bool StoreBackend::ReloadOnMiss() {
  const int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count();
  int64_t last = last_miss_reload_ms_.load();
  if (ms - last < 250 || !last_miss_reload_ms_.compare_exchange_strong(last, ms)) return false;
  return Refresh(/*force=*/false).ok();
}

bool StoreBackend::KioskActive(const std::string& kiosk_id) {
  std::lock_guard lock(tokens_mu_);
  for (const KnownToken& t : tokens_) {
    if (t.kiosk_id == kiosk_id) return true;
  }
  return false;
}

void StoreBackend::SubmitEvents(protocol::Batch batch, EventsDone done) {
  writer_.Submit(std::move(batch), std::move(done));
}

void StoreBackend::SubmitEventsSized(protocol::Batch batch, EventsDone done, size_t body_bytes) {
  writer_.Submit(std::move(batch), std::move(done), body_bytes);
}

base::Result<nlohmann::json> StoreBackend::State(const Principal& who, int64_t since) {
  // Leases need the writer (StateAsync); the kiosk's own pledges do not.
  std::lock_guard lock(db_mu_);
  return reader_->State(since, who.admin ? std::string() : who.kiosk_id);
}

void StoreBackend::StateAsync(const Principal& who, int64_t since,
                              std::function<void(base::Result<nlohmann::json>)> done) {
  if (who.admin) return done(State(who, since));
  writer_.SubmitLeases(who.kiosk_id, [this, since, kiosk_id = who.kiosk_id, done = std::move(done)](
                                         base::Result<std::vector<store::KioskLease>> leases) {
    if (!leases.ok()) return done(leases.status());
    // Read after the grant committed: the kiosk's own counts in "deals"
    // are at least those its leases were computed from.
    base::Result<nlohmann::json> state = [&] {
      std::lock_guard lock(db_mu_);
      return reader_->State(since, kiosk_id);
    }();
    if (!state.ok()) return done(state.status());
    nlohmann::json list = nlohmann::json::array();
    for (const store::KioskLease& l : *leases) {
      list.push_back({{"deal_id", l.lease.deal_id},
                      {"seats", l.lease.seats},
                      {"expires_at", l.lease.expires_at},
                      {"used", l.used}});
    }
    (*state)["leases"] = std::move(list);
    done(std::move(state));
  });
}

namespace {

// The verdict as docs/sync-protocol.md shows it.
nlohmann::json VerdictJson(const store::RedeemVerdict& v, bool dry_run) {
  nlohmann::json out = {{"verdict", v.verdict}, {"key_id", v.key_id}, {"serial", v.serial}};
  if (v.verdict == "VALID" || v.verdict == "ALREADY_REDEEMED") {
    out["deal_id"] = v.deal_id;
    out["redeemed_at"] = v.redeemed_at;
    out["place"] = v.place;
    if (v.settlement) {
      out["settlement"] = {{"price", v.settlement->price},
                           {"deposit_paid", v.settlement->deposit_paid},
                           {"charge", v.settlement->charge},
                           {"give_back", v.settlement->give_back}};
    }
    if (dry_run) out["dry_run"] = true;
  } else if (v.verdict == "REFUSED") {
    out["deal_id"] = v.deal_id;
    out["reason"] = v.reason;
    out["message"] = v.message;
  }
  return out;
}

store::RedeemRequest RequestOf(const RedeemCall& call) {
  const int64_t now = UnixNow();
  return store::RedeemRequest{call.voucher, call.short_code, call.place, call.origin, now,
                              call.dry_run};
}

}  // namespace

base::Result<nlohmann::json> StoreBackend::Redeem(const RedeemCall& call) {
  base::Result<store::RedeemVerdict> v = [&] {
    std::lock_guard lock(db_mu_);
    return reader_->Redeem(RequestOf(call));
  }();
  if (!v.ok()) return v.status();
  return VerdictJson(*v, call.dry_run);
}

void StoreBackend::RedeemAsync(const RedeemCall& call,
                               std::function<void(base::Result<nlohmann::json>)> done) {
  // A look changes nothing and needs no commit: answered at once.
  if (call.dry_run) return done(Redeem(call));
  // A redemption joins the writer's next group: many tills, one fsync.
  writer_.SubmitRedeem(RequestOf(call),
                       [done = std::move(done)](base::Result<store::RedeemVerdict> v) {
                         done(v.ok() ? base::Result<nlohmann::json>(VerdictJson(*v, false))
                                     : base::Result<nlohmann::json>(v.status()));
                       });
}

base::Result<nlohmann::json> StoreBackend::Enroll(const EnrollCall& call) {
  const int64_t now = UnixNow();
  const store::Digest secret = store::Sha256(
      std::string_view(reinterpret_cast<const char*>(call.secret.data()), call.secret.size()));
  // A guess is refused from memory: no write transaction for strangers.
  // Every stored code is compared (no early exit).
  auto lookup = [&]() -> std::optional<store::EnrollCodeState> {
    std::lock_guard lock(tokens_mu_);
    std::optional<store::EnrollCodeState> found;
    for (const store::EnrollCodeState& c : codes_) {
      if (store::SameDigest(c.secret_sha256, secret) && !found) found = c;
    }
    return found;
  };
  std::optional<store::EnrollCodeState> found = lookup();
  if (!found) {
    // A code made by groupbuy-provision a moment ago may not be in memory yet.
    // Enrolment attempts are limited per address before they get here
    // (Router), so a miss may always re-read the codes (a read, never the
    // write lock): an installer who makes a code and scans it at once must
    // not be told it is unknown.
    if (Refresh(/*force=*/false).ok()) found = lookup();
  }
  GB_RETURN_IF_ERROR(store::CheckEnrollCode(found, now));
  base::Result<store::Enrolment> enrolled = [&] {
    std::lock_guard lock(db_mu_);
    return reader_->EnrollKiosk(secret, call.public_key_pem, call.name, call.kind, now);
  }();
  // The code is used (or was found used) now: take it and the new token in.
  (void)Refresh(/*force=*/true);
  if (!enrolled.ok()) return enrolled.status();
  const store::Enrolment& e = *enrolled;
  std::lock_guard lock(db_mu_);
  // The catalog as a first GET /v1/state would give it, so the kiosk starts
  // with every deal and the store's keys, at a revision it can sync on from.
  GB_ASSIGN_OR_RETURN(nlohmann::json state, reader_->State(0, e.kiosk_id));
  return nlohmann::json{{"kiosk_id", e.kiosk_id},
                        {"key_id", e.key_id},
                        {"token", e.token},
                        {"store_name", e.store_name},
                        {"state", std::move(state)}};
}

base::Result<nlohmann::json> StoreBackend::RotateKey(const std::string& kiosk_id,
                                                     const std::string& public_key_pem) {
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(store::KeyRotation r,
                      reader_->RotateKey(kiosk_id, public_key_pem, UnixNow()));
  nlohmann::json reply{{"key_id", r.key_id}, {"retired_key_id", r.retired_key_id}};
  if (!r.token.empty()) reply["token"] = r.token;  // the kiosk's new token, its only copy
  return reply;
}

std::map<std::string, int64_t> StoreBackend::Contacts() {
  std::lock_guard lock(tokens_mu_);
  return contacts_;
}

base::Result<nlohmann::json> StoreBackend::Tallies() {
  store::TalliesContext context{name_, UnixNow(), {}};
  {
    std::lock_guard lock(tokens_mu_);
    context.contacts = contacts_;
  }
  std::lock_guard lock(db_mu_);
  return reader_->Tallies(context);
}

base::Result<nlohmann::json> StoreBackend::Series() {
  std::lock_guard lock(db_mu_);
  return reader_->Series();
}

base::Result<std::string> StoreBackend::ReportCsv() {
  std::lock_guard lock(db_mu_);
  return reader_->ReportCsv();
}

base::Status StoreBackend::Ready() { return writer_.Health(); }

std::string StoreBackend::MetricsText() {
  std::string out;
  out += "# HELP gb_writer_queue_bytes Request bytes of event batches waiting to be stored.\n";
  out += "# TYPE gb_writer_queue_bytes gauge\ngb_writer_queue_bytes " +
         std::to_string(writer_.queued_bytes()) + "\n";
  out += "# HELP gb_writer_failures_total Exceptions caught while committing (answered 500).\n";
  out += "# TYPE gb_writer_failures_total counter\ngb_writer_failures_total " +
         std::to_string(writer_.failures()) + "\n";
  out += "# HELP gb_replies_repaired_total Replies whose text held invalid UTF-8 (replaced).\n";
  out += "# TYPE gb_replies_repaired_total counter\ngb_replies_repaired_total " +
         std::to_string(RepairedReplies()) + "\n";
  out += "# HELP gb_event_groups_total Group commits of events.\n";
  out += "# TYPE gb_event_groups_total counter\n";
  out += "gb_event_groups_total " + std::to_string(writer_.groups()) + "\n";
  out += "# HELP gb_event_group_batches_total Batches stored by group commits.\n";
  out += "# TYPE gb_event_group_batches_total counter\n";
  out += "gb_event_group_batches_total " + std::to_string(writer_.batches()) + "\n";
  std::lock_guard lock(tokens_mu_);
  return out + figures_;
}

std::string StoreBackend::ReadFigures() {
  std::string out;
  auto rev = reader_->Revision();
  auto conflicts = reader_->CountConflicts();
  if (rev.ok()) {
    out += "# HELP gb_store_revision The store's current revision.\n";
    out += "# TYPE gb_store_revision gauge\ngb_store_revision " + std::to_string(*rev) + "\n";
  }
  if (conflicts.ok()) {
    out += "# HELP gb_store_conflicts Conflicts recorded in the store database.\n";
    out +=
        "# TYPE gb_store_conflicts gauge\ngb_store_conflicts " + std::to_string(*conflicts) + "\n";
  }
  if (auto summarised = reader_->CountSummarisedConflicts(); summarised.ok()) {
    out += "# HELP gb_store_conflicts_summarised Conflicts folded into a count because their "
           "kiosk passed the per-kiosk cap.\n";
    out += "# TYPE gb_store_conflicts_summarised gauge\ngb_store_conflicts_summarised " +
           std::to_string(*summarised) + "\n";
  }
  if (auto rescue = reader_->CountOpenRescue(); rescue.ok()) {
    out += "# HELP gb_store_rescue_open Rescue list items waiting for staff.\n";
    out +=
        "# TYPE gb_store_rescue_open gauge\ngb_store_rescue_open " + std::to_string(*rescue) + "\n";
  }
  if (auto kiosks = reader_->ListKiosks(); kiosks.ok()) {
    int suspended = 0;
    for (const store::KioskRecord& k : *kiosks) suspended += k.suspended_at ? 1 : 0;
    out +=
        "# HELP gb_store_kiosks_suspended Kiosks suspended as clones until they get a new key.\n";
    out += "# TYPE gb_store_kiosks_suspended gauge\ngb_store_kiosks_suspended " +
           std::to_string(suspended) + "\n";
  }
  return out;
}

}  // namespace gb::server
