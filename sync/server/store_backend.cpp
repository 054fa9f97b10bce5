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
    std::string name, std::chrono::milliseconds refresh_every,
    StaffSessionPolicy staff_sessions) {
  std::unique_ptr<StoreBackend> b(
      new StoreBackend(std::move(reader), writer, admin, std::move(name), staff_sessions));
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

void StoreBackend::Precheck(const protocol::Batch& batch) {
  if (!memo_) return;
  std::shared_ptr<const voucher::KeyRing> ring;
  {
    std::lock_guard lock(tokens_mu_);
    ring = ring_;
  }
  for (const protocol::Event& e : batch.events) {
    if (e.type != protocol::kSignUp || !e.payload.is_object()) continue;
    auto text = e.payload.find("voucher");
    // Anything malformed is left to the writer, which records why.
    if (text == e.payload.end() || !text->is_string()) continue;
    memo_->Precheck(text->get_ref<const std::string&>(), *ring);
  }
}

void StoreBackend::SubmitEvents(protocol::Batch batch, EventsDone done) {
  Precheck(batch);
  writer_.Submit(std::move(batch), std::move(done));
}

void StoreBackend::SubmitEventsSized(protocol::Batch batch, EventsDone done, size_t body_bytes) {
  Precheck(batch);
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
                              call.dry_run,   call.staff};
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
  nlohmann::json reply{{"kiosk_id", e.kiosk_id},
                       {"key_id", e.key_id},
                       {"token", e.token},
                       {"store_name", e.store_name},
                       {"state", std::move(state)}};
  // One phone key per store, so a phone is one hash at every kiosk. Over the
  // pinned TLS connection, like the token; a linked store hashes no phones.
  if (call.kind == "kiosk" && !phone_key_.empty()) reply["phone_key"] = phone_key_;
  return reply;
}

base::Result<nlohmann::json> StoreBackend::ShopperCheck(uint32_t deal_id,
                                                        const std::string& phone_hash) {
  base::Result<std::optional<store::ShopperStanding>> standing = [&] {
    std::lock_guard lock(db_mu_);
    return reader_->ShopperCheck(deal_id, phone_hash, UnixNow());
  }();
  if (!standing.ok()) return standing.status();
  if (!*standing) {
    return base::Status::NotFound("unknown_deal",
                                  "deal " + std::to_string(deal_id) + " is not in the catalog");
  }
  const store::ShopperStanding& s = **standing;
  return nlohmann::json{{"deal_id", deal_id},
                        {"joined", s.joined},
                        {"limit", s.limit},
                        {"allowed", s.allowed()}};
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
  return reader_->ReportCsv(name_);
}

base::Status StoreBackend::Ready() { return writer_.Health(); }

}  // namespace gb::server
