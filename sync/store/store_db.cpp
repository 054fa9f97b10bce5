#include "sync/store/store_db.h"

#include "core/base/text.h"
#include "sync/store/schema.h"

namespace gb::store {

base::Result<std::unique_ptr<StoreDb>> StoreDb::Open(const std::string& path) {
  GB_ASSIGN_OR_RETURN(sqlite::Db db, sqlite::Db::Open(path == ":memory:" ? "" : path, true));
  auto owned = std::make_unique<sqlite::Db>(std::move(db));
  GB_RETURN_IF_ERROR(
      owned->Exec("PRAGMA journal_mode=WAL").WithContext("opening store database " + path));
  GB_RETURN_IF_ERROR(owned->Exec("PRAGMA synchronous=FULL"));
  GB_RETURN_IF_ERROR(owned->Exec("PRAGMA foreign_keys=ON"));
  GB_RETURN_IF_ERROR(Migrate(*owned).WithContext("opening store database " + path));
  std::unique_ptr<StoreDb> store(new StoreDb(std::move(owned)));
  // Schema step 14's rows for the deals already here: the hash needs C++.
  GB_RETURN_IF_ERROR(store->BackfillTermsVersions().WithContext("opening store database " + path));
  return store;
}

base::Result<int64_t> StoreDb::Revision() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT value FROM meta WHERE key='revision'"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return base::Status::Corruption("db_corrupt", "meta has no revision");
  // A damaged row is a Corruption status, never an exception.
  auto rev = base::ParseInt64("meta.revision", st->Text(0));
  if (!rev.ok()) return base::Status::Corruption("db_corrupt", rev.status().message());
  return *rev;
}

base::Status StoreDb::SetRevision(int64_t rev) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE meta SET value=? WHERE key='revision'"));
  return st->Bind(1, std::to_string(rev)).Run();
}

base::Result<int64_t> StoreDb::CountConflicts() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT count(*) FROM conflicts"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

base::Status StoreDb::CheckWritable() {
  // Taking the write lock and writing a page is what an ingest needs; the
  // rollback leaves nothing behind.
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  return db_->Exec("UPDATE meta SET value=value WHERE key='revision'");
}

base::Result<std::string> StoreDb::IntegrityCheck() {
  GB_ASSIGN_OR_RETURN(sqlite::Stmt st, db_->Prepare("PRAGMA integrity_check"));
  GB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Text(0) : std::string("no answer");
}

// --- Kiosks -----------------------------------------------------------------

base::Result<uint32_t> StoreDb::NextKeyId() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT max(coalesce((SELECT max(key_id) FROM kiosks), 0),"
                               " coalesce((SELECT max(key_id) FROM retired_keys), 0))"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  int64_t last = row ? st->Int(0) : 0;
  if (last >= 0xffffffffLL) return base::Status::ResourceExhausted("no_key_ids", "key ids used up");
  return static_cast<uint32_t>(last + 1);
}

base::Status StoreDb::AddKiosk(const KioskRecord& k) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT 1 FROM kiosks WHERE kiosk_id=?1 OR key_id=?2"
                                 " UNION ALL SELECT 1 FROM retired_keys WHERE key_id=?2"));
    q->Bind(1, k.kiosk_id).Bind(2, int64_t{k.key_id});
    GB_ASSIGN_OR_RETURN(bool exists, q->Step());
    if (exists) {
      return base::Status::AlreadyExists(
          "kiosk_enrolled", "kiosk " + k.kiosk_id + " or key id " + std::to_string(k.key_id) +
                                " is already enrolled in this store");
    }
  }
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef ins,
      sql_.Get("INSERT INTO kiosks(kiosk_id, key_id, public_key, token_sha256, enrolled_at, rev,"
               " kind, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  if (k.kind != "kiosk" && k.kind != "store") {
    return base::Status::InvalidArgument("bad_kind", "a client is a kiosk or a store");
  }
  ins->Bind(1, k.kiosk_id)
      .Bind(2, int64_t{k.key_id})
      .Bind(3, k.public_key_pem)
      .BindBlob(4, k.token_sha256)
      .Bind(5, k.enrolled_at)
      .Bind(6, rev + 1)
      .Bind(7, k.kind);
  k.name.empty() ? ins->BindNull(8) : ins->Bind(8, k.name);
  GB_RETURN_IF_ERROR(ins->Run());
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  return tx.Commit();
}

base::Result<std::vector<KioskRecord>> StoreDb::ListKiosks() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT kiosk_id, key_id, public_key, token_sha256, enrolled_at,"
                               " revoked_at, CASE WHEN suspended_key_id IS key_id"
                               " THEN suspended_at END, suspend_reason, kind, name, flagged_at, flag_reason"
                               " FROM kiosks ORDER BY key_id"));
  std::vector<KioskRecord> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    KioskRecord k;
    k.kiosk_id = st->Text(0);
    k.key_id = static_cast<uint32_t>(st->Int(1));
    k.public_key_pem = st->Text(2);
    std::vector<uint8_t> hash = st->Blob(3);
    if (hash.size() != k.token_sha256.size()) {
      return base::Status::Corruption("db_corrupt",
                                      "kiosk " + k.kiosk_id + " has a bad token hash");
    }
    std::copy(hash.begin(), hash.end(), k.token_sha256.begin());
    k.enrolled_at = st->Int(4);
    if (!st->IsNull(5)) k.revoked_at = st->Int(5);
    if (!st->IsNull(6)) {
      k.suspended_at = st->Int(6);
      k.suspend_reason = st->IsNull(7) ? "" : st->Text(7);
    }
    k.kind = st->Text(8);
    k.name = st->IsNull(9) ? "" : st->Text(9);
    if (!st->IsNull(10)) {
      k.flagged_at = st->Int(10);
      k.flag_reason = st->IsNull(11) ? "" : st->Text(11);
    }
    out.push_back(std::move(k));
  }
  return out;
}

base::Status StoreDb::RefreshKeys() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT coalesce(max(rev), 0), count(*) FROM kiosks"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (row && st->Int(0) == keys_.max_rev && st->Int(1) == keys_.count) return base::Status::Ok();
  KeyCache fresh;
  fresh.max_rev = row ? st->Int(0) : 0;
  fresh.count = row ? st->Int(1) : 0;
  GB_ASSIGN_OR_RETURN(std::vector<KioskRecord> kiosks, ListKiosks());
  for (const KioskRecord& k : kiosks) {
    GB_ASSIGN_OR_RETURN(voucher::PublicKey key, voucher::PublicKey::FromPem(k.public_key_pem));
    fresh.ring.Add(k.key_id, key);
    if (k.revoked_at) {
      fresh.ring.Revoke(k.key_id, static_cast<uint32_t>(std::max<int64_t>(*k.revoked_at, 0)));
    }
    fresh.origin_of_key[k.key_id] = k.kiosk_id;
    if (k.suspended_at) fresh.suspended.insert(k.key_id);
    if (k.kind == "store") fresh.stores.insert(k.kiosk_id);
  }
  // A rotated kiosk's earlier keys: valid for what they signed before they
  // were retired (rotate.cpp), and still that kiosk's.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef r,
                      sql_.Get("SELECT key_id, kiosk_id, public_key, retired_at FROM retired_keys"));
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool more, r->Step());
    if (!more) break;
    GB_ASSIGN_OR_RETURN(voucher::PublicKey key, voucher::PublicKey::FromPem(r->Text(2)));
    const auto key_id = static_cast<uint32_t>(r->Int(0));
    fresh.ring.Add(key_id, key);
    fresh.ring.Revoke(key_id, static_cast<uint32_t>(std::max<int64_t>(r->Int(3), 0)));
    fresh.origin_of_key[key_id] = r->Text(1);
    fresh.retired[key_id] = r->Int(3);
  }
  keys_ = std::move(fresh);
  return base::Status::Ok();
}

}  // namespace gb::store
