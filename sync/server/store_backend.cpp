#include "sync/server/store_backend.h"

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
    std::string name) {
  std::unique_ptr<StoreBackend> b(
      new StoreBackend(std::move(reader), writer, admin, std::move(name)));
  std::lock_guard lock(b->tokens_mu_);
  GB_RETURN_IF_ERROR(b->ReloadTokens());
  return b;
}

base::Status StoreBackend::ReloadTokens() {
  std::unique_lock db_lock(db_mu_);
  GB_ASSIGN_OR_RETURN(kiosk_rev_, reader_->KioskRevision());
  GB_ASSIGN_OR_RETURN(std::vector<store::KioskRecord> kiosks, reader_->ListKiosks());
  db_lock.unlock();
  std::vector<KnownToken> fresh;
  for (const store::KioskRecord& k : kiosks) {
    if (!k.revoked_at) fresh.push_back({k.token_sha256, k.kiosk_id});
  }
  tokens_ = std::move(fresh);
  last_reload_ = std::chrono::steady_clock::now();
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
  std::lock_guard lock(tokens_mu_);
  const base::Result<int64_t> kiosk_rev = [&] {
    std::lock_guard db_lock(db_mu_);
    return reader_->KioskRevision();
  }();
  // Fail closed: a revocation that cannot be checked must not let a token in.
  if (!kiosk_rev.ok()) return std::nullopt;
  if (*kiosk_rev != kiosk_rev_ && !ReloadTokens().ok()) return std::nullopt;
  std::optional<Principal> who = Match(hash);
  if (!who) {
    if (std::chrono::steady_clock::now() - last_reload_ < std::chrono::seconds(1))
      return std::nullopt;
    if (!ReloadTokens().ok()) return std::nullopt;
    who = Match(hash);
  }
  // The dashboard's "offline for 5 min": any authenticated request counts,
  // the 2 s state polls of an idle kiosk included.
  if (who && !who->admin) contacts_[who->kiosk_id] = UnixNow();
  return who;
}

void StoreBackend::SubmitEvents(protocol::Batch batch, EventsDone done) {
  writer_.Submit(std::move(batch), std::move(done));
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
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(store::Enrolment e,
                      reader_->EnrollKiosk(store::Sha256(std::string_view(
                                               reinterpret_cast<const char*>(call.secret.data()),
                                               call.secret.size())),
                                           call.public_key_pem, call.name, call.kind, now));
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

base::Status StoreBackend::Ready() {
  std::lock_guard lock(db_mu_);
  return reader_->CheckWritable();
}

std::string StoreBackend::MetricsText() {
  std::string out;
  out += "# HELP gb_event_groups_total Group commits of events.\n";
  out += "# TYPE gb_event_groups_total counter\n";
  out += "gb_event_groups_total " + std::to_string(writer_.groups()) + "\n";
  out += "# HELP gb_event_group_batches_total Batches stored by group commits.\n";
  out += "# TYPE gb_event_group_batches_total counter\n";
  out += "gb_event_group_batches_total " + std::to_string(writer_.batches()) + "\n";
  std::lock_guard lock(db_mu_);
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
