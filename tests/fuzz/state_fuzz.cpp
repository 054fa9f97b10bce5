// libFuzzer harness for the kiosk's decoding of the store's GET /v1/state
// reply (kiosk/link/state_codec.h): whatever a store, or whoever answers in
// its place, sends. Besides crashes and sanitizer findings it checks what the
// kiosk relies on next: every refusal has a reason and a message; every
// accepted deal validates, survives DealToJson/DealFromJson unchanged, and
// the rules' arithmetic on it (prices, fee, deposit, state) stays defined.
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/rules/deal_json.h"
#include "kiosk/link/state_codec.h"

namespace {

using namespace gb;

void Check(bool property) {
  if (!property) std::abort();
}

// The kiosk the seeds' by_kiosk entries name.
constexpr std::string_view kOrigin = "kiosk-a";

void CheckDeal(const ledger::RemoteDeal& d) {
  const rules::Deal& deal = d.deal;
  Check(rules::ValidateDeal(deal).ok());
  auto again = rules::DealFromJson(rules::DealToJson(deal));
  Check(again.ok() && *again == deal);
  Check(d.others.committed >= 0 && d.others.reserved >= 0);
  // What the wall and the till compute from a deal they were sent.
  Check(rules::Threshold(deal) > 0);
  for (int64_t committed : {int64_t{0}, d.others.committed, d.others.reserved}) {
    const int64_t price = rules::PriceNow(deal, committed);
    Check(price >= rules::LowestPrice(deal) && price <= rules::MaxPrice(deal));
    Check(rules::FeePart(deal, price) >= 0 && rules::FeePart(deal, price) <= price);
    Check(rules::DepositAmount(deal, price) >= 0);
    (void)rules::NextTier(deal, committed);
  }
  (void)rules::CanonicalTerms(deal);
  for (int64_t now : {deal.opens_at, deal.deadline, deal.redeem_by + 1}) {
    (void)rules::Advance(deal, d.state, d.others, now);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto state = link::DecodeState(body, kOrigin);
  if (!state.ok()) {
    Check(!state.status().reason().empty() && !state.status().message().empty());
    Check(state.status().code() == base::Code::kInvalidArgument);
    return 0;
  }
  Check(state->revision >= 0);
  for (const auto& d : state->deals) CheckDeal(d);
  for (const auto& k : state->kiosks) Check(!k.kiosk_id.empty());
  for (const auto& m : state->staff) {
    Check(!m.name.empty() && m.name.size() <= 64);
    Check(m.removed || m.role == "staff" || m.role == "manager");
  }
  if (state->leases) {
    for (const auto& l : *state->leases) Check(l.lease.seats >= 0 && l.used_at_store >= 0);
  }
  for (const auto& p : state->pledges) {
    Check(p.rev >= 0 && p.deposit_amount >= 0 && p.refund_amount >= 0);
    Check(p.deposit_place.size() <= 128 && p.refund_place.size() <= 128 &&
          p.redeemed_place.size() <= 128);
  }
  return 0;
}
