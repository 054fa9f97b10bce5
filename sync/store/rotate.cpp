// rotate-key: a kiosk takes a new signing key and a new token and keeps its
// id and history (docs/operations.md "Rotating a kiosk's key"); reinstate:
// an admin lifts a suspension, which a rotation no longer does.
#include "sync/store/store_db.h"

namespace gb::store {

base::Result<KeyRotation> StoreDb::RotateKey(const std::string& kiosk_id,
                                             const std::string& public_key_pem, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  uint32_t old_key = 0;
  std::string old_pem;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT key_id, public_key, revoked_at, kind,"
                                 " suspended_key_id IS key_id FROM kiosks WHERE kiosk_id=?"));
    q->Bind(1, kiosk_id);
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) {
      return base::Status::NotFound("unknown_kiosk",
                                    "no kiosk " + kiosk_id + " is enrolled in this store");
    }
    if (!q->IsNull(2)) {
      return base::Status::Error(base::Code::kPermissionDenied, "kiosk_revoked",
                                 "kiosk " + kiosk_id + " is revoked; enrol it again with a code");
    }
    if (q->Text(3) != "kiosk") {
      return base::Status::InvalidArgument("not_a_kiosk",
                                           kiosk_id + " is a store; only kiosks sign vouchers");
    }
    // A clone holds the kiosk's token too: were a rotation to lift the
    // suspension, whichever copy asked first would be the kiosk.
    if (q->Int(4) != 0) {
      return base::Status::Error(base::Code::kPermissionDenied, "kiosk_suspended",
                                 "kiosk " + kiosk_id +
                                     " is suspended (a clone?); an admin must reinstate it "
                                     "(groupbuy-provision reinstate) before it rotates its key");
    }
    old_key = static_cast<uint32_t>(q->Int(0));
    old_pem = q->Text(1);
  }
  // The answer was lost and the kiosk asks again with the same new key.
  if (old_pem == public_key_pem) return KeyRotation{old_key, 0};
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT 1 FROM kiosks WHERE public_key=?1"
                                 " UNION ALL SELECT 1 FROM retired_keys WHERE public_key=?1"));
    q->Bind(1, public_key_pem);
    GB_ASSIGN_OR_RETURN(bool taken, q->Step());
    if (taken) {
      return base::Status::InvalidArgument(
          "key_enrolled", "this public key is, or was, already a key of this store; "
                          "make a new key for each rotation");
    }
  }
  GB_ASSIGN_OR_RETURN(uint32_t new_key, NextKeyId());
  // The token rotates with the key: a token copied before now stops working.
  GB_ASSIGN_OR_RETURN(std::string token, NewToken());
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                        sql_.Get("INSERT INTO retired_keys(key_id, kiosk_id, public_key,"
                                 " retired_at, rev) VALUES (?, ?, ?, ?, ?)"));
    GB_RETURN_IF_ERROR(ins->Bind(1, int64_t{old_key})
                           .Bind(2, kiosk_id)
                           .Bind(3, old_pem)
                           .Bind(4, now)
                           .Bind(5, rev + 1)
                           .Run());
  }
  {
    // The kiosk row's rev moves too: token caches and key caches (which
    // watch max(rev) of kiosks) reload.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                        sql_.Get("UPDATE kiosks SET key_id=?, public_key=?, token_sha256=?, rev=?"
                                 " WHERE kiosk_id=?"));
    GB_RETURN_IF_ERROR(up->Bind(1, int64_t{new_key})
                           .Bind(2, public_key_pem)
                           .BindBlob(3, Sha256(token))
                           .Bind(4, rev + 1)
                           .Bind(5, kiosk_id)
                           .Run());
  }
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  GB_RETURN_IF_ERROR(tx.Commit());
  return KeyRotation{new_key, old_key, std::move(token)};
}

base::Result<bool> StoreDb::Reinstate(const std::string& kiosk_id) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT suspended_key_id IS key_id FROM kiosks WHERE kiosk_id=?"));
  q->Bind(1, kiosk_id);
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) {
    return base::Status::NotFound("unknown_kiosk",
                                  "no kiosk " + kiosk_id + " is enrolled in this store");
  }
  if (q->Int(0) == 0) return false;
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  // The kiosk row's rev moves: kiosks hear of it, key and token caches reload.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                      sql_.Get("UPDATE kiosks SET suspended_at=NULL, suspended_key_id=NULL,"
                               " suspend_reason=NULL, rev=? WHERE kiosk_id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rev + 1).Bind(2, kiosk_id).Run());
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  GB_RETURN_IF_ERROR(tx.Commit());
  keys_.max_rev = -1;
  return true;
}

}  // namespace gb::store
