// Every version of a deal's terms the store published (schema step 14), by
// the TermsHash a voucher carries, with when it was live: a sign-up's terms
// hash must be that of a version live at its sign-up time ("terms_mismatch"),
// give or take the kiosk's allowed clock skew.
// Only the terms a voucher promises count (rules::CanonicalTerms): a stop
// or a pause changes no version.
#include <vector>

#include "core/base/hex.h"
#include "core/rules/deal_json.h"
#include "core/rules/pledge.h"
#include "core/voucher/terms_hash.h"
#include "sync/protocol/json_reader.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

std::string HashHex(const rules::Deal& deal) {
  return base::ToHex(voucher::TermsHash(rules::CanonicalTerms(deal)));
}

// What a voucher of these terms carries, as Ledger::SignUp makes it.
TermsVersion VersionOf(const rules::Deal& deal) {
  return TermsVersion{rules::MaxPrice(deal),
                      std::string(rules::PledgeStateName(rules::InitialPledgeState(deal)))};
}

}  // namespace

base::Status StoreDb::RecordTermsVersion(const rules::Deal& deal, int64_t now) {
  const std::string hash = HashHex(deal);
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT terms_hash FROM deal_terms WHERE deal_id=?"
                               " AND live_until IS NULL"));
  q->Bind(1, int64_t{deal.id});
  GB_ASSIGN_OR_RETURN(bool live, q->Step());
  if (live && q->Text(0) == hash) return base::Status::Ok();
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef end,
                      sql_.Get("UPDATE deal_terms SET live_until=? WHERE deal_id=?"
                               " AND live_until IS NULL"));
  GB_RETURN_IF_ERROR(end->Bind(1, now).Bind(2, int64_t{deal.id}).Run());
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                      sql_.Get("INSERT OR IGNORE INTO deal_terms(deal_id, terms_hash, live_from,"
                               " price_minor, first_state) VALUES (?, ?, ?, ?, ?)"));
  // A deal's first terms count as live from the start: no sign-up can have
  // seen an earlier version, and a kiosk's clock may run a little behind.
  const TermsVersion v = VersionOf(deal);
  return ins->Bind(1, int64_t{deal.id})
      .Bind(2, hash)
      .Bind(3, live ? now : 0)
      .Bind(4, v.price_minor)
      .Bind(5, v.first_state)
      .Run();
}

base::Status StoreDb::BackfillTermsVersions() {
  std::vector<std::pair<int64_t, std::string>> missing;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT id, terms_json FROM deals d WHERE NOT EXISTS"
                                 " (SELECT 1 FROM deal_terms t WHERE t.deal_id = d.id)"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      missing.emplace_back(q->Int(0), q->Text(1));
    }
  }
  if (missing.empty()) return base::Status::Ok();
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  for (const auto& [id, terms] : missing) {
    GB_ASSIGN_OR_RETURN(nlohmann::json j, protocol::ParseJson(terms));
    base::Result<rules::Deal> deal = rules::DealFromJson(j);
    if (!deal.ok()) {
      return base::Status::Corruption(
          "db_corrupt",
          "deal " + std::to_string(id) + " has bad terms: " + deal.status().message());
    }
    // When these terms were first published is not known: live since 0.
    // INSERT OR IGNORE: another process opening the file may have done it.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                        sql_.Get("INSERT OR IGNORE INTO deal_terms(deal_id, terms_hash, live_from,"
                                 " price_minor, first_state) VALUES (?, ?, 0, ?, ?)"));
    const TermsVersion v = VersionOf(*deal);
    GB_RETURN_IF_ERROR(ins->Bind(1, id)
                           .Bind(2, HashHex(*deal))
                           .Bind(3, v.price_minor)
                           .Bind(4, v.first_state)
                           .Run());
  }
  return tx.Commit();
}

base::Result<std::optional<TermsVersion>> StoreDb::TermsLiveAt(const rules::Deal& deal,
                                                               std::string_view hash_hex,
                                                               int64_t at) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT price_minor, first_state FROM deal_terms WHERE deal_id=?"
                               " AND terms_hash=? AND live_from - ? <= ? AND (live_until IS NULL"
                               " OR ? < live_until + ?) ORDER BY live_from DESC LIMIT 1"));
  q->Bind(1, int64_t{deal.id})
      .Bind(2, std::string(hash_hex))
      .Bind(3, kTermsSkewS)
      .Bind(4, at)
      .Bind(5, at)
      .Bind(6, kTermsSkewS);
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (row) return std::optional<TermsVersion>(TermsVersion{q->Int(0), q->Text(1)});
  // A deal with no recorded version at all (written before step 14 by a
  // process that has not reopened the file since): its current terms.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef any,
                      sql_.Get("SELECT 1 FROM deal_terms WHERE deal_id=? LIMIT 1"));
  any->Bind(1, int64_t{deal.id});
  GB_ASSIGN_OR_RETURN(bool recorded, any->Step());
  if (!recorded && HashHex(deal) == hash_hex) return std::optional<TermsVersion>(VersionOf(deal));
  return std::optional<TermsVersion>();
}

}  // namespace gb::store
