// StoreBackend, the part strangers reach: tokens, enrolment codes and the
// store's figures kept in memory by a refresher thread (store_backend.h says
// why), and /metrics built from them.
#include <chrono>
#include <ctime>
#include <set>

#include "sync/server/json_reply.h"
#include "sync/server/store_backend.h"

namespace gb::server {
namespace {

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

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
    auto ring = std::make_shared<voucher::KeyRing>();
    for (const store::KioskRecord& k : *kiosks) {
      if (!k.revoked_at) fresh.push_back({k.token_sha256, k.kiosk_id});
      // Only current, unrevoked keys: for any other the writer decides alone.
      auto key = voucher::PublicKey::FromPem(k.public_key_pem);
      if (!k.revoked_at && key.ok()) ring->Add(k.key_id, *key);
    }
    tokens_ = std::move(fresh);
    ring_ = std::move(ring);
    kiosk_rev_ = rev;
    // A revoked kiosk's staff sessions end with its token.
    std::set<std::string> active;
    for (const KnownToken& t : tokens_) active.insert(t.kiosk_id);
    sessions_.EndKiosksExcept(active);
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
    int flagged = 0;
    // A revoked kiosk is dealt with: only those still trusted need a look.
    for (const store::KioskRecord& k : *kiosks) flagged += k.flagged_at && !k.revoked_at ? 1 : 0;
    out += "# HELP gb_store_kiosks_flagged Kiosks flagged for review: their voucher serials or "
           "event seqs jumped far beyond what they sent before.\n";
    out += "# TYPE gb_store_kiosks_flagged gauge\ngb_store_kiosks_flagged " +
           std::to_string(flagged) + "\n";
  }
  // The server identity alarms kiosks reported (docs/operations.md): every
  // report, and the kiosks the dashboards show now (the last week's).
  if (auto reports = reader_->CountIdentityReports(); reports.ok()) {
    out += "# HELP gb_store_identity_alarm_reports_total Server identity alarms kiosks "
           "reported (another certificate seen at the store's address).\n";
    out += "# TYPE gb_store_identity_alarm_reports_total counter\n"
           "gb_store_identity_alarm_reports_total " + std::to_string(*reports) + "\n";
  }
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (auto shown = reader_->OwnIdentityAlarms(now - store::kAlarmShownS); shown.ok()) {
    out += "# HELP gb_store_identity_alarm_kiosks Kiosks whose server identity alarm the "
           "dashboard shows (reported in the last 7 days).\n";
    out += "# TYPE gb_store_identity_alarm_kiosks gauge\ngb_store_identity_alarm_kiosks " +
           std::to_string(shown->size()) + "\n";
  }
  return out;
}

}  // namespace gb::server
