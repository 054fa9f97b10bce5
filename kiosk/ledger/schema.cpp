#include "kiosk/ledger/schema.h"

#include <array>
#include <string>

namespace gb::ledger {
namespace {

// Step 1: the kiosk ledger. Personal data is the optional name and a keyed hash
// of the phone; the phone itself is never stored.
constexpr const char* kStep1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE deals (
  id          INTEGER PRIMARY KEY,
  terms_json  TEXT    NOT NULL,
  state       TEXT    NOT NULL CHECK (state IN ('draft','open','unlocked','closed','failed')),
  -- Pledges held by OTHER devices, as last reported by the store server (the
  -- authority); this device's own pledges are counted from the pledges table.
  remote_committed INTEGER NOT NULL DEFAULT 0,
  remote_reserved  INTEGER NOT NULL DEFAULT 0,
  -- This device's committed pledges, kept by the triggers below so that a
  -- sign-up does not count every pledge of the deal.
  local_committed  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL
);
-- Serials per signing key: taken in the sign-up transaction, never lowered.
CREATE TABLE serials (
  key_id  INTEGER PRIMARY KEY,
  last    INTEGER NOT NULL
);
-- A pledge and its voucher are one row: the voucher is found by (key_id,
-- serial), which the GB1 text and the short code both carry, so no other
-- index on the text is needed.
CREATE TABLE pledges (
  id            INTEGER PRIMARY KEY,
  deal_id       INTEGER NOT NULL REFERENCES deals(id),
  state         TEXT    NOT NULL CHECK (state IN
                  ('reserved','active','lapsed','cancelled','redeemed','void','expired')),
  phone_hash    BLOB    NOT NULL,
  name          TEXT,
  joined_at     INTEGER NOT NULL,
  price_minor   INTEGER NOT NULL,
  deposit_due   INTEGER NOT NULL DEFAULT 0,
  deposit_paid  INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL,
  key_id        INTEGER NOT NULL,
  serial        INTEGER NOT NULL,
  voucher       TEXT    NOT NULL,
  short_code    TEXT    NOT NULL,
  UNIQUE (key_id, serial)
);
CREATE INDEX pledges_by_phone ON pledges(deal_id, phone_hash);
-- Only live reservations need counting by time; the index holds nothing else.
CREATE INDEX pledges_reserved ON pledges(deal_id, joined_at) WHERE state = 'reserved';
CREATE TRIGGER pledges_count_insert AFTER INSERT ON pledges
  WHEN NEW.state IN ('active','redeemed','expired')
  BEGIN UPDATE deals SET local_committed = local_committed + 1 WHERE id = NEW.deal_id; END;
CREATE TRIGGER pledges_count_update AFTER UPDATE OF state ON pledges
  WHEN (OLD.state IN ('active','redeemed','expired')) <> (NEW.state IN ('active','redeemed','expired'))
  BEGIN UPDATE deals SET local_committed = local_committed +
      (CASE WHEN NEW.state IN ('active','redeemed','expired') THEN 1 ELSE -1 END)
    WHERE id = NEW.deal_id; END;
CREATE TRIGGER pledges_count_delete AFTER DELETE ON pledges
  WHEN OLD.state IN ('active','redeemed','expired')
  BEGIN UPDATE deals SET local_committed = local_committed - 1 WHERE id = OLD.deal_id; END;
-- Append-only: rows are never updated or deleted before the server acknowledges them.
CREATE TABLE outbox (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  type     TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  payload  TEXT    NOT NULL
);
CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL,
  pledge_id   INTEGER REFERENCES pledges(id),
  reprint     INTEGER NOT NULL DEFAULT 0,
  state       TEXT    NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued','printing','done','held')),
  reason      TEXT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX print_jobs_pending ON print_jobs(state, id) WHERE state <> 'done';
CREATE TRIGGER outbox_append_only BEFORE UPDATE ON outbox
  BEGIN SELECT RAISE(ABORT, 'outbox rows are append-only'); END;
)sql";

// Step 2: what printing needs. A receipt is printed in the shopper's language
// and says "you are #7" the same way on every reprint; a job remembers when
// its bytes first left for the printer, because a retry after that may
// duplicate a page and must say REPRINT; slips carry their data as JSON.
constexpr const char* kStep2 = R"sql(
ALTER TABLE pledges ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE pledges ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE print_jobs ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE print_jobs ADD COLUMN payload TEXT NOT NULL DEFAULT '{}';
ALTER TABLE print_jobs ADD COLUMN sent_at INTEGER;
)sql";

// Step 3: the till and staff mode. What happened to a pledge at the till is
// written on its row (when, where, how much), so "already redeemed at 14:02,
// till 2" is one lookup and a second redemption, deposit or refund is refused
// by the same row. The early stop lives in its own column, not in terms_json,
// so a catalog re-import cannot undo it. Staff PINs are salted hashes; the
// lock-out counter is a single row so a restart does not reset it.
constexpr const char* kStep3 = R"sql(
ALTER TABLE deals ADD COLUMN stopped_early_at INTEGER;
ALTER TABLE pledges ADD COLUMN deposit_paid_at INTEGER;
ALTER TABLE pledges ADD COLUMN deposit_till TEXT;
ALTER TABLE pledges ADD COLUMN cancelled_at INTEGER;
ALTER TABLE pledges ADD COLUMN refund_minor INTEGER;
ALTER TABLE pledges ADD COLUMN refunded_at INTEGER;
ALTER TABLE pledges ADD COLUMN refund_till TEXT;
ALTER TABLE pledges ADD COLUMN redeemed_at INTEGER;
ALTER TABLE pledges ADD COLUMN redeemed_place TEXT;
-- A short code names its voucher by (key_id, serial): the UNIQUE index serves it.
-- Today's sign-ups and redemptions of a deal, counted by time range.
CREATE INDEX pledges_joined ON pledges(deal_id, joined_at);
CREATE INDEX pledges_redeemed ON pledges(deal_id, redeemed_at) WHERE redeemed_at IS NOT NULL;
CREATE TABLE staff (
  name        TEXT    PRIMARY KEY,
  role        TEXT    NOT NULL CHECK (role IN ('staff','manager')),
  pin_hash    TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE pin_guard (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  failed        INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO pin_guard(id) VALUES(1);
)sql";

// Step 4: what the store server tells this kiosk (sync). The kiosks of the
// store and their public keys, so a till can verify another kiosk's voucher
// while the server is unreachable; the state revision lives in meta
// ('sync_revision'), written in the same transaction as what it covers.
constexpr const char* kStep4 = R"sql(
CREATE TABLE store_kiosks (
  key_id      INTEGER PRIMARY KEY,
  kiosk_id    TEXT    NOT NULL,
  public_key  TEXT    NOT NULL,
  revoked_at  INTEGER
);
)sql";

// Step 5: the store can suspend a kiosk's key (a clone); the kiosk learns it
// by sync and stops issuing vouchers under that key.
constexpr const char* kStep5 = R"sql(
ALTER TABLE store_kiosks ADD COLUMN suspended_at INTEGER;
ALTER TABLE store_kiosks ADD COLUMN suspend_reason TEXT NOT NULL DEFAULT '';
)sql";

// Step 6: the outbox stays append-only, with one exception: a purge
// (Ledger::PurgePersonalData) may zero the phone hash of a sign-up the store
// has acknowledged. Every other change is still refused.
constexpr const char* kStep6 = R"sql(
DROP TRIGGER outbox_append_only;
CREATE TRIGGER outbox_append_only BEFORE UPDATE ON outbox
  WHEN NOT (NEW.seq = OLD.seq AND NEW.type = 'sign_up' AND OLD.type = 'sign_up'
            AND NEW.at = OLD.at
            AND json_extract(NEW.payload, '$.phone_hash') =
                '0000000000000000000000000000000000000000000000000000000000000000'
            AND NEW.payload = json_set(OLD.payload, '$.phone_hash',
                '0000000000000000000000000000000000000000000000000000000000000000'))
  BEGIN SELECT RAISE(ABORT, 'outbox rows are append-only'); END;
)sql";

// Step 7: the store's quota leases (core/rules/lease.h), as the last GET
// /v1/state gave them: all of this kiosk's, replaced together. used_at_store
// is what the store had counted of this kiosk, for the staff screen.
constexpr const char* kStep7Leases = R"sql(
CREATE TABLE leases (
  deal_id       INTEGER PRIMARY KEY,
  seats         INTEGER NOT NULL CHECK (seats >= 0),
  expires_at    INTEGER NOT NULL,
  used_at_store INTEGER NOT NULL,
  received_at   INTEGER NOT NULL
);
)sql";

// Step 8: GET /v1/state now brings the store's record of this kiosk's own
// pledges (remote_pledges.cpp), but only those changed after the revision
// the kiosk asks from. Forgetting that revision makes the next poll ask from
// 0, so a deposit or redemption made at another till before this version is
// caught up too; the rest of the answer applies again without harm.
constexpr const char* kStep8Resync = R"sql(
DELETE FROM meta WHERE key = 'sync_revision';
)sql";

constexpr std::array<const char*, kSchemaVersion> kSteps{
    kStep1, kStep2, kStep3, kStep4, kStep5, kStep6, kStep7Leases, kStep8Resync};

base::Result<int> UserVersion(sqlite::Db& db) {
  GB_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare("PRAGMA user_version"));
  GB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return base::Status::Internal("db_error", "PRAGMA user_version returned nothing");
  return static_cast<int>(st.Int(0));
}

}  // namespace

const char* SchemaStep(int step) { return kSteps.at(static_cast<size_t>(step - 1)); }

base::Status Migrate(sqlite::Db& db) {
  GB_ASSIGN_OR_RETURN(int version, UserVersion(db));
  if (version > kSchemaVersion) {
    return base::Status::Corruption(
        "schema_too_new", "the ledger has schema version " + std::to_string(version) +
                              " but this program knows only up to " +
                              std::to_string(kSchemaVersion) + "; install the newer program");
  }
  for (int step = version; step < kSchemaVersion; ++step) {
    GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(db));
    GB_RETURN_IF_ERROR(db.Exec(kSteps[static_cast<size_t>(step)])
                           .WithContext("schema step " + std::to_string(step + 1)));
    GB_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(step + 1)));
    GB_RETURN_IF_ERROR(tx.Commit());
  }
  return base::Status::Ok();
}

}  // namespace gb::ledger
