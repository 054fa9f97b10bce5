// Networked enrolment and revocation: one-time codes, POST /v1/enroll, and
// `groupbuy-provision revoke`.
#include <algorithm>
#include <optional>

#include "sync/store/store_db.h"

namespace gb::store {
namespace {

struct CodeRow {
  int64_t id = 0;
  std::string store_name;
  int64_t expires_at = 0;
  std::optional<int64_t> used_at;
};

}  // namespace

base::Status StoreDb::AddEnrollCode(const EnrollCodeRecord& code) {
  if (code.store_name.empty() || code.expires_at <= code.created_at) {
    return base::Status::InvalidArgument(
        "bad_enroll_code", "an enrolment code needs a store name and a future expiry");
  }
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef ins,
      sql_.Get("INSERT INTO enroll_codes(secret_sha256, store_name, created_at, expires_at)"
               " VALUES (?, ?, ?, ?)"));
  return ins->BindBlob(1, code.secret_sha256)
      .Bind(2, code.store_name)
      .Bind(3, code.created_at)
      .Bind(4, code.expires_at)
      .Run();
}

base::Result<Enrolment> StoreDb::EnrollKiosk(const Digest& secret_sha256,
                                             const std::string& public_key_pem,
                                             const std::string& name, const std::string& kind,
                                             int64_t now) {
  // IMMEDIATE: two kiosks presenting one code (threads or processes) are
  // serialized here, so exactly one of them sees it unused.
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  std::optional<CodeRow> found;
  {
    // Every code is read and compared, matched or not: an index lookup on
    // the hash, or stopping at the match, would make the time depend on it.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT id, secret_sha256, store_name, expires_at, used_at"
                                 " FROM enroll_codes"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      std::vector<uint8_t> blob = q->Blob(1);
      Digest stored{};
      if (blob.size() == stored.size()) std::copy(blob.begin(), blob.end(), stored.begin());
      const bool same = blob.size() == stored.size() && SameDigest(stored, secret_sha256);
      if (same && !found) {
        found = CodeRow{q->Int(0), q->Text(2), q->Int(3),
                        q->IsNull(4) ? std::nullopt : std::optional<int64_t>(q->Int(4))};
      }
    }
  }
  if (!found) return CheckEnrollCode(std::nullopt, now);
  GB_RETURN_IF_ERROR(CheckEnrollCode(
      EnrollCodeState{secret_sha256, found->used_at.has_value(), found->expires_at}, now));
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT kiosk_id FROM kiosks"
                                                    " WHERE public_key=? AND revoked_at IS NULL"));
    q->Bind(1, public_key_pem);
    GB_ASSIGN_OR_RETURN(bool taken, q->Step());
    if (taken) {
      return base::Status::InvalidArgument("key_enrolled",
                                           "this public key is already enrolled as " + q->Text(0) +
                                               "; a kiosk makes a new key for each enrolment");
    }
  }
  // A head office's codes enrol stores (link-store --code), with the same
  // shape of id as link-store --hq-dir gives; a store's codes enrol kiosks.
  GB_ASSIGN_OR_RETURN(bool hq, IsHeadOffice());
  if (hq && kind != "store") {
    return base::Status::InvalidArgument(
        "not_a_store", "this code belongs to a head office, which enrols stores "
                       "(link-store --code); a kiosk enrols with a code of its store");
  }
  if (!hq && kind != "kiosk") {
    return base::Status::InvalidArgument(
        "not_a_head_office", "this code belongs to a store, not a head office; link a store "
                             "with a code made by enroll-code --dir HDIR at the head office");
  }
  Enrolment e;
  e.store_name = found->store_name;
  GB_ASSIGN_OR_RETURN(e.key_id, NextKeyId());
  // The same shape as init-kiosk's ids; redrawn on the rare collision.
  for (int attempt = 0; e.kiosk_id.empty(); ++attempt) {
    GB_ASSIGN_OR_RETURN(std::string random, NewToken());
    std::string id = hq ? "store-" + random.substr(0, 8) : "kiosk-" + random.substr(0, 6);
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT 1 FROM kiosks WHERE kiosk_id=?"));
    q->Bind(1, id);
    GB_ASSIGN_OR_RETURN(bool exists, q->Step());
    if (!exists) e.kiosk_id = id;
    if (attempt > 100) return base::Status::Internal("no_kiosk_id", "no free kiosk id found");
  }
  GB_ASSIGN_OR_RETURN(e.token, NewToken());
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  {
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef ins,
        sql_.Get("INSERT INTO kiosks(kiosk_id, key_id, public_key, token_sha256, enrolled_at,"
                 " rev, name, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    ins->Bind(1, e.kiosk_id)
        .Bind(2, int64_t{e.key_id})
        .Bind(3, public_key_pem)
        .BindBlob(4, Sha256(e.token))
        .Bind(5, now)
        .Bind(6, rev + 1);
    if (name.empty()) {
      ins->BindNull(7);
    } else {
      ins->Bind(7, name);
    }
    ins->Bind(8, kind);
    GB_RETURN_IF_ERROR(ins->Run());
  }
  {
    GB_ASSIGN_OR_RETURN(
        sqlite::StmtRef use,
        sql_.Get("UPDATE enroll_codes SET used_at=?, kiosk_id=? WHERE id=? AND used_at IS NULL"));
    GB_RETURN_IF_ERROR(use->Bind(1, now).Bind(2, e.kiosk_id).Bind(3, found->id).Run());
    if (db_->Changes() != 1) {
      return base::Status::Error(base::Code::kPermissionDenied, "code_used",
                                 "this enrolment code was already used; make a new one");
    }
  }
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  GB_RETURN_IF_ERROR(tx.Commit());
  return e;
}

base::Result<Revocation> StoreDb::RevokeKiosk(const std::string& kiosk_id, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT revoked_at FROM kiosks WHERE kiosk_id=?"));
    q->Bind(1, kiosk_id);
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) {
      return base::Status::NotFound("unknown_kiosk",
                                    "no kiosk " + kiosk_id + " is enrolled in this store");
    }
    // The first revocation time stands: vouchers signed before it stay valid,
    // and moving it later would make some of the refused ones valid again.
    if (!q->IsNull(0)) return Revocation{q->Int(0), true};
  }
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                      sql_.Get("UPDATE kiosks SET revoked_at=?, rev=? WHERE kiosk_id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, now).Bind(2, rev + 1).Bind(3, kiosk_id).Run());
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  GB_RETURN_IF_ERROR(tx.Commit());
  return Revocation{now, false};
}

base::Status CheckEnrollCode(const std::optional<EnrollCodeState>& code, int64_t now) {
  if (!code) {
    return base::Status::Error(base::Code::kPermissionDenied, "code_unknown",
                               "this enrolment code is not known to this store");
  }
  if (code->used) {
    return base::Status::Error(base::Code::kPermissionDenied, "code_used",
                               "this enrolment code was already used; make a new one");
  }
  if (now >= code->expires_at) {
    return base::Status::Error(base::Code::kPermissionDenied, "code_expired",
                               "this enrolment code has expired; make a new one");
  }
  return base::Status::Ok();
}

base::Result<std::vector<EnrollCodeState>> StoreDb::EnrollCodeStates() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT secret_sha256, used_at IS NOT NULL, expires_at"
                               " FROM enroll_codes"));
  std::vector<EnrollCodeState> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    std::vector<uint8_t> blob = q->Blob(0);
    EnrollCodeState c;
    if (blob.size() != c.secret_sha256.size()) continue;  // not a code anyone can present
    std::copy(blob.begin(), blob.end(), c.secret_sha256.begin());
    c.used = q->Int(1) != 0;
    c.expires_at = q->Int(2);
    out.push_back(c);
  }
  return out;
}

base::Result<int64_t> StoreDb::KioskRevision() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT coalesce(max(rev), 0) FROM kiosks"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

}  // namespace gb::store
