// Result<T>: a value or the Status that explains why there is none.
//
// Written by hand rather than std::expected because the fuzz targets are built
// by clang 14, whose C++ front end cannot parse libstdc++ 12's <expected>.
// REQUIRES: a Result built from a Status is built from a failed one.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "core/base/status.h"

namespace gb::base {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "a Result needs a value or a failed Status");
    if (status_.ok()) status_ = Status::Internal("internal", "Result built from ok Status");
  }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace gb::base

#define GB_CONCAT_INNER_(a, b) a##b
#define GB_CONCAT_(a, b) GB_CONCAT_INNER_(a, b)

// GB_ASSIGN_OR_RETURN(auto key, SigningKey::FromPemFile(path));
#define GB_ASSIGN_OR_RETURN(lhs, expr) \
  GB_ASSIGN_OR_RETURN_IMPL_(GB_CONCAT_(gb_result_, __LINE__), lhs, expr)
#define GB_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
