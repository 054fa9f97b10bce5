#include "sync/protocol/tallies_event.h"

#include <limits>

#include "sync/protocol/json_reader.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

// A count beyond a billion is a bug or an attack, not a store.
constexpr int64_t kMaxCount = 1'000'000'000;
constexpr int64_t kMaxPrice = int64_t{1} << 50;

bool KnownState(const std::string& s) {
  return s == "draft" || s == "open" || s == "unlocked" || s == "closed" || s == "failed";
}

}  // namespace

json ToJson(const TalliesPayload& p) {
  json deals = json::array();
  for (const DealCount& d : p.deals) {
    deals.push_back({{"deal_id", d.deal_id},
                     {"title", d.title},
                     {"chain", d.chain},
                     {"state", d.state},
                     {"committed", d.committed},
                     {"reserved", d.reserved},
                     {"redeemed", d.redeemed},
                     {"cancelled", d.cancelled},
                     {"price", d.price}});
  }
  return {{"deals", std::move(deals)}};
}

base::Result<TalliesPayload> ParseTalliesPayload(const json& payload, const std::string& path) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"deals"}));
  auto it = payload.find("deals");
  if (it == payload.end() || !it->is_array()) return r.Error("deals", "must be an array");
  if (it->size() > kMaxTallyDeals) {
    return r.Error("deals", "has more than " + std::to_string(kMaxTallyDeals) + " deals");
  }
  TalliesPayload p;
  p.deals.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    FieldReader d(item, r.PathOf("deals") + "[" + std::to_string(i) + "]", "bad_payload");
    GB_RETURN_IF_ERROR(d.CheckObject({"deal_id", "title", "chain", "state", "committed",
                                      "reserved", "redeemed", "cancelled", "price"}));
    DealCount c;
    GB_ASSIGN_OR_RETURN(uint64_t id, d.Uint("deal_id", 1, std::numeric_limits<uint32_t>::max()));
    c.deal_id = static_cast<uint32_t>(id);
    GB_ASSIGN_OR_RETURN(c.title, d.String("title", 0, 256));
    GB_ASSIGN_OR_RETURN(c.chain, d.Bool("chain"));
    GB_ASSIGN_OR_RETURN(c.state, d.String("state", 1, 16));
    if (!KnownState(c.state)) return d.Error("state", "is not a deal state");
    GB_ASSIGN_OR_RETURN(c.committed, d.Int("committed", 0, kMaxCount));
    GB_ASSIGN_OR_RETURN(c.reserved, d.Int("reserved", 0, kMaxCount));
    GB_ASSIGN_OR_RETURN(c.redeemed, d.Int("redeemed", 0, kMaxCount));
    GB_ASSIGN_OR_RETURN(c.cancelled, d.Int("cancelled", 0, kMaxCount));
    GB_ASSIGN_OR_RETURN(c.price, d.Int("price", 0, kMaxPrice));
    // Two rows for one deal would make "the store's count" ambiguous.
    for (const DealCount& seen : p.deals) {
      if (seen.deal_id == c.deal_id) return d.Error("deal_id", "appears twice");
    }
    p.deals.push_back(std::move(c));
  }
  return p;
}

}  // namespace gb::protocol
