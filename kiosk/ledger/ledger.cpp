#include "kiosk/ledger/ledger.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/rules/deal_json.h"
#include "core/voucher/ed25519.h"
#include "kiosk/ledger/schema.h"

namespace gb::ledger {

base::Result<std::vector<uint8_t>> PhoneHash(const std::array<uint8_t, 32>& key,
                                             std::string_view e164) {
  std::vector<uint8_t> out(32);
  unsigned int len = 0;
  // A hash that is not 32 bytes would be stored, counted and uploaded as a
  // different shopper: an OpenSSL failure stops the sign-up instead.
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(e164.data()), e164.size(), out.data(),
           &len) == nullptr ||
      len != out.size()) {
    return voucher::OpenSslError("HMAC-SHA-256 of the phone number");
  }
  return out;
}

base::Result<Ledger> Ledger::Open(const std::string& path, Identity identity) {
  if (identity.origin.empty()) {
    return base::Status::InvalidArgument("bad_identity", "the device has no origin id");
  }
  GB_ASSIGN_OR_RETURN(sqlite::Db opened, sqlite::Db::Open(path, true));
  auto db = std::make_unique<sqlite::Db>(std::move(opened));
  // WAL lets readers (sync, UI) run beside the writer; FULL makes every commit
  // reach the disk before SignUp returns, which is what survives power loss.
  GB_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode=WAL").WithContext("opening ledger " + path));
  GB_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous=FULL"));
  GB_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON"));
  GB_RETURN_IF_ERROR(Migrate(*db).WithContext("ledger " + path));

  GB_ASSIGN_OR_RETURN(sqlite::Stmt get, db->Prepare("SELECT value FROM meta WHERE key='origin'"));
  GB_ASSIGN_OR_RETURN(bool row, get.Step());
  if (!row) {
    GB_ASSIGN_OR_RETURN(sqlite::Stmt put, db->Prepare("INSERT INTO meta(key, value) VALUES('origin', ?)"));
    GB_RETURN_IF_ERROR(put.Bind(1, identity.origin).Run());
  } else if (get.Text(0) != identity.origin) {
    return base::Status::FailedPrecondition(
        "wrong_origin", "ledger " + path + " belongs to device '" + get.Text(0) +
                            "', not '" + identity.origin + "'");
  }
  return Ledger(std::move(db), std::move(identity));
}

base::Status Ledger::PutDeal(const rules::Deal& deal, rules::DealState state, int64_t now) {
  GB_RETURN_IF_ERROR(rules::ValidateDeal(deal));
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef st, sql_.Get("INSERT INTO deals(id, terms_json, state, updated_at) VALUES(?,?,?,?) "
                           "ON CONFLICT(id) DO UPDATE SET terms_json=excluded.terms_json, "
                           "state=excluded.state, updated_at=excluded.updated_at"));
  return st->Bind(1, deal.id)
      .Bind(2, rules::DealToJson(deal).dump())
      .Bind(3, rules::DealStateName(state))
      .Bind(4, now)
      .Run();
}

base::Status Ledger::PutDeals(const std::vector<rules::Deal>& deals, rules::DealState state,
                              int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  for (const rules::Deal& deal : deals) {
    GB_RETURN_IF_ERROR(rules::ValidateDeal(deal));
    bool exists = false;
    {
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                          sql_.Get("SELECT d.terms_json, (SELECT count(*) FROM pledges p "
                                   "WHERE p.deal_id = d.id) FROM deals d WHERE d.id=?"));
      st->Bind(1, deal.id);
      GB_ASSIGN_OR_RETURN(bool row, st->Step());
      exists = row;
      if (row && st->Int(1) > 0) {
        auto old = rules::DealFromJson(nlohmann::json::parse(st->Text(0), nullptr, false));
        if (!old.ok() || rules::CanonicalTerms(*old) != rules::CanonicalTerms(deal)) {
          return base::Status::FailedPrecondition(
              "terms_locked", "deal " + std::to_string(deal.id) + " already has " +
                                  std::to_string(st->Int(1)) +
                                  " sign-ups; its terms cannot change (publish a new deal)");
        }
      }
    }
    if (!exists) {
      GB_RETURN_IF_ERROR(PutDeal(deal, state, now));
      continue;
    }
    // A known deal keeps the state it has reached (open, unlocked, ...);
    // only its texts, image and other non-terms fields change.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                        sql_.Get("UPDATE deals SET terms_json=?, updated_at=? WHERE id=?"));
    GB_RETURN_IF_ERROR(up->Bind(1, rules::DealToJson(deal).dump()).Bind(2, now).Bind(3, deal.id).Run());
  }
  return tx.Commit();
}

base::Result<int64_t> Ledger::LiveReservations(const rules::Deal& deal, int64_t now) {
  // A reservation past its deposit window no longer holds a seat, even before
  // the lapse is written down. The partial index holds only reservations.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT count(*) FROM pledges WHERE deal_id=? AND "
                                           "state='reserved' AND joined_at > ?"));
  st->Bind(1, deal.id).Bind(2, now - deal.deposit.pay_within_s);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

base::Result<rules::Deal> Ledger::ParseDeal(uint32_t deal_id, std::string terms_json) {
  auto it = deals_.find(deal_id);
  if (it != deals_.end() && it->second.terms_json == terms_json) return it->second.deal;
  nlohmann::json j = nlohmann::json::parse(terms_json, nullptr, false);
  auto parsed = rules::DealFromJson(j);
  if (!parsed.ok()) return parsed.status().WithContext("stored deal " + std::to_string(deal_id));
  deals_[deal_id] = CachedDeal{std::move(terms_json), *parsed};
  return parsed;
}

base::Result<DealRecord> Ledger::LoadDeal(uint32_t deal_id, int64_t now) {
  std::string terms;
  std::string state_name;
  rules::Tally remote;
  int64_t local_committed = 0;
  std::optional<int64_t> stopped_here;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT terms_json, state, remote_committed, "
                                             "remote_reserved, local_committed, stopped_early_at "
                                             "FROM deals WHERE id=?"));
    st->Bind(1, deal_id);
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      return base::Status::NotFound("deal_unknown",
                                    "there is no deal " + std::to_string(deal_id) + " here");
    }
    terms = st->Text(0);
    state_name = st->Text(1);
    remote = {st->Int(2), st->Int(3)};
    local_committed = st->Int(4);
    if (!st->IsNull(5)) stopped_here = st->Int(5);
  }
  GB_ASSIGN_OR_RETURN(rules::Deal deal, ParseDeal(deal_id, std::move(terms)));
  // A stop made here (staff) and one in the terms (head office): the earlier wins.
  if (stopped_here) {
    deal.stopped_early_at = deal.stopped_early_at ? std::min(*deal.stopped_early_at, *stopped_here)
                                                  : *stopped_here;
  }
  GB_ASSIGN_OR_RETURN(rules::DealState state, rules::ParseDealState(state_name));
  GB_ASSIGN_OR_RETURN(int64_t local_reserved, LiveReservations(deal, now));
  rules::Tally tally{remote.committed + local_committed, remote.reserved + local_reserved};
  return DealRecord{std::move(deal), state, tally};
}

base::Result<DealRecord> Ledger::GetDeal(uint32_t deal_id, int64_t now) {
  GB_ASSIGN_OR_RETURN(DealRecord r, LoadDeal(deal_id, now));
  r.state = rules::Advance(r.deal, r.state, r.tally, now);
  return r;
}

base::Result<std::vector<DealRecord>> Ledger::ListDeals(int64_t now) {
  std::vector<uint32_t> ids;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT id FROM deals ORDER BY id"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      ids.push_back(static_cast<uint32_t>(st->Int(0)));
    }
  }
  std::vector<DealRecord> out;
  for (uint32_t id : ids) {
    GB_ASSIGN_OR_RETURN(DealRecord r, GetDeal(id, now));
    out.push_back(std::move(r));
  }
  return out;
}

base::Result<std::vector<OutboxEvent>> Ledger::OutboxAfter(int64_t seq, int limit) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT seq, type, at, payload FROM outbox "
                                           "WHERE seq > ? ORDER BY seq LIMIT ?"));
  st->Bind(1, seq).Bind(2, limit);
  std::vector<OutboxEvent> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Int(0), st->Text(1), st->Int(2), st->Text(3)});
  }
  return out;
}

base::Result<int64_t> Ledger::CountVouchers() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT count(*) FROM pledges"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

base::Result<uint64_t> Ledger::LastSerial() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT last FROM serials WHERE key_id=?"));
  st->Bind(1, id_.key_id);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? static_cast<uint64_t>(st->Int(0)) : 0;
}

}  // namespace gb::ledger
