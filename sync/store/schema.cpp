#include "sync/store/schema.h"

#include <string>

namespace gb::store {
namespace {

// Every changed row carries the revision of the transaction that changed it,
// so GET /v1/state?since=REV is a range scan, not a diff.
constexpr const char* kStep1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta(key, value) VALUES ('revision', '0');
-- Enrolled kiosks. The token is kept only as its SHA-256.
CREATE TABLE kiosks (
  kiosk_id     TEXT    PRIMARY KEY,
  key_id       INTEGER NOT NULL UNIQUE,
  public_key   TEXT    NOT NULL,
  token_sha256 BLOB    NOT NULL UNIQUE,
  enrolled_at  INTEGER NOT NULL,
  revoked_at   INTEGER,
  rev          INTEGER NOT NULL
);
CREATE TABLE deals (
  id          INTEGER PRIMARY KEY,
  terms_json  TEXT    NOT NULL,
  state       TEXT    NOT NULL CHECK (state IN ('draft','open','unlocked','closed','failed')),
  updated_at  INTEGER NOT NULL,
  rev         INTEGER NOT NULL
);
CREATE INDEX deals_by_rev ON deals(rev);
-- Every event as received, once: (origin, seq) is the idempotency key.
CREATE TABLE events (
  origin      TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  payload     TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (origin, seq)
) WITHOUT ROWID;
-- The highest seq stored per origin: what an ack names.
CREATE TABLE cursors (
  origin    TEXT    PRIMARY KEY,
  acked_seq INTEGER NOT NULL
);
CREATE TABLE pledges (
  key_id       INTEGER NOT NULL,
  serial       INTEGER NOT NULL,
  deal_id      INTEGER NOT NULL REFERENCES deals(id),
  origin       TEXT    NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN
                 ('reserved','active','lapsed','cancelled','redeemed','void','expired')),
  phone_hash   TEXT    NOT NULL,
  joined_at    INTEGER NOT NULL,
  price_minor  INTEGER NOT NULL,
  deposit_paid INTEGER NOT NULL DEFAULT 0,
  voucher      TEXT    NOT NULL,
  offline      INTEGER NOT NULL,
  redeemed_at  INTEGER,
  redeemed_place TEXT,
  rev          INTEGER NOT NULL,
  PRIMARY KEY (key_id, serial)
);
CREATE INDEX pledges_by_deal ON pledges(deal_id, origin, state);
-- What the server refused to apply or found contradictory, for staff: a
-- reused serial, a double redemption, a bad signature, an unknown deal.
CREATE TABLE conflicts (
  id       INTEGER PRIMARY KEY,
  kind     TEXT    NOT NULL,
  origin   TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  key_id   INTEGER,
  serial   INTEGER,
  deal_id  INTEGER,
  detail   TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  rev      INTEGER NOT NULL
);
CREATE INDEX conflicts_by_deal ON conflicts(deal_id);
)sql";

// Step 2: redemption at the server (POST /v1/redeem). The origin of the till
// that redeemed is kept so that the same till's own "redeem" outbox event,
// arriving later, is recognised as that redemption and not a second one.
constexpr const char* kStep2 = R"sql(
ALTER TABLE pledges ADD COLUMN redeem_origin TEXT;
)sql";

// Step 3: networked enrolment (groupbuy-provision enroll-code, POST
// /v1/enroll). A code's secret is kept only as its SHA-256; a used code keeps
// the kiosk it enrolled, for the record. Kiosks get an optional name.
constexpr const char* kStep3Enroll = R"sql(
CREATE TABLE enroll_codes (
  id            INTEGER PRIMARY KEY,
  secret_sha256 BLOB    NOT NULL UNIQUE,
  store_name    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER,
  kiosk_id      TEXT
);
ALTER TABLE kiosks ADD COLUMN name TEXT;
)sql";

// Step 4: deposits and refunds taken at the server (POST /v1/deposit,
// /v1/refund), the rescue list, and suspended (cloned) kiosks.
// deposit_origin plays redeem_origin's part for the till's own "deposit"
// event. A kiosk is suspended while suspended_key_id is its key_id, so a new
// key ends the suspension without anyone remembering to clear it. The rescue
// list points at conflicts: the event and its detail are already there.
constexpr const char* kStep4Till = R"sql(
ALTER TABLE pledges ADD COLUMN deposit_paid_at INTEGER;
ALTER TABLE pledges ADD COLUMN deposit_place TEXT;
ALTER TABLE pledges ADD COLUMN deposit_origin TEXT;
ALTER TABLE pledges ADD COLUMN refunded_at INTEGER;
ALTER TABLE pledges ADD COLUMN refund_minor INTEGER;
ALTER TABLE pledges ADD COLUMN refund_place TEXT;
ALTER TABLE kiosks ADD COLUMN suspended_at INTEGER;
ALTER TABLE kiosks ADD COLUMN suspended_key_id INTEGER;
ALTER TABLE kiosks ADD COLUMN suspend_reason TEXT;
CREATE TABLE rescue (
  id          INTEGER PRIMARY KEY,
  conflict_id INTEGER NOT NULL UNIQUE REFERENCES conflicts(id),
  resolution  TEXT CHECK (resolution IN ('accept','reject')),
  note        TEXT,
  resolved_at INTEGER,
  rev         INTEGER NOT NULL
);
CREATE INDEX rescue_by_resolved ON rescue(resolved_at);
INSERT INTO rescue(conflict_id, rev)
  SELECT id, rev FROM conflicts
  WHERE kind IN ('late_sign_up', 'after_stop', 'deposit_late', 'deal_failed');
)sql";

// Step 5: staff set at the store (groupbuy-provision staff --dir SDIR),
// handed to every kiosk by GET /v1/state. Only the PIN's salted hash is kept.
// A removal keeps the row (removed_at set, hash emptied) with a new rev, so a
// kiosk that syncs later still hears of it.
constexpr const char* kStep5Staff = R"sql(
CREATE TABLE staff (
  name        TEXT    PRIMARY KEY,
  role        TEXT    NOT NULL CHECK (role IN ('staff','manager')),
  pin_hash    TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  removed_at  INTEGER,
  rev         INTEGER NOT NULL
);
CREATE INDEX staff_by_rev ON staff(rev);
)sql";

// Step 6: which kiosk asked for a refund (POST /v1/refund), so that its own
// later "refund" event is recognised as that refund and any other is a second.
constexpr const char* kStep6Refund = R"sql(
ALTER TABLE pledges ADD COLUMN refund_origin TEXT;
)sql";

// Step 7: the head office (docs/sync-protocol.md, "Head office"). The same
// database serves a store and a head office. At a head office, linked
// stores are clients like kiosks (kind 'store') and outside_tallies holds
// each store's last reported counts per deal (source = the store's id); at
// a store, the one row per chain-wide deal with source 'chain' holds the
// rest of the chain's counts as the head office last said. Either way a
// deal's tally is its own pledges plus its outside rows. tally_history keeps
// every change of a source's count, for the dashboard's chart.
constexpr const char* kStep7Chain = R"sql(
ALTER TABLE kiosks ADD COLUMN kind TEXT NOT NULL DEFAULT 'kiosk'
  CHECK (kind IN ('kiosk','store'));
ALTER TABLE deals ADD COLUMN chain INTEGER NOT NULL DEFAULT 0;
CREATE TABLE outside_tallies (
  deal_id     INTEGER NOT NULL,
  source      TEXT    NOT NULL,
  title       TEXT    NOT NULL DEFAULT '',
  state       TEXT    NOT NULL DEFAULT 'open',
  committed   INTEGER NOT NULL DEFAULT 0,
  reserved    INTEGER NOT NULL DEFAULT 0,
  redeemed    INTEGER NOT NULL DEFAULT 0,
  cancelled   INTEGER NOT NULL DEFAULT 0,
  price_minor INTEGER NOT NULL DEFAULT 0,
  seq         INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  rev         INTEGER NOT NULL,
  PRIMARY KEY (deal_id, source)
) WITHOUT ROWID;
CREATE TABLE tally_history (
  source    TEXT    NOT NULL,
  deal_id   INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  committed INTEGER NOT NULL,
  reserved  INTEGER NOT NULL
);
CREATE INDEX tally_history_by_deal ON tally_history(deal_id, at);
)sql";

// Step 8: quota leases (leases.cpp). A kiosk may hold at most `seats`
// pledges of a capped deal until expires_at; one row per deal and kiosk,
// replaced as the lease is topped up, extended or re-based. Not part of the
// revision: GET /v1/state hands the asking kiosk all of its leases each time.
constexpr const char* kStep8Leases = R"sql(
CREATE TABLE leases (
  deal_id    INTEGER NOT NULL REFERENCES deals(id),
  kiosk_id   TEXT    NOT NULL,
  seats      INTEGER NOT NULL CHECK (seats >= 0),
  expires_at INTEGER NOT NULL,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (deal_id, kiosk_id)
) WITHOUT ROWID;
)sql";

// Step 9: GET /v1/state hands each kiosk the changes to the pledges it issued
// (pledge_changes.cpp): a range scan over (key_id, rev), not a table scan.
constexpr const char* kStep9PledgeRev = R"sql(
CREATE INDEX pledges_by_key_rev ON pledges(key_id, rev);
)sql";

// Step 10: kiosks offline, told upward (kiosk_health.cpp). At a store,
// kiosks_offline has a row for each kiosk not heard from for the offline
// time (since: when it last was; NULL: never), written only when a kiosk
// goes offline or comes back, so the store's revision, and the "tallies"
// snapshot built at it, say which kiosks are offline. At a head office,
// store_kiosks keeps each linked store's last report of its kiosks.
constexpr const char* kStep10KioskHealth = R"sql(
CREATE TABLE kiosks_offline (
  kiosk_id  TEXT    PRIMARY KEY,
  since     INTEGER,
  marked_at INTEGER NOT NULL,
  rev       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE store_kiosks (
  store        TEXT    PRIMARY KEY,
  enrolled     INTEGER NOT NULL,
  offline_json TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  rev          INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Step 11: rotate-key (rotate.cpp). A kiosk's earlier keys, each valid for
// vouchers it signed before retired_at: GET /v1/state hands them out as
// keys revoked at that time, so every till still accepts the old vouchers.
constexpr const char* kStep11RetiredKeys = R"sql(
CREATE TABLE retired_keys (
  key_id     INTEGER PRIMARY KEY,
  kiosk_id   TEXT    NOT NULL REFERENCES kiosks(kiosk_id),
  public_key TEXT    NOT NULL,
  retired_at INTEGER NOT NULL,
  rev        INTEGER NOT NULL
);
CREATE INDEX retired_keys_by_kiosk ON retired_keys(kiosk_id);
)sql";

// Step 12: printers in trouble (printer_status.cpp). At a store, each
// kiosk's latest "printer" event; at a head office, store_kiosks also keeps
// the printers each store last reported in trouble.
constexpr const char* kStep12Printers = R"sql(
CREATE TABLE printer_status (
  kiosk_id TEXT    PRIMARY KEY,
  state    TEXT    NOT NULL,
  held     INTEGER NOT NULL,
  since    INTEGER NOT NULL,
  at       INTEGER NOT NULL,
  rev      INTEGER NOT NULL
) WITHOUT ROWID;
ALTER TABLE store_kiosks ADD COLUMN printers_json TEXT NOT NULL DEFAULT '[]';
)sql";

// Step 13: caps over a chain (chain_leases.cpp). A head office lends each
// store seats of a capped chain-wide deal as a store lends its kiosks
// (leases, with the store as the holder). At a store, chain_leases keeps the
// head office's last lease per deal: what the store's kiosks may hold
// between them. At a head office, outside_tallies.held is the seats a
// store's kiosks hold (its pledges and unused leases), so a store's seats
// are never handed to another store while its kiosks may still use them.
constexpr const char* kStep13ChainLeases = R"sql(
CREATE TABLE chain_leases (
  deal_id     INTEGER PRIMARY KEY,
  seats       INTEGER NOT NULL CHECK (seats >= 0),
  expires_at  INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
ALTER TABLE outside_tallies ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
)sql";

// Step 14: the store re-checks every kiosk's claim (docs/security.md).
// deal_terms keeps the TermsHash of every version of a deal's terms the
// store published, with when it was live (live_until NULL: live now) and
// what a voucher of it carries (its price, the pledge's first state), so a
// voucher is checked against the terms live at its sign-up;
// the rows of the deals already here are written by StoreDb::Open (the hash
// needs C++), live from 0. Conflicts are looked up by voucher (a till asking
// about a sign-up the store refused), pledges by phone hash (the
// per-shopper limit over every kiosk). A refund the store found not due is
// now shown to staff like the other refused claims.
constexpr const char* kStep14Authority = R"sql(
CREATE TABLE deal_terms (
  deal_id     INTEGER NOT NULL,
  terms_hash  TEXT    NOT NULL,
  live_from   INTEGER NOT NULL,
  live_until  INTEGER,
  price_minor INTEGER NOT NULL,
  first_state TEXT    NOT NULL,
  PRIMARY KEY (deal_id, live_from, terms_hash)
) WITHOUT ROWID;
CREATE INDEX conflicts_by_voucher ON conflicts(key_id, serial);
CREATE INDEX pledges_by_phone ON pledges(deal_id, phone_hash);
INSERT INTO rescue(conflict_id, rev)
  SELECT id, rev FROM conflicts WHERE kind = 'refund_not_due'
  AND id NOT IN (SELECT conflict_id FROM rescue);
)sql";

// Step 15: conflicts a kiosk causes are capped (conflict_cap.cpp). Past
// StoreDb::conflict_cap() per origin, the oldest is folded into a count per
// origin and kind, so one token cannot fill the disk with refused claims.
constexpr const char* kStep15ConflictCap = R"sql(
CREATE INDEX conflicts_by_origin ON conflicts(origin, id);
CREATE TABLE conflict_summary (
  origin   TEXT    NOT NULL,
  kind     TEXT    NOT NULL,
  n        INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  last_at  INTEGER NOT NULL,
  PRIMARY KEY (origin, kind)
) WITHOUT ROWID;
)sql";

// Step 16: server identity alarms (server_alarms.cpp). At a store, each
// kiosk's latest "server_identity" report and how many it sent; at a head
// office, store_kiosks also keeps the alarms each store last reported.
constexpr const char* kStep16ServerAlarms = R"sql(
CREATE TABLE server_alarms (
  kiosk_id    TEXT    PRIMARY KEY,
  first_at    INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,
  mismatches  INTEGER NOT NULL,
  reported_at INTEGER NOT NULL,
  reports     INTEGER NOT NULL,
  rev         INTEGER NOT NULL
) WITHOUT ROWID;
ALTER TABLE store_kiosks ADD COLUMN alarms_json TEXT NOT NULL DEFAULT '[]';
)sql";

// Step 17: a kiosk whose voucher serials or event seqs jump far beyond what
// it sent before is flagged for review (kiosk_flags.cpp), once.
constexpr const char* kStep17KioskFlags = R"sql(
ALTER TABLE kiosks ADD COLUMN flagged_at INTEGER;
ALTER TABLE kiosks ADD COLUMN flag_reason TEXT;
)sql";

// Step 18: staff roles and who acted (issue #16). The role "staff" becomes
// "cashier" (SQLite cannot change a CHECK, so the table is rebuilt; the rows'
// rev stays, so kiosks see no change: GET /v1/state still spells a cashier
// "staff" for kiosks older than this step). Each redemption, deposit and
// refund the store grants records the staff member whose session asked
// (POST /v1/staff/session); "" for those recorded before, or from a kiosk's
// offline event (the event format has no member for it).
constexpr const char* kStep18StaffRoles = R"sql(
CREATE TABLE staff_new (
  name        TEXT    PRIMARY KEY,
  role        TEXT    NOT NULL CHECK (role IN ('cashier','manager')),
  pin_hash    TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  removed_at  INTEGER,
  rev         INTEGER NOT NULL
);
INSERT INTO staff_new(name, role, pin_hash, created_at, removed_at, rev)
  SELECT name, CASE role WHEN 'staff' THEN 'cashier' ELSE role END, pin_hash, created_at,
         removed_at, rev FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;
CREATE INDEX staff_by_rev ON staff(rev);
ALTER TABLE pledges ADD COLUMN redeem_staff TEXT NOT NULL DEFAULT '';
ALTER TABLE pledges ADD COLUMN deposit_staff TEXT NOT NULL DEFAULT '';
ALTER TABLE pledges ADD COLUMN refund_staff TEXT NOT NULL DEFAULT '';
)sql";

constexpr const char* kSteps[] = {kStep1,          kStep2,             kStep3Enroll,
                                  kStep4Till,      kStep5Staff,        kStep6Refund,
                                  kStep7Chain,     kStep8Leases,       kStep9PledgeRev,
                                  kStep10KioskHealth, kStep11RetiredKeys, kStep12Printers,
                                  kStep13ChainLeases, kStep14Authority, kStep15ConflictCap,
                                  kStep16ServerAlarms, kStep17KioskFlags, kStep18StaffRoles};
static_assert(std::size(kSteps) == kSchemaVersion);

base::Result<int> UserVersion(sqlite::Db& db) {
  GB_ASSIGN_OR_RETURN(sqlite::Stmt st, db.Prepare("PRAGMA user_version"));
  GB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? static_cast<int>(st.Int(0)) : 0;
}

}  // namespace

const char* SchemaStep(int step) {
  return step < 1 || step > kSchemaVersion ? nullptr : kSteps[static_cast<size_t>(step - 1)];
}

base::Status Migrate(sqlite::Db& db) {
  GB_ASSIGN_OR_RETURN(int version, UserVersion(db));
  if (version > kSchemaVersion) {
    return base::Status::Corruption(
        "schema_too_new", "the store database has schema version " + std::to_string(version) +
                              " but this program knows only up to " +
                              std::to_string(kSchemaVersion) + "; install the newer program");
  }
  for (int step = version; step < kSchemaVersion; ++step) {
    GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(db));
    GB_RETURN_IF_ERROR(db.Exec(kSteps[static_cast<size_t>(step)])
                           .WithContext("store schema step " + std::to_string(step + 1)));
    GB_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(step + 1)));
    GB_RETURN_IF_ERROR(tx.Commit());
  }
  return base::Status::Ok();
}

}  // namespace gb::store
