// Status: the one error vocabulary of the project (shared/style.md, point 4).
//
// A Status is either ok or carries a Code (what kind of failure, for callers
// that branch on it), a reason (a short stable machine-readable tag such as
// "bad_base45", used in HTTP bodies, CLI output and tests) and a message for
// people. Library error codes (OpenSSL, SQLite, libusb, Beast) are converted
// into a Status in exactly one function each, in their adapters.
//
// Thread-safety: a Status is a value; copies are independent.
#pragma once

#include <string>
#include <string_view>

namespace gb::base {

enum class Code {
  kOk = 0,
  kInvalidArgument,    // the input is malformed; retrying will not help
  kNotFound,           // the thing named does not exist
  kAlreadyExists,      // creating something that is already there
  kFailedPrecondition, // the input is fine but the state forbids it now
  kPermissionDenied,   // authenticated but not allowed
  kUnauthenticated,    // who you are is unknown or wrong
  kResourceExhausted,  // a cap, a limit or a quota is reached
  kUnavailable,        // a device or peer is not there now; retry later
  kDeadlineExceeded,   // a timeout
  kCorruption,         // stored data is damaged or from a newer program
  kIoError,            // the operating system refused
  kInternal,           // a bug or an unexpected library failure
};

// Returns a stable lower-case name, e.g. "invalid_argument".
std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status Error(Code code, std::string reason, std::string message) {
    return Status(code, std::move(reason), std::move(message));
  }
  static Status InvalidArgument(std::string reason, std::string message) {
    return Status(Code::kInvalidArgument, std::move(reason), std::move(message));
  }
  static Status NotFound(std::string reason, std::string message) {
    return Status(Code::kNotFound, std::move(reason), std::move(message));
  }
  static Status AlreadyExists(std::string reason, std::string message) {
    return Status(Code::kAlreadyExists, std::move(reason), std::move(message));
  }
  static Status FailedPrecondition(std::string reason, std::string message) {
    return Status(Code::kFailedPrecondition, std::move(reason), std::move(message));
  }
  static Status ResourceExhausted(std::string reason, std::string message) {
    return Status(Code::kResourceExhausted, std::move(reason), std::move(message));
  }
  static Status Corruption(std::string reason, std::string message) {
    return Status(Code::kCorruption, std::move(reason), std::move(message));
  }
  static Status IoError(std::string reason, std::string message) {
    return Status(Code::kIoError, std::move(reason), std::move(message));
  }
  static Status Internal(std::string reason, std::string message) {
    return Status(Code::kInternal, std::move(reason), std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }

  // "reason: message", or "ok".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with context ("opening ledger: ...").
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string reason, std::string message)
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string reason_;
  std::string message_;
};

}  // namespace gb::base

// Early return on a failed Status: GB_RETURN_IF_ERROR(ledger.Open());
#define GB_RETURN_IF_ERROR(expr)                       \
  do {                                                 \
    ::gb::base::Status gb_status_ = (expr);            \
    if (!gb_status_.ok()) return gb_status_;           \
  } while (false)
