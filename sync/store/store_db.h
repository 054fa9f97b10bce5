// StoreDb: the store server's SQLite database, the authority for pledges,
// tallies and deal states (docs/sync-protocol.md).
//
// Events are ingested idempotently by (origin, seq): a repeated event changes
// nothing. What cannot be applied is never dropped and never blocks later
// events: it is stored as received and recorded in the conflicts table with a
// kind ("serial_reuse", "seq_reuse", "double_redeem", "bad_signature",
// "foreign_key", "unknown_deal", "unknown_pledge", "late_sign_up",
// "double_deposit", "kiosk_suspended", or a pledge rule's reason such as
// "after_stop"). The store re-checks every claim a kiosk signs against its
// own deal and rules (docs/security.md): "price_mismatch",
// "terms_mismatch", "state_mismatch", "over_cap", "shopper_limit",
// "retired_key" for a sign-up; "wrong_amount", "refund_not_due" and
// "not_owner" for money and pledge events. Late events and these
// (GoesToRescue) also open a rescue list item for staff. A key that issues one serial twice, or an origin that reuses a seq,
// suspends its kiosk (a clone). Every transaction that changes
// something bumps the revision by one and stamps the rows it changed with it.
// Deal states are decided here with core/rules: unlocked by the sum over
// kiosks, failed at the deadline (AdvanceDeals, run by the server's timer).
//
// WAL, synchronous=FULL: when IngestGroup returns, its events survive kill -9
// and power loss.
// Thread-safety: one thread at a time; other threads open their own StoreDb
// on the same file (WAL lets readers run beside the writer).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/join.h"
#include "core/rules/pledge_record.h"
#include "core/sqlite/sqlite.h"
#include "core/voucher/key_ring.h"
#include "core/voucher/voucher.h"
#include "sync/protocol/batch_codec.h"
#include "sync/protocol/event.h"
#include "sync/protocol/server_identity_event.h"
#include "sync/protocol/tallies_event.h"
#include "sync/store/kiosk_records.h"
#include "sync/store/signature_memo.h"
#include "sync/store/staff_record.h"
#include "sync/store/store_records.h"
#include "sync/store/store_results.h"
#include "sync/store/token.h"

namespace gb::store {

struct TillTarget;  // till_target.h

class StoreDb {
 public:
  // Opens (creating) the file, sets WAL and synchronous=FULL, migrates.
  // "" or ":memory:" opens an in-memory database, for tests.
  static base::Result<std::unique_ptr<StoreDb>> Open(const std::string& path);

  // Signatures other threads already checked (signature_memo.h): ingest takes
  // a voucher's entry instead of verifying it again. Optional; shared.
  void UseSignatureMemo(std::shared_ptr<SignatureMemo> memo) { memo_ = std::move(memo); }

  // --- Kiosks (kiosks.cpp) ---------------------------------------------------
  // The next unused key id (1 for an empty store).
  base::Result<uint32_t> NextKeyId();
  // Reasons: "kiosk_enrolled" when the kiosk id or key id is already there.
  base::Status AddKiosk(const KioskRecord& kiosk);
  base::Result<std::vector<KioskRecord>> ListKiosks();

  // --- Enrolment and revocation (enroll.cpp) --------------------------------
  // Stores a one-time enrolment code by the SHA-256 of its secret.
  base::Status AddEnrollCode(const EnrollCodeRecord& code);
  // Every stored code's hash, whether it was used and when it expires: the
  // server keeps them in memory, so a stranger's guess is refused without a
  // write transaction (EnrollKiosk still decides for an open code).
  base::Result<std::vector<EnrollCodeState>> EnrollCodeStates();
  // POST /v1/enroll, in one transaction: the code is used and the kiosk added
  // (new kiosk id, next key id, a bearer token kept as SHA-256), or nothing
  // changes. Every stored code's hash is compared in constant time, with no
  // early exit. Refusals (PermissionDenied): "code_unknown", "code_used",
  // "code_expired" (now >= expires_at); InvalidArgument "key_enrolled" when
  // a kiosk that is not revoked already has this public key. `kind` is
  // "kiosk" at a store; at a head office the code enrols a store instead
  // ("store", id "store-...": link-store --code). The other kind is refused
  // with the code left unused: InvalidArgument "not_a_head_office" (a store
  // at a store) or "not_a_store" (a kiosk at a head office).
  base::Result<Enrolment> EnrollKiosk(const Digest& secret_sha256,
                                      const std::string& public_key_pem, const std::string& name,
                                      const std::string& kind, int64_t now);
  // Revokes the kiosk's token and key from `now`. NotFound "unknown_kiosk".
  // Revoking again changes nothing and reports the first time.
  base::Result<Revocation> RevokeKiosk(const std::string& kiosk_id, int64_t now);
  // rotate-key (rotate.cpp): the kiosk's current key is retired from `now`
  // (kept, valid for what it signed before and the store saw before `now`)
  // and `public_key_pem` becomes its key under the next key id; its token is
  // replaced by a new one (KeyRotation::token); history stays with the
  // kiosk id. Presenting the kiosk's current key again returns its key id
  // (retired 0, no token) and changes nothing. Refusals: NotFound
  // "unknown_kiosk"; PermissionDenied "kiosk_revoked", "kiosk_suspended" (a
  // suspended kiosk rotates only after Reinstate); InvalidArgument
  // "not_a_kiosk" (a store's client), "key_enrolled" (the key is, or was,
  // another key of this store).
  base::Result<KeyRotation> RotateKey(const std::string& kiosk_id,
                                      const std::string& public_key_pem, int64_t now);
  // groupbuy-provision reinstate: ends a kiosk's suspension (a clone was
  // found and dealt with), so it may rotate its key and use the till routes
  // again. True when it was suspended. NotFound "unknown_kiosk".
  base::Result<bool> Reinstate(const std::string& kiosk_id);
  // Changes whenever a kiosk is added or revoked (the highest kiosk rev), so
  // a token cache can tell it is stale with one small query.
  base::Result<int64_t> KioskRevision();

  // --- Deals (deals.cpp) -----------------------------------------------------
  // All or nothing. New deals start open; known ones keep their state and
  // an early stop (StopDeal). A deal with pledges keeps its terms: other
  // terms are refused ("terms_locked").
  base::Status PutDeals(const std::vector<rules::Deal>& deals, int64_t now);
  // Stops the deal's sign-ups now, for good (deal_stop.cpp): the terms'
  // stopped_early_at becomes `now`, which reaches kiosks with the deal's
  // terms (at a head office: every store, then their kiosks). Cancellations
  // end with it (rules::EffectiveStop). A later catalog import keeps it.
  // Errors: NotFound "unknown_deal"; FailedPrecondition "already_stopped"
  // (past its stop, closed or failed), "chain_deal" (a store cannot stop
  // its head office's deal).
  base::Result<DealStop> StopDeal(uint32_t deal_id, int64_t now);
  // Pauses (or resumes) a deal's sign-ups: the terms' `paused`, which
  // travels like a stop (to a head office's stores, from a store to its
  // kiosks) but can be undone; cancellations and the deal's timers go on.
  // Refusals as StopDeal's ("unknown_deal", "chain_deal"), and
  // "already_stopped" for a deal whose sign-ups ended. Pausing a paused deal
  // (or resuming a running one) changes nothing; `changed` says which.
  base::Result<DealPause> PauseDeal(uint32_t deal_id, bool paused, int64_t now);
  // Applies the transitions time and tallies call for to every live deal.
  // Returns how many deals changed state.
  base::Result<int> AdvanceDeals(int64_t now);

  // --- Events (ingest.cpp) ---------------------------------------------------
  // One transaction for all batches (a group commit). REQUIRES: each batch
  // passed protocol::DecodeBatch. A database error fails the whole group and
  // nothing of it is stored.
  base::Result<std::vector<IngestResult>> IngestGroup(std::span<const protocol::Batch> batches,
                                                      int64_t now);

  // POST /v1/shopper-check (sign_up_checks.cpp): the seats `phone_hash` holds
  // in the deal at `now`, counted as ingest counts them (one indexed read),
  // or nullopt for a deal not in the catalog.
  base::Result<std::optional<ShopperStanding>> ShopperCheck(uint32_t deal_id,
                                                            const std::string& phone_hash,
                                                            int64_t now);

  // --- The till (till.cpp) --------------------------------------------------
  // Every till call (Redeem, Deposit, Refund, dry runs too) from a suspended
  // kiosk fails with PermissionDenied "kiosk_suspended". A voucher whose
  // sign-up the store refused (a conflict such as "price_mismatch") is
  // REFUSED "refused_by_store" at every till, not UNKNOWN.
  // One BEGIN IMMEDIATE transaction: two tills (threads or processes) racing
  // for one voucher see each other's commit, so exactly one gets VALID.
  // Errors (not verdicts): the short code's "bad_short_code" /
  // "short_code_check" and the voucher parser's reasons (InvalidArgument),
  // "bad_request" for neither or both names, "bad_place"; db errors.
  base::Result<RedeemVerdict> Redeem(const RedeemRequest& req);
  // Many redemptions in ONE transaction (one fsync), in order, each in a
  // savepoint of its own: a request that fails (a typo, a bad place) is
  // rolled back alone and gets its error; the others keep their verdicts.
  // Two requests for one voucher get VALID, then ALREADY_REDEEMED. An error
  // of the whole (BEGIN or COMMIT failed) means nothing was stored.
  base::Result<std::vector<base::Result<RedeemVerdict>>> RedeemGroup(
      std::span<const RedeemRequest> reqs);
  // --- Deposits and refunds at a till (money.cpp) ---------------------------
  // Each one BEGIN IMMEDIATE transaction, like Redeem: exactly one PAID (or
  // REFUNDED) per pledge across every till. The amounts are core/rules'
  // (DepositAmount, DepositRefund). A deposit makes the pledge active and
  // may unlock its deal. Errors as Redeem's ("bad_place": 1..64 bytes).
  base::Result<MoneyVerdict> Deposit(const MoneyRequest& req);
  base::Result<MoneyVerdict> Refund(const MoneyRequest& req);

  // --- The rescue list (rescue.cpp) ----------------------------------------
  // Open items, oldest first.
  base::Result<std::vector<RescueItem>> ListRescue();
  base::Result<int64_t> CountOpenRescue();
  // Server identity reports received from kiosks in all (server_alarms.cpp).
  base::Result<int64_t> CountIdentityReports();
  // Kiosks whose latest server identity report arrived at or after `since`.
  base::Result<std::vector<protocol::IdentityAlarm>> OwnIdentityAlarms(int64_t since);
  // Closes an item once. "accept" applies the late event as if it had come
  // in time (a sign-up is counted, a cancel cancels, a deposit is recorded);
  // "reject" leaves it out. Both bump the revision. Errors: NotFound
  // "unknown_rescue"; FailedPrecondition "already_resolved"; InvalidArgument
  // "bad_resolution", "bad_note"; FailedPrecondition "cannot_accept" when
  // the pledge moved on since (the item stays open; reject it instead).
  base::Result<RescueOutcome> ResolveRescue(const RescueResolution& r);

  // --- Staff (staff.cpp) -----------------------------------------------------
  // Staff set at the store reach every kiosk by GET /v1/state. Each change
  // bumps the revision. AddStaff ignores member.rev and member.removed_at;
  // errors: "bad_name" (1..64 bytes, no control characters), "bad_role"
  // ("cashier" or "manager"; the older "staff" is stored as "cashier"),
  // "bad_pin_hash" (not kiosk/staff's "scrypt$..." or "pbkdf2-sha256$..." text),
  // AlreadyExists "staff_exists" for a member not removed (a removed name may
  // be added again). RemoveStaff: NotFound "staff_unknown".
  base::Status AddStaff(const StaffRecord& member);
  base::Status RemoveStaff(const std::string& name, int64_t now);
  // Members not removed, by name, hashes included (for the "pin_in_use" check).
  base::Result<std::vector<StaffRecord>> ListStaff();
  // Every row changed after `since`, removed ones too, by name.
  base::Result<std::vector<StaffRecord>> StaffChangedSince(int64_t since);
  // The current (not removed) member named so, with its hash; nullopt when
  // there is none. A read: POST /v1/staff/session and every session check.
  base::Result<std::optional<StaffRecord>> FindStaff(const std::string& name);
  // Per deal: {"<staff name>": {"redeemed", "deposits", "refunds"}} of what
  // the store granted through staff sessions (staff_tallies.cpp); the
  // tallies' "by_staff".
  base::Result<std::map<uint32_t, nlohmann::json>> StaffTallies();

  // --- Quota leases (leases.cpp; the arithmetic is core/rules/lease.h) -----
  // ONE transaction: each kiosk in turn gets rules::GrantLease on every capped
  // deal taking sign-ups now; returns each one's leases. REQUIRES: a kiosk's
  // outbox was drained before it asked, or a re-base could miss its pledges.
  base::Result<std::vector<std::vector<KioskLease>>> GrantLeases(
      std::span<const std::string> kiosks, int64_t now, const rules::LeasePolicy& policy);
  base::Result<std::vector<KioskLease>> ListLeases(uint32_t deal_id);  // by kiosk id
  // Caps over a chain (chain_leases.cpp). At a store, the head office's
  // lease on a capped chain-wide deal, as last received (ApplyChainState):
  // its kiosks hold at most its seats between them, and once it expired
  // nothing more than they hold. At a head office the stores are the
  // holders, counted from their snapshots ("held").
  base::Result<std::optional<rules::Lease>> ChainLease(uint32_t deal_id);

  // --- Reads (queries.cpp) ---------------------------------------------------
  // GET /v1/state?since=REV: deals (terms, state, tally), kiosks and staff
  // changed after `since`, and the current revision. "pledges": the pledges
  // of the vouchers `kiosk_id` issued (its key ids in the kiosks table) that
  // changed after `since` (PledgesChangedSince); [] for "" (the admin) and
  // for an id that is not enrolled. Never another kiosk's pledges.
  base::Result<nlohmann::json> State(int64_t since, const std::string& kiosk_id = "");
  // GET /v1/tallies (docs/sync-protocol.md): this server ("role": "store",
  // its name, its clock), every kiosk with when it was last seen, and every
  // deal's terms in brief (title, currency, deadline, cap), state,
  // participants per kiosk and in total, tier and price now, redeemed and
  // cancelled pledges, conflicts. A kiosk's last_seen_at is the later of
  // context.contacts[kiosk] and when its last stored event arrived; null
  // when neither is known.
  base::Result<nlohmann::json> Tallies(const TalliesContext& context = {});
  // GET /v1/series (series.cpp): per deal, [joined_at, cumulative
  // participants] for the pledges that count as participants now (reserved,
  // active, redeemed, expired), ascending, one point per second that had
  // sign-ups. A deal with more than max_points such seconds keeps every
  // max_points-th one and always the last, so the line ends at the total.
  // Deals without such pledges are absent. REQUIRES: max_points >= 2.
  base::Result<nlohmann::json> Series(size_t max_points = 500);
  base::Result<int64_t> Revision();
  base::Result<int64_t> CountConflicts();
  // Conflicts folded into conflict_summary because their kiosk passed the
  // cap (conflict_cap.cpp), over all kiosks.
  base::Result<int64_t> CountSummarisedConflicts();
  // Conflicts kept per origin (default 1000); past it the oldest of that
  // origin is summarised: counted per kind, its row and rescue item
  // dropped, its event's payload replaced by its SHA-256 (a resend of the
  // same event is still recognised as the same).
  void set_conflict_cap(int64_t n) { conflict_cap_ = n < 1 ? 1 : n; }
  // Ok when a write transaction can be taken (GET /readyz).
  base::Status CheckWritable();
  // "ok", or SQLite's first complaint.
  base::Result<std::string> IntegrityCheck();

  // --- Head office and chain-wide deals (chain.cpp, chain_report.cpp) ------
  // The role is kept in the database (meta 'role'): "hq" for a head office
  // (groupbuy-provision init-hq), a store otherwise.
  base::Result<bool> IsHeadOffice();
  base::Status SetHeadOffice();
  // A store's own pledges counted per deal (no outside counts) and its
  // kiosks (enrolled, offline: MarkKiosksOffline), with the store's
  // revision: the "tallies" event it uploads (seq = revision).
  base::Result<OwnSnapshot> OwnCounts();
  // At a store: applies its head office's GET /v1/state answer in one
  // transaction. Every deal there is chain-wide: it is added or updated
  // (chain=1), the head office's total less this store's share (by_kiosk
  // [self_id]) becomes the deal's outside count, and the head office's
  // failed, closed or unlocked state is adopted (failed voids the pledges).
  // A chain-wide deal whose id a local deal holds is left out and recorded
  // once as a "deal_id_taken" conflict. Errors: "bad_state" for a malformed
  // answer, a deal rule's reason; nothing is applied then. Returns the head
  // office revision now applied (ChainRevision).
  base::Result<int64_t> ApplyChainState(const nlohmann::json& state, const std::string& self_id,
                                        int64_t now);
  base::Result<int64_t> ChainRevision();
  // At a store (kiosk_health.cpp): writes down which kiosks are offline,
  // i.e. not heard from (contacts: the server's in-memory last request per
  // kiosk; else their last stored event) for more than offline_after_s, a
  // kiosk counting as heard from at watching_since (when the server
  // started) at the latest. A kiosk stays offline until it is heard from
  // again. Revoked kiosks are left out. Bumps the revision only when the set
  // changed (true), so the next "tallies" snapshot carries it; a call that
  // changes nothing writes nothing and takes no write lock.
  base::Result<bool> MarkKiosksOffline(const std::map<std::string, int64_t>& contacts,
                                       int64_t now, int64_t watching_since,
                                       int64_t offline_after_s);
  // GET /v1/report.csv at a head office: one row per deal and store, from
  // the stores' last reports (docs/sync-protocol.md gives the columns).
  // `own_name` names this server in the rows of its own pledges (store ""),
  // whose last column, staff, says who granted their redemptions, deposits
  // and refunds: "Ann (redeemed 2, deposits 1, refunds 0); ...".
  base::Result<std::string> ReportCsv(const std::string& own_name = "");

  // --- Privacy (purge.cpp) ---------------------------------------------------
  // Zeroes the phone hash of every pledge, and of every stored sign-up event,
  // of the deals closed at least keep_s before now (a deal closes at the
  // later of its deadline and redeem_by). Counts and states stay. A kiosk's
  // resend of such an event is still recognised as the same event (ingest
  // compares it with the hash zeroed). One transaction.
  struct PurgeCounts {
    int deals = 0;
    int pledges = 0;
    int events = 0;
  };
  base::Result<PurgeCounts> PurgePersonalData(int64_t now, int64_t keep_s);

 private:
  struct CachedDeal {
    std::string terms_json;
    rules::Deal deal;
  };
  struct KeyCache {
    int64_t max_rev = -1;
    int64_t count = -1;
    std::map<uint32_t, int64_t> retired;            // key_id -> retired_at
    voucher::KeyRing ring;
    std::map<uint32_t, std::string> origin_of_key;  // key_id -> kiosk_id
    std::set<uint32_t> suspended;                   // key ids of suspended kiosks
    std::set<std::string> stores;                   // origins linked as stores
  };
  struct IngestCtx;

  explicit StoreDb(std::unique_ptr<sqlite::Db> db) : db_(std::move(db)), sql_(db_.get()) {}

  base::Status SetRevision(int64_t rev);
  base::Result<const rules::Deal*> LoadDeal(uint32_t deal_id, bool* found);
  // deal_stop.cpp: a deal that still takes sign-ups, for StopDeal and
  // PauseDeal to change ("unknown_deal", "chain_deal" at a store,
  // "already_stopped"; `verb` names the action in the messages), and
  // writing its changed terms at revision rev.
  base::Result<rules::Deal> LoadLiveDeal(uint32_t deal_id, int64_t now, std::string_view verb);
  base::Status SaveDealTerms(const rules::Deal& deal, int64_t now, int64_t rev);
  base::Result<rules::Tally> DealTally(uint32_t deal_id);
  // State's "pledges" (pledge_changes.cpp). REQUIRES: a read transaction is open.
  base::Result<nlohmann::json> PledgesChangedSince(const std::string& kiosk_id, int64_t since);
  // The "kiosks" of Tallies: each kiosk with its last_seen_at (see Tallies).
  base::Result<nlohmann::json> KiosksSeen(const std::map<std::string, int64_t>& contacts);
  // Redeem's decision. REQUIRES: a write transaction is open.
  base::Result<RedeemVerdict> RedeemInTransaction(const RedeemRequest& req);
  // The deal's committed pledges, counted only up to its last tier (all a
  // redemption's price depends on), for rules::DecideRedeem.
  base::Result<int64_t> CommittedUpToLastTier(const rules::Deal& deal);
  // money.cpp: the pledge a till names, as the till rules read it
  // (core/rules/till_rules.h); nullopt when the store has none that matches.
  base::Result<std::optional<rules::PledgeRecord>> TillPledge(const TillTarget& target);
  // Advances one deal; true when its state changed.
  base::Result<bool> AdvanceDeal(uint32_t deal_id, int64_t now, int64_t rev);
  base::Status RefreshKeys();
  base::Status IngestEvent(IngestCtx& ctx, const protocol::Event& e);
  base::Status ApplySignUp(IngestCtx& ctx, const protocol::Event& e);
  // sign_up_checks.cpp: what the store's deal and rules say of a verified
  // sign-up (nullopt: count it); the conflict kind that refused the sign-up
  // of a voucher the store has no pledge for (nullopt: none).
  base::Result<std::optional<SignUpRefusal>> CheckSignUp(const protocol::SignUpPayload& p,
                                                         const rules::Deal& deal,
                                                         const voucher::Body& body);
  base::Result<std::optional<std::string>> RefusedSignUp(const TillTarget& target);
  // The seats a phone hash holds in the deal at `at`, over every kiosk.
  base::Result<int64_t> ShopperSeats(const rules::Deal& deal, const std::string& phone_hash,
                                     int64_t at);
  // ingest.cpp: flags the origin (once) when this sign-up's serial or this
  // event's seq jumps more than kSerialJumpBound beyond its highest before.
  base::Status CheckJump(IngestCtx& ctx, const protocol::Event& e);
  base::Status CheckSerialJump(IngestCtx& ctx, const protocol::Event& e, uint32_t key_id,
                               uint64_t serial);
  base::Status FlagKiosk(IngestCtx& ctx, const std::string& origin, const std::string& why);
  // money.cpp: UNKNOWN, or REFUSED "refused_by_store" (RefusedSignUp).
  base::Result<MoneyVerdict> Unknown(MoneyVerdict v, const TillTarget& target);
  // PermissionDenied "kiosk_suspended" when `origin` is a suspended kiosk.
  base::Status CheckTillOrigin(const std::string& origin);
  // deal_terms.cpp: the versions of each deal's terms (schema step 14).
  // A version is accepted for a sign-up up to kTermsSkewS (the kiosk's
  // allowed clock skew) outside the time it was live.
  static constexpr int64_t kTermsSkewS = 120;
  base::Status RecordTermsVersion(const rules::Deal& deal, int64_t now);
  base::Status BackfillTermsVersions();
  // The version of the deal's terms with this hash live at `at`; nullopt
  // when there is none.
  base::Result<std::optional<TermsVersion>> TermsLiveAt(const rules::Deal& deal,
                                                        std::string_view hash_hex, int64_t at);
  base::Status ApplyPledgeChange(IngestCtx& ctx, const protocol::Event& e);
  // A till's refund (ingest_refund.cpp): recorded once; the till's own
  // record of a POST /v1/refund is that refund, any other is "double_refund".
  base::Status ApplyRefund(IngestCtx& ctx, const protocol::Event& e);
  // A linked store's "tallies" event, at a head office (chain.cpp).
  base::Status ApplyTallies(IngestCtx& ctx, const protocol::Event& e);
  // One chain-wide deal of ApplyChainState; true when something changed.
  base::Result<bool> ApplyChainDeal(const rules::Deal& deal, rules::DealState hq,
                                    const nlohmann::json& item, const std::string& self_id,
                                    int64_t hq_revision, int64_t now, int64_t rev);
  base::Result<bool> RecordChainClash(uint32_t deal_id, const std::string& detail,
                                      int64_t hq_revision, int64_t now, int64_t rev);
  // leases.cpp: every holder of seats of a capped deal (kiosks by their
  // pledges and leases; at a head office, stores by their snapshots), and
  // the sum of their rules::HeldSeats.
  base::Result<std::map<std::string, rules::LeaseHolder>> LeaseHolders(uint32_t deal_id);
  base::Result<int64_t> HeldSeats(uint32_t deal_id);
  // chain_leases.cpp: ApplyChainState's "leases" (true when they changed;
  // "bad_state" when malformed), and what a store may lend its kiosks of a
  // chain-wide deal in all (held_here: what they hold now).
  base::Result<bool> ApplyChainLeases(const nlohmann::json& leases, int64_t now);
  base::Result<int64_t> ChainCeiling(uint32_t deal_id, int64_t held_here, int64_t now);
  // kiosk_health.cpp: the offline set MarkKiosksOffline would write now; the
  // store's kiosks as its snapshot reports them; a store's report stored at
  // a head office (an older seq changes nothing); every store's last report
  // by store id ({"kiosks_enrolled", "kiosks_offline", "kiosks_reported_at"}).
  base::Result<std::map<std::string, std::optional<int64_t>>> OfflineNow(
      const std::map<std::string, int64_t>& contacts, int64_t now, int64_t watching_since,
      int64_t offline_after_s);
  base::Result<protocol::KioskHealth> OwnKioskHealth();
  base::Status ApplyStoreKiosks(IngestCtx& ctx, const protocol::Event& e,
                                const protocol::KioskHealth& health);
  base::Result<std::map<std::string, nlohmann::json>> StoreKiosks();
  // printer_status.cpp: a kiosk's "printer" event (its latest state kept,
  // with since when); the kiosks whose printers are in trouble; and
  // GET /v1/tallies' "printers" (a head office's: every store's, by store).
  base::Status ApplyPrinter(IngestCtx& ctx, const protocol::Event& e);
  base::Result<std::vector<protocol::PrinterTrouble>> OwnPrinters();
  base::Status AddPrinters(nlohmann::json& tallies);
  // server_alarms.cpp: a kiosk's "server_identity" report (its latest kept,
  // every one counted); the reports received since `since`; GET /v1/tallies'
  // "identity_alarms" (the last kAlarmShownS; a head office's: every store's).
  base::Status ApplyServerIdentity(IngestCtx& ctx, const protocol::Event& e);
  base::Status AddIdentityAlarms(nlohmann::json& tallies, int64_t now);
  // Adds the outside counts to a Tallies() answer: totals, tier and price
  // over the chain, "by_store" at a head office (chain_report.cpp).
  base::Status AddOutside(nlohmann::json& tallies);
  // Inserts a sign-up's pledge (void when its deal failed) at revision rev.
  base::Status InsertPledge(const protocol::SignUpPayload& p, const std::string& origin,
                            int64_t price_minor, int64_t rev);
  // Suspends the origin's current key (serial_reuse, seq_reuse).
  base::Status SuspendKiosk(IngestCtx& ctx, const std::string& origin, std::string_view reason);
  base::Result<rules::DealState> StoredDealState(uint32_t deal_id);
  // After a till changed a pledge of deal_id: kiosks re-read the deal at
  // revision rev, its state is advanced (a deposit may unlock it, a refund
  // writes the failure it read) and the store's revision becomes rev.
  base::Status MoveDeal(uint32_t deal_id, int64_t now, int64_t rev);
  // The accept of ResolveRescue for one stored event, at revision rev.
  base::Status AcceptLateEvent(const std::string& type, const nlohmann::json& payload,
                               const std::string& origin, int64_t rev);
  // Folds the origin's oldest conflicts into conflict_summary while it has
  // more than conflict_cap_.
  base::Status CapConflicts(const std::string& origin);
  int64_t conflict_cap_ = 1000;
  base::Status Conflict(IngestCtx& ctx, const protocol::Event& e, std::string_view kind,
                        std::optional<uint32_t> key_id, std::optional<uint64_t> serial,
                        std::optional<uint32_t> deal_id, const std::string& detail);

  std::unique_ptr<sqlite::Db> db_;
  sqlite::StmtCache sql_;
  std::map<uint32_t, CachedDeal> deals_;
  KeyCache keys_;
  std::shared_ptr<SignatureMemo> memo_;
};

}  // namespace gb::store
