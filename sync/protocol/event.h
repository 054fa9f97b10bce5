// Sync events: one outbox row of a kiosk as it travels to the store server,
// and the typed payload of every event type (docs/sync-protocol.md).
//
// An Event is the envelope (who, which sequence number, what, when) around a
// JSON payload; the typed structs below are what a payload means for each
// type. Parse*Payload validate untrusted JSON: every failure is
// InvalidArgument, reason "bad_payload", with a message that starts with the
// field's path ("events[2].payload.phone_hash must be 64 lower-case hex
// digits"). Pure value types and functions; thread-compatible. C++20.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace gb::protocol {

// The event types this version knows; anything else is "unknown_event_type".
// A store's "tallies" (to its head office) is in tallies_event.h.
inline constexpr std::string_view kSignUp = "sign_up";
inline constexpr std::string_view kCancel = "cancel";
inline constexpr std::string_view kDeposit = "deposit";
inline constexpr std::string_view kRedeem = "redeem";
inline constexpr std::string_view kRefund = "refund";

// Limits of the free-text fields, in bytes of UTF-8.
inline constexpr size_t kMaxOriginBytes = 128;
inline constexpr size_t kMaxTillBytes = 64;
inline constexpr size_t kMaxPlaceBytes = 128;
// A staff member's name, as `groupbuy-provision staff add` allows it.
inline constexpr size_t kMaxStaffBytes = 64;

struct Event {
  std::string origin;  // the kiosk's origin id (ledger meta.origin)
  int64_t seq = 0;     // outbox seq: > 0, strictly increasing per origin
  std::string type;    // one of the k* names above
  int64_t at = 0;      // Unix seconds, UTC, when the kiosk recorded the event
  nlohmann::json payload = nlohmann::json::object();

  bool operator==(const Event&) const = default;
};

// A shopper joined a deal; the voucher was printed.
struct SignUpPayload {
  std::string origin;   // equals the batch origin
  uint32_t key_id = 0;  // all three equal the voucher's own fields
  uint64_t serial = 0;
  uint32_t deal_id = 0;
  std::string voucher;     // the GB1 text (docs/voucher-format.md)
  std::string phone_hash;  // 64 lower-case hex: HMAC-SHA-256 of the E.164 number
  int64_t joined_at = 0;   // Unix seconds
  std::string state;       // "active" or "reserved"
  bool offline = false;    // equals the voucher's offline flag
};

// The pledge of voucher (key_id, serial) was cancelled.
struct CancelPayload {
  uint32_t key_id = 0;
  uint64_t serial = 0;
  int64_t at = 0;
};

// A deposit was paid for voucher (key_id, serial) at a till.
struct DepositPayload {
  uint32_t key_id = 0;
  uint64_t serial = 0;
  int64_t amount = 0;  // minor units of the deal's currency, > 0
  int64_t at = 0;
  std::string till;  // the till's id, 1..kMaxTillBytes
  // Who took (or gave back) the money, as the kiosk's own PIN check named
  // them offline: 1..kMaxStaffBytes, or "" when the member is not sent (an
  // older kiosk). Optional in JSON; ToJson omits it when "".
  std::string staff = "";
};

// Voucher (key_id, serial) was redeemed.
struct RedeemPayload {
  uint32_t key_id = 0;
  uint64_t serial = 0;
  int64_t at = 0;
  std::string place;     // where: a store or kiosk name, 1..kMaxPlaceBytes
  bool offline = false;  // redeemed without reaching the server
  std::string staff = "";  // as DepositPayload::staff
};

nlohmann::json ToJson(const SignUpPayload& p);
nlohmann::json ToJson(const CancelPayload& p);
nlohmann::json ToJson(const DepositPayload& p);
nlohmann::json ToJson(const RedeemPayload& p);

// path names the payload in messages, e.g. "events[2].payload".
// For sign_up also: the voucher must voucher::Parse (its signature is NOT
// checked here: that needs the key ring), and batch_origin must equal origin.
base::Result<SignUpPayload> ParseSignUpPayload(const nlohmann::json& payload,
                                               const std::string& path,
                                               std::string_view batch_origin);
base::Result<CancelPayload> ParseCancelPayload(const nlohmann::json& payload,
                                               const std::string& path);
base::Result<DepositPayload> ParseDepositPayload(const nlohmann::json& payload,
                                                 const std::string& path);
base::Result<RedeemPayload> ParseRedeemPayload(const nlohmann::json& payload,
                                               const std::string& path);
// A refund's payload has a deposit's members: the amount given back, and
// the till that gave it. ToJson(const DepositPayload&) writes it.
using RefundPayload = DepositPayload;
base::Result<RefundPayload> ParseRefundPayload(const nlohmann::json& payload,
                                               const std::string& path);

// Checks an event's payload against its type; "unknown_event_type" for a type
// not listed above, otherwise the Parse*Payload result. event_path names the
// event in messages ("events[2]").
base::Status ValidatePayload(const Event& event, const std::string& event_path);

}  // namespace gb::protocol
