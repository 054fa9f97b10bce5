// ServerTill: the Till of a kiosk that syncs with a store server. The server
// decides redemptions, deposits and refunds, so each happens exactly once
// across every till of the store, whichever kiosk issued the voucher; this
// kiosk's LocalTill decides everything else (cancellations, stop) and what
// the server cannot answer.
//
// Redeem, in order:
//   - FORGED, UNKNOWN_KEY and a mistyped short code are answered here: the
//     server is not asked about text that is not a voucher of this store.
//   - The server is asked (TillClient). VALID: a voucher of this kiosk is
//     also redeemed in its ledger (the redemption slip prints; the ledger's
//     "redeem" event is recognised by the server as the same redemption);
//     one of another kiosk is VALID with the server's settlement and no slip.
//     ALREADY_REDEEMED names when and where. UNKNOWN for a voucher of this
//     kiosk means it has not been uploaded yet, so no other till can have
//     redeemed it: the ledger redeems it. REFUSED maps to NOT_YET_UNLOCKED,
//     EXPIRED or VOID.
//   - No answer (the store is offline): a voucher of this kiosk is redeemed
//     from the ledger only when the store's policy allows offline redemption
//     (the server later reports any double redemption as a conflict);
//     otherwise, and always for another kiosk's voucher, the error
//     "store_offline" (Unavailable).
// TakeDeposit and GiveRefund (server_till_money.cpp), in order:
//   - FORGED, UNKNOWN_KEY and a typo are refused here as LocalTill does
//     ("forged", "unknown_key", "not_found"); so is a deposit or refund this
//     kiosk's ledger already records ("deposit_already_paid",
//     "already_refunded": it may not have been uploaded yet).
//   - The server is asked, with the LocalTill's till id as `place` (the
//     `till` of the ledger's "deposit" event, so the server knows that event
//     for the deposit it took). PAID / REFUNDED for this kiosk's voucher: the
//     ledger records it too and its slip prints; should the ledger refuse
//     (its copy of the deal lags), the server's amount stands, print_job_id
//     0 (unless sync has already written the store's record of this same
//     deposit or refund, at this till, first: then the slip is queued from
//     the server's answer; a redemption likewise). For another kiosk's
//     voucher: the amount, and a deposit or refund slip queued from the
//     synced catalog (no pledge row here). UNKNOWN for this kiosk's voucher
//     (not uploaded yet): the ledger decides; for another's, "not_found".
//     ALREADY_PAID / ALREADY_REFUNDED: the ledger's words,
//     "deposit_already_paid" / "already_refunded" (FailedPrecondition, the
//     message says when and at which till). REFUSED: the server's reason
//     (FailedPrecondition), except that a refund the server refuses as
//     "nothing_to_refund" for a pledge this ledger has cancelled is
//     "store_behind" (Unavailable): the cancellation has not reached the
//     server yet, and refunding from the ledger alone could pay twice.
//   - No answer: this kiosk's voucher is decided by the ledger (its
//     "deposit" event reaches the server by sync; a refund has no event, see
//     docs/sync-protocol.md); another kiosk's is "store_offline" (Unavailable).
//
// The server identity alarm (sync/client/server_identity.h): a pin mismatch
// is never "offline". Redeem, TakeDeposit, GiveRefund and Look return the
// error "server_identity_changed" (PermissionDenied) and change nothing; and
// while the alarm stands (options.watch), a server that does not answer is
// the same refusal, not the ledger's offline decision. Only a reply over a
// connection with the pinned certificate ends the alarm (the watch clears
// it); that reply is then used as usual.
//
// Every call first trusts the keys of the store's kiosks that sync brought,
// so another kiosk's voucher verifies here. Look answers this kiosk's
// vouchers from the ledger. For a genuine voucher this kiosk did not issue it
// asks the server with a redeem dry run and, when that is REFUSED (the pledge
// may await its deposit or its refund), deposit and refund dry runs, which
// set deposit_to_take and refund_to_give; nothing changes. Offline, Look of
// such a voucher is the error "store_offline" (Unavailable): only the server
// can say anything about it.
//
// Thread-safety: one thread (the UI's), like the LocalTill and the transport.
// The transport's timeout bounds how long a staff tap waits.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "kiosk/ledger/ledger.h"
#include "kiosk/till/local_till.h"
#include "sync/client/http_transport.h"
#include "sync/client/server_identity.h"
#include "sync/client/till_client.h"

namespace gb::shell {

struct ServerTillOptions {
  std::string place;            // sent with each redemption; 1..128 bytes
  bool offline_redeem = false;  // the store's policy
  // The kiosk's server identity alarm; null: only this till's own mismatches count.
  const sync_client::IdentityWatch* watch = nullptr;
};

class ServerTill final : public till::Till {
 public:
  // REQUIRES: `ledger` (the LocalTill's) outlives this.
  ServerTill(ledger::Ledger& ledger, till::LocalTill local,
             std::unique_ptr<sync_client::HttpTransport> transport, ServerTillOptions options);

  base::Result<till::PledgeView> Look(std::string_view code, int64_t now) override;
  base::Result<till::Verdict> Redeem(std::string_view code, int64_t now) override;
  base::Result<ledger::TillReceipt> TakeDeposit(std::string_view code, int64_t now) override {
    return Money(sync_client::MoneyCall::kDeposit, code, now);
  }
  base::Result<ledger::TillReceipt> GiveRefund(std::string_view code, int64_t now) override {
    return Money(sync_client::MoneyCall::kRefund, code, now);
  }
  base::Result<ledger::TillReceipt> Cancel(std::string_view code, int64_t now,
                                           const std::string& lang) override {
    return local_.Cancel(code, now, lang);
  }
  base::Status StopSignUps(uint32_t deal_id, int64_t now) override {
    return local_.StopSignUps(deal_id, now);
  }
  base::Result<ledger::DealActivity> Today(uint32_t deal_id, int64_t now) override {
    return local_.Today(deal_id, now);
  }
  // Signs the member in at the store; the session goes with every later
  // Redeem, TakeDeposit and GiveRefund. Unreachable or refused: no session
  // (the store then answers 401, which staff are shown; offline the ledger
  // decides as before). A new sign-in always replaces the last one's.
  void StaffSignedIn(const std::string& name, std::string_view pin) override;

 private:
  bool AlarmStands() const { return options_.watch != nullptr && options_.watch->Standing(); }
  // Trusts every store kiosk's key the ledger has from sync, and revocations.
  base::Status TrustStoreKiosks();
  // The verdict the screens show for the server's answer; `local` is what
  // this kiosk's ledger said about the same code.
  till::Verdict FromServer(const sync_client::ServerVerdict& s, const till::PledgeView& local,
                           int64_t now);
  // TakeDeposit and GiveRefund (server_till_money.cpp).
  base::Result<ledger::TillReceipt> Money(sync_client::MoneyCall what, std::string_view code,
                                          int64_t now);
  // The redemption slip of a redemption the server granted this till and
  // sync wrote into the ledger first; its print job id, 0 when not queued.
  int64_t EchoedRedemptionSlip(const till::PledgeView& view, const till::Verdict& v, int64_t now);
  // True when the ledger already records this deposit (refund) at `till`:
  // sync brought the store's record of the one this till just asked for.
  bool EchoedHere(sync_client::MoneyCall what, int64_t pledge_id, const std::string& till);
  // Look's deposit and refund dry runs for another kiosk's voucher.
  base::Status LookMoney(std::string_view code, till::PledgeView& view);
  // The receipt of the server's PAID / REFUNDED for another kiosk's voucher,
  // with its slip queued in this kiosk's print queue.
  base::Result<ledger::TillReceipt> ForeignReceipt(sync_client::MoneyCall what,
                                                   std::string_view code,
                                                   const sync_client::MoneyVerdict& s,
                                                   int64_t now);

  ledger::Ledger* ledger_;
  till::LocalTill local_;
  std::unique_ptr<sync_client::HttpTransport> transport_;
  sync_client::TillClient client_;
  ServerTillOptions options_;
};

// True when the ledger's verdict leaves the code to the server: a genuine
// voucher (or a well-formed short code) that this kiosk did not issue.
bool IssuedElsewhere(const till::Verdict& v);
// Unavailable "store_offline": the store could not be asked (why: the
// transport's reason); staff see "The store server cannot be reached".
base::Status StoreOffline(const base::Status& why);
// What a till says when the server gave no verdict (`why`): the server's or
// transport's error, the alarm, or, for an offline server, the alarm while
// `alarm` stands and nullopt otherwise (the caller decides offline).
std::optional<base::Status> NoVerdict(const base::Status& why, bool alarm);

}  // namespace gb::shell
