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
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/base/result.h"
#include "kiosk/ledger/sqlite.h"
#include "kiosk/rules/deal.h"
#include "kiosk/rules/deal_state.h"
#include "kiosk/rules/pledge.h"
#include "kiosk/voucher/ed25519.h"

namespace gb::ledger {

// Who this device is. The phone key is shared by a store's devices so the
// per-shopper limit can be enforced across them without storing phones.
struct Identity {
  std::string origin;  // the device id that names its outbox events
  uint32_t key_id = 0;
  voucher::SigningKey key;
  std::array<uint8_t, 32> phone_key{};
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

struct OutboxEvent {
  int64_t seq = 0;
  std::string type;
  int64_t at = 0;
  std::string payload;  // JSON
};

class Ledger {
 public:
  // Opens or creates the file, applies migrations, and checks that the file
  // belongs to this device (reason "wrong_origin" otherwise).
  static base::Result<Ledger> Open(const std::string& path, Identity identity);

  // Inserts or replaces a deal (catalog import, sync). Validates it first.
  base::Status PutDeal(const rules::Deal& deal, rules::DealState state, int64_t now);
  base::Result<DealRecord> GetDeal(uint32_t deal_id, int64_t now);
  base::Result<std::vector<DealRecord>> ListDeals(int64_t now);

  // Fails with the rule's reason (rules::CheckJoin), "deal_unknown", or a db error.
  base::Result<SignUpReceipt> SignUp(const SignUpRequest& req);

  base::Result<std::vector<OutboxEvent>> OutboxAfter(int64_t seq, int limit);
  base::Result<int64_t> CountVouchers();
  base::Result<uint64_t> LastSerial();

  const Identity& identity() const { return id_; }
  Db& db() { return *db_; }

 private:
  struct CachedDeal {
    std::string terms_json;  // the row it was parsed from
    rules::Deal deal;
  };

  Ledger(std::unique_ptr<Db> db, Identity id)
      : db_(std::move(db)), sql_(db_.get()), id_(std::move(id)) {}
  base::Result<DealRecord> LoadDeal(uint32_t deal_id, int64_t now);
  base::Result<rules::Deal> ParseDeal(uint32_t deal_id, std::string terms_json);
  base::Result<int64_t> LiveReservations(const rules::Deal& deal, int64_t now);
  base::Result<int32_t> ShopperSeats(const rules::Deal& deal, const std::vector<uint8_t>& hash,
                                     int64_t now);
  base::Result<uint64_t> TakeSerial();

  std::unique_ptr<Db> db_;  // on the heap so the statement cache's pointer survives moves
  StmtCache sql_;
  Identity id_;
  std::map<uint32_t, CachedDeal> deals_;  // parsed terms; re-parsed when the row changes
};

// HMAC-SHA-256 of the E.164 number under the store's phone key.
std::vector<uint8_t> PhoneHash(const std::array<uint8_t, 32>& key, std::string_view e164);

}  // namespace gb::ledger
