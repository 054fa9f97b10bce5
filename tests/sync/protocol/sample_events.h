// Valid events of every type for the protocol tests, built on the voucher
// test vectors (tests/core/voucher/test_support.h) so sign_up payloads carry
// a real GB1 voucher whose fields agree with the payload.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sync/protocol/event.h"
#include "tests/core/voucher/test_support.h"

namespace gb::protocol::test {

inline constexpr const char* kOrigin = "kiosk-1";
inline constexpr const char* kPhoneHash =
    "5e1c0a8f3b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5";

// vector 2: key 7, serial 1000, deal 42, issued offline.
inline SignUpPayload SamplePayload() {
  const auto& v = voucher::test::Vectors()[1];
  SignUpPayload p;
  p.origin = kOrigin;
  p.key_id = v.body.key_id;
  p.serial = v.body.serial;
  p.deal_id = v.body.deal_id;
  p.voucher = std::string(v.text);
  p.phone_hash = kPhoneHash;
  p.joined_at = v.body.issued_at;
  p.state = "active";
  p.offline = v.body.offline();
  return p;
}

inline Event MakeEvent(int64_t seq, std::string_view type, nlohmann::json payload) {
  return Event{kOrigin, seq, std::string(type), 1767100000 + seq, std::move(payload)};
}

// One event of each type, seq 1..4.
inline std::vector<Event> SampleEvents() {
  return {
      MakeEvent(1, kSignUp, ToJson(SamplePayload())),
      MakeEvent(2, kDeposit, ToJson(DepositPayload{7, 1000, 2000, 1767100100, "till-2"})),
      MakeEvent(3, kRedeem, ToJson(RedeemPayload{7, 1000, 1767200000, "Store 12", false})),
      MakeEvent(4, kCancel, ToJson(CancelPayload{1, 1, 1767200001})),
  };
}

}  // namespace gb::protocol::test
