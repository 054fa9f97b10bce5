#include "core/sqlite/sqlite.h"

#include <sqlite3.h>

namespace gb::sqlite {

base::Status SqliteStatus(int rc, sqlite3* db, std::string_view op) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return base::Status::Ok();
  std::string msg = std::string(op) + ": " + sqlite3_errstr(rc);
  if (db != nullptr && sqlite3_errmsg(db) != nullptr) msg += " (" + std::string(sqlite3_errmsg(db)) + ")";
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return base::Status::Error(base::Code::kAlreadyExists, "constraint", msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return base::Status::Error(base::Code::kUnavailable, "db_busy", msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return base::Status::Corruption("db_corrupt", msg);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return base::Status::Error(base::Code::kPermissionDenied, "db_cant_open", msg);
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return base::Status::IoError("db_io", msg);
    default:
      return base::Status::Internal("db_error", msg);
  }
}

void Db::Close::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

base::Result<Db> Db::Open(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.empty() ? ":memory:" : path.c_str(), &raw, flags, nullptr);
  Db db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return SqliteStatus(rc, raw, "open " + path);
  sqlite3_extended_result_codes(raw, 1);
  // Another process (staff tool, backup) may hold the lock briefly.
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

Db::~Db() = default;

base::Status Db::Exec(std::string_view sql) {
  std::string s(sql);
  return SqliteStatus(sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, nullptr), db_.get(),
                      "exec");
}

base::Result<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(rc, db_.get(), "prepare");
  return Stmt(s, db_.get());
}

int64_t Db::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_.get()); }
int Db::Changes() const { return sqlite3_changes(db_.get()); }

void Stmt::Finalize::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
Stmt::~Stmt() = default;

// Bind errors are remembered and reported by the next Step, so call sites can chain.
Stmt& Stmt::Bind(int i, int64_t v) {
  if (bind_error_.ok()) bind_error_ = SqliteStatus(sqlite3_bind_int64(stmt_.get(), i, v), db_, "bind");
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  if (bind_error_.ok()) {
    bind_error_ = SqliteStatus(sqlite3_bind_text64(stmt_.get(), i, v.data(), v.size(),
                                                   SQLITE_TRANSIENT, SQLITE_UTF8),
                               db_, "bind");
  }
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::span<const uint8_t> v) {
  if (bind_error_.ok()) {
    bind_error_ = SqliteStatus(
        sqlite3_bind_blob64(stmt_.get(), i, v.data(), v.size(), SQLITE_TRANSIENT), db_, "bind");
  }
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  if (bind_error_.ok()) bind_error_ = SqliteStatus(sqlite3_bind_null(stmt_.get(), i), db_, "bind");
  return *this;
}

base::Result<bool> Stmt::Step() {
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(rc, db_, "step");
}

base::Status Stmt::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return base::Status::Ok();
  }
}

base::Status Stmt::Reset() {
  bind_error_ = base::Status::Ok();
  sqlite3_clear_bindings(stmt_.get());
  return SqliteStatus(sqlite3_reset(stmt_.get()), db_, "reset");
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(n)) : std::string();
}
std::vector<uint8_t> Stmt::Blob(int col) const {
  const auto* b = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_.get(), col));
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return b ? std::vector<uint8_t>(b, b + n) : std::vector<uint8_t>();
}
bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }

base::Result<StmtRef> StmtCache::Get(std::string_view sql) {
  auto it = stmts_.find(sql);
  if (it == stmts_.end()) {
    GB_ASSIGN_OR_RETURN(Stmt st, db_->Prepare(sql));
    it = stmts_.emplace(std::string(sql), std::move(st)).first;
  } else {
    // reset() repeats the last step's error, which its caller already had.
    (void)it->second.Reset();
  }
  return StmtRef(&it->second);
}

base::Result<Transaction> Transaction::Begin(Db& db) {
  // IMMEDIATE takes the write lock now, so the checks inside see what we commit against.
  GB_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

base::Status Transaction::Commit() {
  base::Status s = db_->Exec("COMMIT");
  if (s.ok()) db_ = nullptr;
  return s;
}

}  // namespace gb::sqlite
