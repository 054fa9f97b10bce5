// The store server's view applied to the kiosk ledger (Ledger::ApplyRemoteState).
#include <algorithm>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/rules/deal_json.h"
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {
namespace {

// How far a deal has come. The server decides, but it may answer before it
// has this kiosk's latest sign-ups: its "open" must not take back an unlock
// that this kiosk's own pledges already caused (GetDeal would re-advance it,
// but the stored state is what the staff screens and the till read).
bool ServerStateApplies(rules::DealState local, rules::DealState server) {
  if (server != rules::DealState::kOpen && server != rules::DealState::kDraft) return true;
  return local == rules::DealState::kDraft || local == rules::DealState::kOpen;
}

}  // namespace

base::Result<ApplyReport> Ledger::ApplyRemoteState(const RemoteState& state, int64_t now) {
  ApplyReport report;
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  for (const RemoteDeal& remote : state.deals) {
    GB_RETURN_IF_ERROR(rules::ValidateDeal(remote.deal)
                           .WithContext("the server's deal " + std::to_string(remote.deal.id)));
    const int64_t others_committed = std::max<int64_t>(0, remote.others.committed);
    const int64_t others_reserved = std::max<int64_t>(0, remote.others.reserved);
    std::optional<std::string> old_terms;
    std::string old_state;
    int64_t own_pledges = 0;
    {
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                          sql_.Get("SELECT d.terms_json, d.state, (SELECT count(*) FROM pledges p "
                                   "WHERE p.deal_id = d.id) FROM deals d WHERE d.id=?"));
      st->Bind(1, remote.deal.id);
      GB_ASSIGN_OR_RETURN(bool row, st->Step());
      if (row) {
        old_terms = st->Text(0);
        old_state = st->Text(1);
        own_pledges = st->Int(2);
      }
    }
    const std::string new_terms = rules::DealToJson(remote.deal).dump();
    if (!old_terms) {
      GB_ASSIGN_OR_RETURN(
          sqlite::StmtRef ins,
          sql_.Get("INSERT INTO deals(id, terms_json, state, remote_committed, remote_reserved, "
                   "updated_at) VALUES(?,?,?,?,?,?)"));
      GB_RETURN_IF_ERROR(ins->Bind(1, remote.deal.id)
                             .Bind(2, new_terms)
                             .Bind(3, rules::DealStateName(remote.state))
                             .Bind(4, others_committed)
                             .Bind(5, others_reserved)
                             .Bind(6, now)
                             .Run());
      ++report.deals_added;
      continue;
    }
    std::string terms = new_terms;
    if (own_pledges > 0 && *old_terms != new_terms) {
      auto old = rules::DealFromJson(nlohmann::json::parse(*old_terms, nullptr, false));
      if (old.ok() && rules::CanonicalTerms(*old) != rules::CanonicalTerms(remote.deal)) {
        terms = *old_terms;  // the vouchers here promise the old terms
        ++report.terms_kept;
      }
    }
    GB_ASSIGN_OR_RETURN(rules::DealState local, rules::ParseDealState(old_state));
    const rules::DealState next = ServerStateApplies(local, remote.state) ? remote.state : local;
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE deals SET terms_json=?, state=?, "
                                             "remote_committed=?, remote_reserved=?, updated_at=? "
                                             "WHERE id=?"));
    GB_RETURN_IF_ERROR(up->Bind(1, terms)
                           .Bind(2, rules::DealStateName(next))
                           .Bind(3, others_committed)
                           .Bind(4, others_reserved)
                           .Bind(5, now)
                           .Bind(6, remote.deal.id)
                           .Run());
    ++report.deals_updated;
  }
  for (const StoreKiosk& k : state.kiosks) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                        sql_.Get("INSERT INTO store_kiosks(key_id, kiosk_id, public_key, revoked_at,"
                                 " suspended_at, suspend_reason)"
                                 " VALUES(?,?,?,?,?,?) ON CONFLICT(key_id) DO UPDATE SET "
                                 "kiosk_id=excluded.kiosk_id, public_key=excluded.public_key, "
                                 "revoked_at=excluded.revoked_at, suspended_at=excluded.suspended_at,"
                                 " suspend_reason=excluded.suspend_reason"));
    st->Bind(1, int64_t{k.key_id}).Bind(2, k.kiosk_id).Bind(3, k.public_key_pem);
    if (k.revoked_at) {
      st->Bind(4, *k.revoked_at);
    } else {
      st->BindNull(4);
    }
    if (k.suspended_at) {
      st->Bind(5, *k.suspended_at);
    } else {
      st->BindNull(5);
    }
    st->Bind(6, k.suspend_reason);
    GB_RETURN_IF_ERROR(st->Run());
    ++report.kiosks;
  }
  // The store is the authority for its staff: a PIN changed there replaces
  // this kiosk's, and a removal stops that PIN here at once. The lock-out
  // (pin_guard) is left alone: it stays this kiosk's own.
  for (const StoreStaff& m : state.staff) {
    if (m.removed) {
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef del, sql_.Get("DELETE FROM staff WHERE name=?"));
      GB_RETURN_IF_ERROR(del->Bind(1, m.name).Run());
    } else {
      if (m.role != "staff" && m.role != "manager") {
        return base::Status::InvalidArgument(
            "bad_role", "the server's staff member '" + m.name + "' has role '" + m.role + "'");
      }
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("INSERT INTO staff(name, role, pin_hash, created_at)"
                                               " VALUES(?,?,?,?) ON CONFLICT(name) DO UPDATE SET"
                                               " role=excluded.role, pin_hash=excluded.pin_hash,"
                                               " created_at=excluded.created_at"));
      GB_RETURN_IF_ERROR(
          up->Bind(1, m.name).Bind(2, m.role).Bind(3, m.pin_hash).Bind(4, m.created_at).Run());
    }
    ++report.staff;
  }
  GB_RETURN_IF_ERROR(ApplyRemotePledges(state.pledges, now, report));
  if (state.leases) {
    GB_RETURN_IF_ERROR(ReplaceLeases(*state.leases, now));
    report.leases = static_cast<int>(state.leases->size());
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef rev, sql_.Get("INSERT INTO meta(key, value) VALUES('sync_revision', ?)"
                                            " ON CONFLICT(key) DO UPDATE SET value=excluded.value"));
  GB_RETURN_IF_ERROR(rev->Bind(1, std::to_string(state.revision)).Run());
  GB_RETURN_IF_ERROR(tx.Commit());
  return report;
}

base::Result<int64_t> Ledger::SyncRevision() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT value FROM meta WHERE key='sync_revision'"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return int64_t{0};
  const std::string text = st->Text(0);
  int64_t rev = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || rev > (INT64_MAX - 9) / 10) {
      return base::Status::Corruption("db_corrupt", "meta sync_revision is not a revision: " + text);
    }
    rev = rev * 10 + (c - '0');
  }
  if (text.empty()) return base::Status::Corruption("db_corrupt", "meta sync_revision is empty");
  return rev;
}

base::Result<std::vector<StoreKiosk>> Ledger::ListStoreKiosks() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT kiosk_id, key_id, public_key, revoked_at,"
                                           " suspended_at, suspend_reason"
                                           " FROM store_kiosks ORDER BY key_id"));
  std::vector<StoreKiosk> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    StoreKiosk k;
    k.kiosk_id = st->Text(0);
    k.key_id = static_cast<uint32_t>(st->Int(1));
    k.public_key_pem = st->Text(2);
    if (!st->IsNull(3)) k.revoked_at = st->Int(3);
    if (!st->IsNull(4)) k.suspended_at = st->Int(4);
    k.suspend_reason = st->Text(5);
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace gb::ledger
