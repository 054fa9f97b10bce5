// Building sync events for tests: deals, signed sign-ups, cancels, redeems.
// Shared by the store and server tests; header-only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/base/hex.h"
#include "core/rules/deal.h"
#include "core/rules/pledge.h"
#include "core/voucher/codec.h"
#include "core/voucher/terms_hash.h"
#include "sync/protocol/event.h"

namespace gb::test {

inline constexpr int64_t kOpens = 1'700'000'000;
inline constexpr int64_t kStop = kOpens + 7 * 86400;
inline constexpr int64_t kDeadline = kOpens + 8 * 86400;

// A deal that unlocks at `threshold` committed pledges.
inline rules::Deal MakeDeal(uint32_t id, int32_t threshold) {
  rules::Deal d;
  d.id = id;
  d.title = {{"en", "Sofa " + std::to_string(id)}};
  d.currency = "EUR";
  d.regular_price_minor = 99900;
  d.tiers = {{threshold, 59900}, {threshold * 2, 54900}};
  d.opens_at = kOpens;
  d.stop_at = kStop;
  d.deadline = kDeadline;
  d.redeem_by = kOpens + 30 * 86400;
  return d;
}

// A 64-hex phone hash that differs per n.
inline std::string PhoneHash(uint64_t n) {
  std::vector<uint8_t> bytes(32, 0x5a);
  for (int i = 0; i < 8; ++i) bytes[static_cast<size_t>(i)] = static_cast<uint8_t>(n >> (8 * i));
  return base::ToHex(bytes);
}

// A sign-up of `deal` as a kiosk's key signs it, after `tamper` changed
// the voucher's body or the payload (a copied kiosk lying about the price,
// the terms or the state). The voucher is signed after tampering.
using Tamper = std::function<void(voucher::Body&, protocol::SignUpPayload&)>;
inline protocol::Event TamperedSignUp(const voucher::SigningKey& key, uint32_t key_id,
                                      const std::string& origin, int64_t seq, uint64_t serial,
                                      const rules::Deal& deal, int64_t joined_at, uint64_t phone,
                                      const Tamper& tamper) {
  voucher::Body body;
  body.key_id = key_id;
  body.deal_id = deal.id;
  body.serial = serial;
  body.issued_at = static_cast<uint32_t>(joined_at);
  body.price_minor = static_cast<uint32_t>(rules::MaxPrice(deal));
  body.terms_hash = voucher::TermsHash(rules::CanonicalTerms(deal));
  protocol::SignUpPayload p;
  p.origin = origin;
  p.key_id = key_id;
  p.serial = serial;
  p.deal_id = deal.id;
  // Unless given, a shopper of their own per voucher: no per-shopper limit.
  p.phone_hash = PhoneHash(phone == 0 ? (uint64_t{key_id} << 40) + serial : phone);
  p.joined_at = joined_at;
  p.state = std::string(rules::PledgeStateName(rules::InitialPledgeState(deal)));
  if (tamper) tamper(body, p);
  p.voucher = voucher::Issue(body, key);
  return protocol::Event{origin, seq, std::string(protocol::kSignUp), joined_at,
                         protocol::ToJson(p)};
}

// An honest sign-up of `deal`, as Ledger::SignUp makes it: the voucher's
// price is the deal's first tier's (rules::MaxPrice), its terms hash that of
// the deal's canonical terms, and the pledge starts as the rules say
// (reserved when the deal asks a deposit).
inline protocol::Event SignUp(const voucher::SigningKey& key, uint32_t key_id,
                              const std::string& origin, int64_t seq, uint64_t serial,
                              const rules::Deal& deal, int64_t joined_at = kOpens + 3600,
                              uint64_t phone = 0) {
  return TamperedSignUp(key, key_id, origin, seq, serial, deal, joined_at, phone, nullptr);
}

inline protocol::Event Cancel(const std::string& origin, int64_t seq, uint32_t key_id,
                              uint64_t serial, int64_t at = kOpens + 7200) {
  return protocol::Event{origin, seq, std::string(protocol::kCancel), at,
                         protocol::ToJson(protocol::CancelPayload{key_id, serial, at})};
}

inline protocol::Event Redeem(const std::string& origin, int64_t seq, uint32_t key_id,
                              uint64_t serial, int64_t at, const std::string& place) {
  return protocol::Event{
      origin, seq, std::string(protocol::kRedeem), at,
      protocol::ToJson(protocol::RedeemPayload{key_id, serial, at, place, false})};
}

inline protocol::Batch MakeBatch(std::vector<protocol::Event> events) {
  protocol::Batch b;
  b.origin = events.empty() ? "" : events.front().origin;
  b.events = std::move(events);
  return b;
}

}  // namespace gb::test
