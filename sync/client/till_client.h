// TillClient: a till's authoritative calls to the store server, so that a
// voucher is redeemed, and its deposit taken and given back, exactly once
// across every till of the store (POST /v1/redeem, /v1/deposit, /v1/refund;
// docs/sync-protocol.md).
//
// The server's answer is a verdict, not an error: VALID (redeemed now),
// ALREADY_REDEEMED (when and where), UNKNOWN (no such voucher reached the
// server yet) or REFUSED (the pledge rules' reason); for money PAID /
// ALREADY_PAID or REFUNDED / ALREADY_REFUNDED, UNKNOWN, REFUSED. Errors are
// for when no verdict came:
//   - the transport's ("unreachable", "timeout", "connection_lost",
//     "tls_failed"): the till is offline; IsOffline() is true;
//   - "server_identity_changed" (PermissionDenied; server_identity.h): the
//     server showed a certificate other than the pinned one (the transport's
//     "pin_mismatch"). Not offline: an alarm, nothing was sent, and a till
//     must not fall back to its ledger (IsOffline() is false);
//   - "server_refused" (PermissionDenied, 401/403: this kiosk's token is
//     revoked or wrong) and the server's own reason for a 400 (InvalidArgument);
//   - the staff member's refusals (PermissionDenied, 401/403):
//     "staff_session_required", "staff_session_expired" (sign in again),
//     "role_required" (a refund needs a manager), "wrong_pin" (SignIn), and
//     "locked_out" (InvalidArgument, 429: too many wrong PINs);
//   - "server_error" (Unavailable, 5xx) and "bad_reply" (a 200 that is not a
//     verdict; InvalidArgument, the message names the member).
// Thread-safety: as the transport it borrows (one thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/rules/join.h"
#include "sync/client/http_transport.h"

namespace gb::sync_client {

struct ServerVerdict {
  std::string verdict;  // "VALID", "ALREADY_REDEEMED", "UNKNOWN", "REFUSED"
  uint32_t key_id = 0;
  uint64_t serial = 0;
  uint32_t deal_id = 0;
  int64_t redeemed_at = 0;  // VALID, ALREADY_REDEEMED
  std::string place;        // VALID, ALREADY_REDEEMED
  std::string reason;       // REFUSED
  std::string message;      // REFUSED
  // VALID, when the server sends what to charge (price, deposit, charge, give back).
  std::optional<rules::Settlement> settlement;
};

// The reply body of a 200 from /v1/redeem. "bad_reply" when it is not one.
base::Result<ServerVerdict> DecodeServerVerdict(std::string_view body);

enum class MoneyCall { kDeposit, kRefund };

struct MoneyVerdict {
  // Deposit: "PAID", "ALREADY_PAID"; refund: "REFUNDED", "ALREADY_REFUNDED";
  // both: "UNKNOWN", "REFUSED".
  std::string verdict;
  uint32_t key_id = 0;
  uint64_t serial = 0;
  uint32_t deal_id = 0;      // all but UNKNOWN
  int64_t amount_minor = 0;  // PAID, ALREADY_*: taken / given back (would be, in a dry run)
  int64_t at = 0;            // PAID, ALREADY_*: server time; 0 in a dry run or when not known
  std::string place;         // PAID, ALREADY_*: the till; "" in a dry run or when not known
  std::string reason;        // REFUSED
  std::string message;       // REFUSED
};

// The reply body of a 200 from /v1/deposit or /v1/refund: a verdict of that
// call only (a deposit answered "REFUNDED" is a broken server), with every
// member its verdict carries and of the right type; "bad_reply" otherwise.
base::Result<MoneyVerdict> DecodeMoneyVerdict(MoneyCall what, std::string_view body);

// A staff member signed in at the store (POST /v1/staff/session).
struct StaffGrant {
  std::string session;  // 64 hex digits, sent as X-Staff-Session
  std::string role;     // "cashier" or "manager"
};

// True for the transport's errors that mean the server may be down: no
// answer came. False for the identity alarm (and "pin_mismatch").
bool IsOffline(const base::Status& status);

class TillClient {
 public:
  // REQUIRES: `transport` outlives the client.
  explicit TillClient(HttpTransport& transport) : transport_(&transport) {}

  // `code` is GB1 text (sent as "voucher") or a short code ("short_code");
  // `place` names the till on slips and in ALREADY_REDEEMED verdicts. A dry
  // run redeems nothing: VALID then means "would be redeemed now".
  base::Result<ServerVerdict> Redeem(std::string_view code, std::string_view place,
                                     bool dry_run = false);
  // The same body, `place` being the till's id (1..64 bytes, the `till` of
  // the ledger's "deposit" event, so the server knows that event for the
  // deposit it took). A dry run takes and gives nothing: PAID / REFUNDED
  // then means "would be, with amount_minor".
  base::Result<MoneyVerdict> Deposit(std::string_view code, std::string_view place,
                                     bool dry_run = false);
  base::Result<MoneyVerdict> Refund(std::string_view code, std::string_view place,
                                    bool dry_run = false);

  // Signs a staff member in at the store with the PIN they typed at this
  // kiosk; the session is not kept here: set_staff_session does that.
  base::Result<StaffGrant> SignIn(std::string_view name, std::string_view pin);
  // Sent as X-Staff-Session with every Redeem, Deposit and Refund ("" none).
  void set_staff_session(std::string session) { staff_session_ = std::move(session); }
  const std::string& staff_session() const { return staff_session_; }

 private:
  base::Result<HttpReply> Post(const char* target, std::string_view code, std::string_view place,
                               bool dry_run);

  HttpTransport* transport_;
  std::string staff_session_;
};

}  // namespace gb::sync_client
