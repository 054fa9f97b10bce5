// Ledger: the kiosk's durable record of deals, pledges, vouchers, the outbox
// of events for the store server, and print jobs.
//
// A sign-up is one SQLite transaction in WAL mode with synchronous=FULL: the
// rules are checked, the next serial taken, the voucher signed, and the pledge,
// voucher, outbox event and print job inserted together. When SignUp returns
// ok the sign-up survives kill -9 and power loss; the caller prints only then.
// Serials come from a per-key counter raised in the same transaction, so a
// serial is never handed out twice, not even after a crash.
//
// Thread-safety: a Ledger is used by one thread at a time (the kiosk's app
// thread); other threads open their own Ledger on the same file.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/pin/lockout.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/pledge.h"
#include "core/sqlite/sqlite.h"
#include "core/voucher/ed25519.h"
#include "kiosk/ledger/remote_state.h"
#include "kiosk/ledger/till_records.h"

namespace gb::ledger {

// Who this device is. The phone key is shared by a store's devices so the
// per-shopper limit can be enforced across them without storing phones. A
// connection that only reads and prints (the print worker) has no signing
// key; SignUp on it fails with reason "no_signing_key".
struct Identity {
  std::string origin;  // the device id that names its outbox events
  uint32_t key_id = 0;
  std::optional<voucher::SigningKey> key;
  std::array<uint8_t, 32> phone_key{};

  // The same device without its signing key.
  Identity WithoutKey() const { return Identity{origin, key_id, std::nullopt, phone_key}; }
};

struct DealRecord {
  rules::Deal deal;
  rules::DealState state = rules::DealState::kDraft;
  rules::Tally tally;  // other devices' (as last synced) plus this device's
};

struct SignUpRequest {
  uint32_t deal_id = 0;
  std::string phone_e164;           // already normalised (rules::NormalizePhone)
  std::optional<std::string> name;  // optional, personal data
  int64_t now = 0;
  bool offline = false;             // the kiosk cannot reach the store server
  bool lease_required = false;      // it syncs with a store: capped deals need a lease
  std::string lang = "en";          // the shopper's language, for the receipt
};

struct SignUpReceipt {
  int64_t pledge_id = 0;
  uint64_t serial = 0;
  std::string voucher_text;
  std::string short_code;
  rules::PledgeState state = rules::PledgeState::kActive;
  int64_t position = 0;  // "you are #7": seats taken including this one
  rules::Tally tally;    // after the sign-up
  int64_t price_minor = 0;
  int64_t deposit_due = 0;
  int64_t print_job_id = 0;
};

// A standing server identity alarm: pin mismatches seen from first_at to
// last_at (Unix seconds, this kiosk's clock), `mismatches` of them.
struct ServerAlarm {
  int64_t first_at = 0;
  int64_t last_at = 0;
  int64_t mismatches = 0;
  bool operator==(const ServerAlarm&) const = default;
};

struct OutboxEvent {
  int64_t seq = 0;
  std::string type;
  int64_t at = 0;
  std::string payload;  // JSON
};

enum class PrintJobState { kQueued, kPrinting, kDone, kHeld };
std::string_view PrintJobStateName(PrintJobState s);

struct PrintJob {
  int64_t id = 0;
  // "voucher", "test", "cancellation", "redemption", "shelf", "deposit", "refund"
  std::string kind;
  std::optional<int64_t> pledge_id;
  bool reprint = false;
  PrintJobState state = PrintJobState::kQueued;
  std::string reason;  // why it is held
  int attempts = 0;
  std::string lang;
  std::string payload;  // JSON for slips and cards
  std::optional<int64_t> sent_at;
  int64_t created_at = 0;
};

struct NewPrintJob {
  std::string kind;
  std::optional<int64_t> pledge_id;
  std::string lang = "en";
  std::string payload = "{}";
  bool reprint = false;
};

struct PrintQueueSummary {
  int queued = 0;
  int printing = 0;
  int held = 0;
  int done = 0;
  std::string held_reason;  // of the oldest held job, for the staff screen
};

struct VoucherPrint {
  DealRecord deal;
  std::string lang;
  int64_t position = 0;
  std::string voucher_text;
  std::string short_code;
  int64_t joined_at = 0;
  int64_t deposit_due = 0;
  bool offline = false;
};

class Ledger {
 public:
  // Opens or creates the file, applies migrations, and checks that the file
  // belongs to this device (reason "wrong_origin" otherwise).
  static base::Result<Ledger> Open(const std::string& path, Identity identity);

  // Inserts or replaces a deal (catalog import, sync). Validates it first.
  base::Status PutDeal(const rules::Deal& deal, rules::DealState state, int64_t now);
  // All or nothing (catalog import). New deals get `state`; known ones keep
  // the state they reached. A deal that already has pledges keeps its terms:
  // a version with other terms is refused (reason "terms_locked"), because
  // its vouchers promise the terms that were shown when the shoppers joined.
  base::Status PutDeals(const std::vector<rules::Deal>& deals, rules::DealState state, int64_t now);
  base::Result<DealRecord> GetDeal(uint32_t deal_id, int64_t now);
  base::Result<std::vector<DealRecord>> ListDeals(int64_t now);

  // Fails with the rule's reason (rules::CheckJoin; "sold_out_here" from the
  // lease stored by ApplyRemoteState when req.lease_required), "deal_unknown",
  // "kiosk_suspended" (the store suspended this kiosk's key, see
  // remote_state.h), or a db error.
  base::Result<SignUpReceipt> SignUp(const SignUpRequest& req);

  base::Result<std::vector<OutboxEvent>> OutboxAfter(int64_t seq, int limit);

  // --- Print jobs (print_jobs.cpp) -------------------------------------------
  // Takes the oldest queued job: queued -> printing, attempts + 1. A job whose
  // bytes were sent before is handed out (and stays) marked reprint.
  base::Result<std::optional<PrintJob>> ClaimPrintJob(int64_t now);
  // Records that the job's bytes are about to leave for the printer; from then
  // on any retry is a reprint. Committed before the first byte is written.
  base::Status MarkPrintJobSent(int64_t job_id, int64_t now);
  base::Status FinishPrintJob(int64_t job_id, int64_t now);
  base::Status HoldPrintJob(int64_t job_id, const std::string& reason, int64_t now);
  // Marks a job not yet being printed (queued or held) as a reprint: its
  // voucher was already shown to the shopper on screen. true when marked;
  // false when the job is printing, done or gone (that copy stays unmarked).
  base::Result<bool> MarkPrintJobReprint(int64_t job_id);
  // held -> queued for every held job (the printer is ready again). Returns how many.
  base::Result<int> ReleaseHeldPrintJobs(int64_t now);
  // printing -> queued for jobs a crash interrupted; run once at start.
  base::Result<int> RecoverPrintJobs(int64_t now);
  // A new job: a staff reprint of a voucher, a slip, a shelf card, a test page.
  base::Result<int64_t> QueuePrintJob(const NewPrintJob& job, int64_t now);
  base::Result<PrintQueueSummary> GetPrintQueueSummary();
  // One job as stored; nullopt when there is no job of that id.
  base::Result<std::optional<PrintJob>> GetPrintJob(int64_t job_id);
  // A "printer" outbox event (sync/protocol/printer_event.h) telling the
  // store the printer's state changed: "ok", or the queue's reason
  // ("paper_out", ...; anything but a-z, 0-9 and _ is sent as "error"),
  // with the jobs held for it.
  base::Status RecordPrinterState(const std::string& state, int64_t held, int64_t now);

  // --- The server identity alarm (server_alarm.cpp) --------------------------
  // The store server showed a certificate other than the pinned one: the
  // alarm stands (meta 'server_alarm') across restarts until a connection
  // with the pinned certificate succeeds; then Clear removes it and appends
  // its "server_identity" outbox event (sync/protocol/server_identity_event.h)
  // in one transaction, so the store hears of it at that good connection.
  base::Result<std::optional<ServerAlarm>> GetServerAlarm();
  // Records a mismatch at `now` (first_at kept, last_at and the count moved);
  // true when no alarm stood before.
  base::Result<bool> RaiseServerAlarm(int64_t now);
  // The alarm that was cleared; nullopt when none stood.
  base::Result<std::optional<ServerAlarm>> ClearServerAlarm(int64_t now);
  // What a voucher receipt shows, read at print time.
  base::Result<VoucherPrint> VoucherForPrint(int64_t pledge_id, int64_t now);
  base::Result<int64_t> CountVouchers();
  base::Result<uint64_t> LastSerial();

  // --- The till (pledge_lookup.cpp, till_ops.cpp, deal_ops.cpp) --------------
  // Every operation below is one BEGIN IMMEDIATE transaction: two connections
  // on the same file racing for the same pledge see each other's commits, so
  // a deposit, refund, cancellation or redemption happens exactly once.
  // Refusals are FailedPrecondition with the rules' reason or one named here;
  // "pledge_unknown" (NotFound) for an id that is not in this ledger;
  // "bad_till" (InvalidArgument) for a till id or place outside 1..64 / 1..128
  // bytes; "pledge_void" when the deal failed (only a refund applies then).

  base::Result<rules::PledgeRecord> GetPledge(int64_t pledge_id);
  // By the scanned GB1 text: parse errors are returned as Parse's (reason
  // "bad_prefix", ...); nullopt when (key_id, serial) is not here or the
  // stored text differs from the scanned one (then it is not this voucher).
  // The signature is NOT checked here (that is the till's KeyRing's job).
  base::Result<std::optional<rules::PledgeRecord>> FindPledgeByVoucher(std::string_view text);
  // By a typed short code: "bad_short_code" / "short_code_check" for a typo
  // (InvalidArgument); nullopt when no voucher here matches it.
  base::Result<std::optional<rules::PledgeRecord>> FindPledgeByShortCode(std::string_view code);

  // reserved|active -> cancelled, only before the deal's stop ("after_stop");
  // "already_cancelled". Writes a "cancel" outbox event and a "cancellation"
  // print job; the deal's counts drop. receipt.amount: the deposit to give back.
  base::Result<TillReceipt> CancelPledge(const TillRequest& req);
  // reserved -> active: the deposit (rules::DepositAmount, as on the voucher)
  // was paid at till `req.till`. "no_deposit" when the deal asks none,
  // "deposit_already_paid" (when, where) the second time, and the rules'
  // "deposit_late", "deal_failed". A "deposit" outbox event and print job.
  base::Result<TillReceipt> PayDeposit(const TillRequest& req);
  // Gives back the deposit of a cancelled pledge or of a failed deal's pledge
  // (rules::DepositRefund), once: "already_refunded" (when, where),
  // "nothing_to_refund". A "refund" print job; a pledge of a failed deal is
  // written down as void. A "refund" outbox event (key_id, serial, amount,
  // at, till), so the store records it and refuses a second one elsewhere.
  base::Result<TillReceipt> GiveRefund(const TillRequest& req);
  // active -> redeemed at place `req.till`, with rules::SettleRedemption.
  // The rules' "already_redeemed" (the message says when and where),
  // "not_unlocked", "expired", "illegal_transition". A "redeem" outbox event
  // (offline: this kiosk decided alone) and a "redemption" print job.
  base::Result<TillReceipt> Redeem(const TillRequest& req);

  // Staff stop sign-ups now: the deal's stop becomes `now` (kept in its own
  // column, so a catalog re-import does not undo it). "already_stopped" when
  // the stop has passed; "deal_unknown".
  base::Status StopSignUps(uint32_t deal_id, int64_t now);
  // Sign-ups made here, and this kiosk's vouchers redeemed (at its own till,
  // or at another the store reported through ApplyRemoteState), for the
  // deal in [from, to).
  base::Result<DealActivity> CountActivity(uint32_t deal_id, int64_t from, int64_t to);

  // --- The store server's view (remote_state.cpp) ----------------------------
  // Applies one GET /v1/state answer in one transaction: new deals are added
  // with the server's state; known deals take the server's terms (unless this
  // device holds pledges and the terms differ: see ApplyReport::terms_kept),
  // the other devices' counts, and the server's state, except that a server
  // still saying "open" (it has not seen this kiosk's sign-ups yet) does not
  // take back a state this kiosk already reached. Kiosk keys are upserted.
  // This kiosk's own pledges take the store's deposits, refunds and
  // redemptions (made at any till of the store) and its state when that is
  // further on, never moving a row backwards and writing no outbox event;
  // a pledge the store has but this ledger does not is counted and left
  // alone (ApplyReport::pledges_*; remote_pledges.cpp has the rules).
  // The revision is stored with them; the server is the authority, so a lower
  // revision than before (a restored server) is stored as given.
  base::Result<ApplyReport> ApplyRemoteState(const RemoteState& state, int64_t now);
  // The revision of the last applied state; 0 before the first.
  base::Result<int64_t> SyncRevision();
  base::Result<std::vector<StoreKiosk>> ListStoreKiosks();
  // This kiosk's quota leases as last received, by deal (leases.cpp).
  base::Result<std::vector<StoreLease>> ListLeases();
  // This kiosk's lease on the deal and its own pledges that count against
  // the cap, for rules::CheckJoin / CheckLease (SignUp; the wall's "sold out
  // here for now"). Nothing to check when !required or the deal has no cap.
  base::Result<rules::LeaseCheck> LeaseFor(const rules::Deal& deal, bool required);

  // --- Staff (staff_rows.cpp) ------------------------------------------------
  // "staff_exists" for a name already there.
  base::Status AddStaff(const StaffRow& row);
  // "staff_unknown" for a name not there.
  base::Status RemoveStaff(const std::string& name);
  base::Result<std::vector<StaffRow>> ListStaff();
  base::Result<pin::PinGuard> GetPinGuard();
  // Reads the guard, applies `update` and writes the result, in one
  // transaction (so two PIN pads cannot lose a wrong attempt).
  base::Result<pin::PinGuard> UpdatePinGuard(
      const std::function<pin::PinGuard(const pin::PinGuard&)>& update);

  // --- Privacy (purge.cpp) -----------------------------------------------------
  // Deletes the personal data of every deal closed at least keep_s before
  // now; a deal closes at the later of its deadline and its redeem_by. A
  // pledge keeps its voucher, state and amounts; its optional name is
  // deleted and its phone hash zeroed. Outbox sign-ups of those deals have
  // their phone hash zeroed only up to acked_seq: an event the server has
  // not acknowledged is sent as it was written. One transaction.
  struct PurgeCounts {
    int deals = 0;          // closed long enough
    int pledges = 0;        // rows whose personal data was deleted now
    int outbox = 0;         // outbox events scrubbed now
    int outbox_unsent = 0;  // events of those deals kept until acknowledged
  };
  base::Result<PurgeCounts> PurgePersonalData(int64_t now, int64_t keep_s, int64_t acked_seq);

  const Identity& identity() const { return id_; }
  sqlite::Db& db() { return *db_; }

 private:
  struct CachedDeal {
    std::string terms_json;  // the row it was parsed from
    rules::Deal deal;
  };

  Ledger(std::unique_ptr<sqlite::Db> db, Identity id)
      : db_(std::move(db)), sql_(db_.get()), id_(std::move(id)) {}
  base::Result<DealRecord> LoadDeal(uint32_t deal_id, int64_t now);
  base::Result<rules::Deal> ParseDeal(uint32_t deal_id, std::string terms_json);
  base::Result<int64_t> LiveReservations(const rules::Deal& deal, int64_t now);
  base::Result<int32_t> ShopperSeats(const rules::Deal& deal, const std::vector<uint8_t>& hash,
                                     int64_t now);
  base::Result<uint64_t> TakeSerial();
  // "kiosk_suspended" (FailedPrecondition) while the store suspends this key.
  base::Status CheckNotSuspended();
  // All leases replaced (leases.cpp).
  base::Status ReplaceLeases(const std::vector<StoreLease>& leases, int64_t now);
  // The store's facts about this kiosk's pledges, merged forward-only
  // (remote_pledges.cpp). REQUIRES: inside ApplyRemoteState's transaction.
  base::Status ApplyRemotePledges(const std::vector<StorePledge>& pledges, int64_t now,
                                  ApplyReport& report);
  // Till helpers (till_ops.cpp).
  base::Result<std::optional<rules::PledgeRecord>> FindPledge(uint32_t key_id, uint64_t serial);
  // Stores the deal's state when time or tally moved it (rules::Advance).
  base::Status SaveDealState(uint32_t deal_id, rules::DealState state, int64_t now);
  base::Status AppendEvent(std::string_view type, int64_t at, const std::string& payload);
  // The receipt of a till operation, read back inside its transaction.
  base::Result<TillReceipt> ReadBack(int64_t pledge_id, int64_t now);

  std::unique_ptr<sqlite::Db> db_;  // on the heap so the statement cache's pointer survives moves
  sqlite::StmtCache sql_;
  Identity id_;
  std::map<uint32_t, CachedDeal> deals_;  // parsed terms; re-parsed when the row changes
};

// HMAC-SHA-256 of the E.164 number under the store's phone key (32 bytes).
// Fails ("openssl_error") only when OpenSSL does.
base::Result<std::vector<uint8_t>> PhoneHash(const std::array<uint8_t, 32>& key,
                                             std::string_view e164);

}  // namespace gb::ledger
