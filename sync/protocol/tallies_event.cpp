#include "sync/protocol/tallies_event.h"

#include <limits>

#include "sync/protocol/json_reader.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

// A count beyond a billion is a bug or an attack, not a store.
constexpr int64_t kMaxCount = 1'000'000'000;
constexpr int64_t kMaxPrice = int64_t{1} << 50;
constexpr int64_t kMaxTime = int64_t{1} << 40;  // Unix seconds, far beyond any real clock

bool KnownState(const std::string& s) {
  return s == "draft" || s == "open" || s == "unlocked" || s == "closed" || s == "failed";
}

base::Result<std::vector<PrinterTrouble>> ParsePrinters(const json& j, const FieldReader& r) {
  std::vector<PrinterTrouble> out;
  auto it = j.find("printers");
  if (it == j.end()) return out;
  if (!it->is_array()) return r.Error("printers", "must be an array");
  if (it->size() > kMaxTallyKiosks) {
    return r.Error("printers", "has more than " + std::to_string(kMaxTallyKiosks) + " kiosks");
  }
  for (size_t i = 0; i < it->size(); ++i) {
    FieldReader k((*it)[i], r.PathOf("printers") + "[" + std::to_string(i) + "]", "bad_payload");
    GB_RETURN_IF_ERROR(k.CheckObject({"kiosk_id", "state", "held", "since"}));
    PrinterTrouble p;
    GB_ASSIGN_OR_RETURN(p.kiosk_id, k.String("kiosk_id", 1, 64));
    GB_ASSIGN_OR_RETURN(p.state, k.String("state", 1, 32));
    GB_ASSIGN_OR_RETURN(p.held, k.Int("held", 0, kMaxCount));
    GB_ASSIGN_OR_RETURN(p.since, k.Int("since", 0, kMaxTime));
    for (const PrinterTrouble& seen : out) {
      if (seen.kiosk_id == p.kiosk_id) return k.Error("kiosk_id", "appears twice");
    }
    out.push_back(std::move(p));
  }
  return out;
}

base::Result<KioskHealth> ParseKioskHealth(const json& j, const std::string& path) {
  FieldReader r(j, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"enrolled", "offline", "printers", "identity_alarms"}));
  KioskHealth h;
  GB_ASSIGN_OR_RETURN(h.enrolled, r.Int("enrolled", 0, kMaxCount));
  auto it = j.find("offline");
  if (it == j.end() || !it->is_array()) return r.Error("offline", "must be an array");
  if (it->size() > kMaxTallyKiosks) {
    return r.Error("offline", "has more than " + std::to_string(kMaxTallyKiosks) + " kiosks");
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    FieldReader k(item, r.PathOf("offline") + "[" + std::to_string(i) + "]", "bad_payload");
    GB_RETURN_IF_ERROR(k.CheckObject({"kiosk_id", "since"}));
    OfflineKiosk o;
    GB_ASSIGN_OR_RETURN(o.kiosk_id, k.String("kiosk_id", 1, 64));
    if (auto since = item.find("since"); since == item.end()) {
      return k.Error("since", "is missing (null when never seen)");
    } else if (!since->is_null()) {
      GB_ASSIGN_OR_RETURN(int64_t at, k.Int("since", 0, kMaxTime));
      o.since = at;
    }
    for (const OfflineKiosk& seen : h.offline) {
      if (seen.kiosk_id == o.kiosk_id) return k.Error("kiosk_id", "appears twice");
    }
    h.offline.push_back(std::move(o));
  }
  GB_ASSIGN_OR_RETURN(h.printers, ParsePrinters(j, r));
  if (auto alarms = j.find("identity_alarms"); alarms != j.end()) {
    GB_ASSIGN_OR_RETURN(h.identity_alarms, ParseIdentityAlarms(*alarms, r.PathOf("identity_alarms"),
                                                               kMaxTallyKiosks));
  }
  return h;
}

}  // namespace

json PrintersJson(const std::vector<PrinterTrouble>& printers) {
  json out = json::array();
  for (const PrinterTrouble& p : printers) {
    out.push_back(
        {{"kiosk_id", p.kiosk_id}, {"state", p.state}, {"held", p.held}, {"since", p.since}});
  }
  return out;
}

json ToJson(const TalliesPayload& p) {
  json deals = json::array();
  for (const DealCount& d : p.deals) {
    json item = {{"deal_id", d.deal_id},   {"title", d.title},         {"chain", d.chain},
                 {"state", d.state},       {"committed", d.committed}, {"reserved", d.reserved},
                 {"redeemed", d.redeemed}, {"cancelled", d.cancelled}, {"price", d.price}};
    if (d.held > 0) item["held"] = d.held;
    deals.push_back(std::move(item));
  }
  json out = {{"deals", std::move(deals)}};
  if (p.kiosks) {
    json offline = json::array();
    for (const OfflineKiosk& k : p.kiosks->offline) {
      offline.push_back({{"kiosk_id", k.kiosk_id}, {"since", k.since ? json(*k.since) : json()}});
    }
    out["kiosks"] = {{"enrolled", p.kiosks->enrolled}, {"offline", std::move(offline)}};
    if (!p.kiosks->printers.empty()) out["kiosks"]["printers"] = PrintersJson(p.kiosks->printers);
    if (!p.kiosks->identity_alarms.empty()) {
      out["kiosks"]["identity_alarms"] = IdentityAlarmsJson(p.kiosks->identity_alarms);
    }
  }
  return out;
}

base::Result<TalliesPayload> ParseTalliesPayload(const json& payload, const std::string& path) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"deals", "kiosks"}));
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
                                      "reserved", "redeemed", "cancelled", "price", "held"}));
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
    // Optional: stores before caps over the chain do not send it.
    if (item.contains("held")) {
      GB_ASSIGN_OR_RETURN(c.held, d.Int("held", 0, kMaxCount));
    }
    // Two rows for one deal would make "the store's count" ambiguous.
    for (const DealCount& seen : p.deals) {
      if (seen.deal_id == c.deal_id) return d.Error("deal_id", "appears twice");
    }
    p.deals.push_back(std::move(c));
  }
  if (auto k = payload.find("kiosks"); k != payload.end()) {
    GB_ASSIGN_OR_RETURN(p.kiosks, ParseKioskHealth(*k, r.PathOf("kiosks")));
  }
  return p;
}

}  // namespace gb::protocol
