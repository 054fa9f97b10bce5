// A thin RAII adapter over SQLite: the only files that include sqlite3.h are
// sqlite.h's implementation and nothing else includes it in a header.
//
// SqliteStatus() is the one place SQLite result codes become Status.
// Thread-safety: a Db and its statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gb::sqlite {

class Stmt;

class Db {
 public:
  // Opens (creating if asked) the file; "" or ":memory:" for an in-memory db.
  static base::Result<Db> Open(const std::string& path, bool create);

  Db(Db&&) noexcept = default;
  Db& operator=(Db&&) noexcept = default;
  ~Db();

  base::Status Exec(std::string_view sql);
  base::Result<Stmt> Prepare(std::string_view sql);
  int64_t LastInsertRowId() const;
  int Changes() const;
  sqlite3* raw() const { return db_.get(); }

 private:
  struct Close {
    void operator()(sqlite3* db) const;
  };
  explicit Db(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Close> db_;
};

// A prepared statement. Bind indexes start at 1, column indexes at 0.
class Stmt {
 public:
  Stmt(Stmt&&) noexcept = default;
  Stmt& operator=(Stmt&&) noexcept = default;
  ~Stmt();

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& BindBlob(int i, std::span<const uint8_t> v);
  Stmt& BindNull(int i);

  // True when a row is ready, false when done; errors as Status.
  base::Result<bool> Step();
  // Runs to completion (for statements that return no rows).
  base::Status Run();
  base::Status Reset();

  int64_t Int(int col) const;
  std::string Text(int col) const;
  std::vector<uint8_t> Blob(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Db;
  struct Finalize {
    void operator()(sqlite3_stmt* s) const;
  };
  Stmt(sqlite3_stmt* s, sqlite3* db) : stmt_(s), db_(db) {}
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
  sqlite3* db_;
  base::Status bind_error_;
};

// Prepared statements kept for reuse: preparing costs as much as running the
// small statements of a sign-up. Get() hands out a statement that is reset
// and unbound; the StmtRef resets it again when it goes out of scope, so no
// statement keeps a read snapshot open between uses.
class StmtRef {
 public:
  explicit StmtRef(Stmt* s) : s_(s) {}
  StmtRef(StmtRef&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StmtRef& operator=(StmtRef&&) = delete;
  ~StmtRef() {
    if (s_ != nullptr) (void)s_->Reset();
  }
  Stmt* operator->() const { return s_; }
  Stmt& operator*() const { return *s_; }

 private:
  Stmt* s_;
};

class StmtCache {
 public:
  explicit StmtCache(Db* db) : db_(db) {}
  // The sql text is copied into the cache. REQUIRES: the Db outlives the cache.
  base::Result<StmtRef> Get(std::string_view sql);

 private:
  Db* db_;
  std::map<std::string, Stmt, std::less<>> stmts_;
};

// BEGIN IMMEDIATE on creation; rolls back on destruction unless committed.
class Transaction {
 public:
  static base::Result<Transaction> Begin(Db& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  base::Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;
};

// The one conversion from a SQLite result code to a Status.
base::Status SqliteStatus(int rc, sqlite3* db, std::string_view op);

}  // namespace gb::sqlite
