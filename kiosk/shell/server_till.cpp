#include "kiosk/shell/server_till.h"

#include <nlohmann/json.hpp>

namespace gb::shell {
namespace {

using sync_client::ServerVerdict;
using till::Verdict;
using till::VerdictKind;

Verdict Kind(VerdictKind kind, std::string reason) {
  Verdict v;
  v.kind = kind;
  v.reason = std::move(reason);
  return v;
}

}  // namespace

base::Status StoreOffline(const base::Status& why) {
  return base::Status::Error(
      base::Code::kUnavailable, "store_offline",
      "the store server cannot confirm this voucher now (" + why.reason() + ")");
}

std::optional<base::Status> NoVerdict(const base::Status& why, bool alarm) {
  // The alarm itself, a refusal, a broken reply: as they are.
  if (!sync_client::IsOffline(why)) return why;
  // No answer while the alarm stands: whoever is there may be the impostor
  // holding the real store's traffic back; the ledger decides nothing.
  if (alarm) {
    return base::Status::Error(
        base::Code::kPermissionDenied, std::string(sync_client::kServerIdentityChanged),
        "the store server's identity changed and it has not been seen since (" + why.reason() +
            ")");
  }
  return std::nullopt;
}

bool IssuedElsewhere(const Verdict& v) {
  return v.kind == VerdictKind::kNotFound && v.reason == "not_issued_here";
}

ServerTill::ServerTill(ledger::Ledger& ledger, till::LocalTill local,
                       std::unique_ptr<sync_client::HttpTransport> transport,
                       ServerTillOptions options)
    : ledger_(&ledger),
      local_(std::move(local)),
      transport_(std::move(transport)),
      client_(*transport_),
      options_(std::move(options)) {}

base::Status ServerTill::TrustStoreKiosks() {
  // Read at every scan: a kiosk enrolled or revoked since this till started
  // is known as soon as sync has brought it (a handful of rows).
  GB_ASSIGN_OR_RETURN(std::vector<ledger::StoreKiosk> kiosks, ledger_->ListStoreKiosks());
  for (const ledger::StoreKiosk& k : kiosks) {
    base::Result<voucher::PublicKey> key = voucher::PublicKey::FromPem(k.public_key_pem);
    // A key that does not parse is left out: its vouchers read UNKNOWN_KEY.
    if (key.ok()) local_.Trust(k.key_id, *key);
    if (k.revoked_at) local_.Revoke(k.key_id, static_cast<uint32_t>(*k.revoked_at));
  }
  return base::Status::Ok();
}

base::Result<till::PledgeView> ServerTill::Look(std::string_view code, int64_t now) {
  GB_RETURN_IF_ERROR(TrustStoreKiosks());
  GB_ASSIGN_OR_RETURN(till::PledgeView view, local_.Look(code, now));
  if (!IssuedElsewhere(view.verdict)) return view;
  base::Result<ServerVerdict> s = client_.Redeem(code, options_.place, /*dry_run=*/true);
  if (!s.ok()) {
    // Offline, only the server could say anything of this voucher: the
    // staff screen says so, rather than "not found" for a genuine voucher.
    if (std::optional<base::Status> no = NoVerdict(s.status(), AlarmStands())) return *no;
    return StoreOffline(s.status());
  }
  view.verdict = FromServer(*s, view, now);
  // A pledge that cannot be redeemed may await its deposit or its refund.
  if (s->verdict == "REFUSED") GB_RETURN_IF_ERROR(LookMoney(code, view));
  return view;
}

base::Result<Verdict> ServerTill::Redeem(std::string_view code, int64_t now) {
  GB_RETURN_IF_ERROR(TrustStoreKiosks());
  GB_ASSIGN_OR_RETURN(till::PledgeView view, local_.Look(code, now));
  const VerdictKind k = view.verdict.kind;
  // Not a voucher of this store, or a typo: nothing to ask the server.
  if (k == VerdictKind::kForged || k == VerdictKind::kUnknownKey ||
      (k == VerdictKind::kNotFound && !IssuedElsewhere(view.verdict))) {
    return view.verdict;
  }
  // This kiosk's own record already rules it out (redeemed, cancelled or
  // expired here, perhaps not uploaded yet): the server cannot know better.
  // NOT_YET_UNLOCKED is asked: the ledger's copy of the deal may lag.
  if (view.found && k != VerdictKind::kValid && k != VerdictKind::kNotYetUnlocked) {
    return view.verdict;
  }
  base::Result<ServerVerdict> s = client_.Redeem(code, options_.place);
  if (!s.ok()) {
    if (std::optional<base::Status> no = NoVerdict(s.status(), AlarmStands())) return *no;
    if (view.found && options_.offline_redeem) return local_.Redeem(code, now);
    return StoreOffline(s.status());
  }
  if (view.found && (s->verdict == "VALID" || s->verdict == "UNKNOWN")) {
    // VALID: the server recorded it; the ledger records it too, so the slip
    // prints and this kiosk's tally agrees. UNKNOWN: a voucher of this kiosk
    // not uploaded yet, which no other till can have redeemed.
    base::Result<Verdict> mine = local_.Redeem(code, now);
    if (!mine.ok() || mine->redeemed_now || s->verdict == "UNKNOWN") return mine;
    // The sync thread wrote the store's record of this very redemption (GET
    // /v1/state "pledges") between the server's answer and the ledger's
    // write: the ledger has it, at this till's place. The slip is still ours.
    if (mine->kind == VerdictKind::kAlreadyRedeemed && mine->redeemed_place == options_.place) {
      Verdict v = FromServer(*s, view, now);
      v.redeemed_now = true;
      v.print_job_id = EchoedRedemptionSlip(view, v, now);
      return v;
    }
    // The ledger's copy of the deal lags behind the server's (it still looks
    // locked here): the server's word stands; this kiosk prints no slip.
  }
  Verdict v = FromServer(*s, view, now);
  if (v.kind == VerdictKind::kValid) v.redeemed_now = true;
  return v;
}

int64_t ServerTill::EchoedRedemptionSlip(const till::PledgeView& view, const Verdict& v,
                                         int64_t now) {
  const rules::Settlement& st = v.settlement;
  nlohmann::json slip = {{"deal_id", view.pledge.deal_id},
                         {"short_code", view.pledge.short_code},
                         {"price", st.price},
                         {"deposit_paid", st.deposit_paid},
                         {"charge", st.charge},
                         {"give_back", st.give_back},
                         {"at", now},
                         {"place", options_.place}};
  base::Result<int64_t> job = ledger_->QueuePrintJob(
      {"redemption", view.pledge.id, view.pledge.lang, slip.dump(), false}, now);
  // The voucher is redeemed at the server whatever the printer queue says.
  return job.ok() ? *job : 0;
}

Verdict ServerTill::FromServer(const ServerVerdict& s, const till::PledgeView& local,
                               int64_t now) {
  Verdict v = local.verdict;
  v.redeemed_now = false;
  v.print_job_id = 0;
  if (s.deal_id != 0) v.deal_id = s.deal_id;
  if (v.currency.empty() && v.deal_id != 0) {
    // Another kiosk's voucher: the deal's terms come from the synced catalog.
    base::Result<ledger::DealRecord> deal = ledger_->GetDeal(v.deal_id, now);
    if (deal.ok()) v.currency = deal->deal.currency;
  }
  if (s.verdict == "VALID") {
    v.kind = VerdictKind::kValid;
    v.reason = "valid";
    if (s.settlement) v.settlement = *s.settlement;
  } else if (s.verdict == "ALREADY_REDEEMED") {
    v.kind = VerdictKind::kAlreadyRedeemed;
    v.reason = "already_redeemed";
    v.redeemed_at = s.redeemed_at;
    v.redeemed_place = s.place;
  } else if (s.verdict == "UNKNOWN") {
    v = Kind(VerdictKind::kNotFound, "not_on_server");
  } else if (s.reason == "not_unlocked" || s.reason == "deal_open") {
    v.kind = VerdictKind::kNotYetUnlocked;
    v.reason = "deal_open";
  } else if (s.reason == "expired") {
    v.kind = VerdictKind::kExpired;
    v.reason = "expired";
  } else {
    // Cancelled, void, lapsed or any refusal the rules name: not redeemable.
    v.kind = VerdictKind::kVoid;
    v.reason = s.reason.empty() ? "refused" : s.reason;
  }
  return v;
}

void ServerTill::StaffSignedIn(const std::string& name, std::string_view pin) {
  // Offline, the ledger decides and its events name the member too.
  local_.StaffSignedIn(name, pin);
  base::Result<sync_client::StaffGrant> grant = client_.SignIn(name, pin);
  client_.set_staff_session(grant.ok() ? grant->session : std::string());
}

}  // namespace gb::shell
