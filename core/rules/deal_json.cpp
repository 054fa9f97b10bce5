#include "core/rules/deal_json.h"

#include <limits>
#include <set>

namespace gb::rules {
namespace {

using nlohmann::json;

base::Status Bad(const std::string& field, const std::string& why) {
  return base::Status::InvalidArgument("bad_deal", "deal field '" + field + "': " + why);
}

// Reads an integer field in [lo, hi]; absent optional fields keep `out`.
base::Status GetInt(const json& j, const char* key, bool required, int64_t lo, int64_t hi,
                    int64_t& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    return required ? Bad(key, "is missing") : base::Status::Ok();
  }
  if (!it->is_number_integer()) return Bad(key, "must be a whole number");
  int64_t v = it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(hi)
                  ? hi + 1
                  : it->get<int64_t>();
  if (v < lo || v > hi) {
    return Bad(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  out = v;
  return base::Status::Ok();
}

base::Status GetTexts(const json& j, const char* key, std::map<std::string, std::string>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return base::Status::Ok();
  if (!it->is_object()) return Bad(key, "must be an object of language -> text");
  for (const auto& [lang, text] : it->items()) {
    if (!text.is_string()) return Bad(std::string(key) + "." + lang, "must be text");
    out[lang] = text.get<std::string>();
  }
  return base::Status::Ok();
}

base::Status GetDeposit(const json& j, DepositPolicy& out) {
  auto it = j.find("deposit");
  if (it == j.end() || it->is_null()) return base::Status::Ok();
  if (!it->is_object()) return Bad("deposit", "must be an object");
  auto kind = it->find("kind");
  if (kind == it->end() || !kind->is_string()) return Bad("deposit.kind", "is missing");
  const std::string k = kind->get<std::string>();
  if (k == "none") out.kind = DepositKind::kNone;
  else if (k == "amount") out.kind = DepositKind::kAmount;
  else if (k == "percent") out.kind = DepositKind::kPercent;
  else if (k == "full") out.kind = DepositKind::kFull;
  else return Bad("deposit.kind", "must be none, amount, percent or full");
  constexpr int64_t kMax = std::numeric_limits<uint32_t>::max();
  GB_RETURN_IF_ERROR(GetInt(*it, "value", false, 0, kMax, out.value));
  GB_RETURN_IF_ERROR(GetInt(*it, "pay_within_s", false, 0, kMax, out.pay_within_s));
  return base::Status::Ok();
}

const char* DepositKindName(DepositKind k) {
  switch (k) {
    case DepositKind::kNone: return "none";
    case DepositKind::kAmount: return "amount";
    case DepositKind::kPercent: return "percent";
    case DepositKind::kFull: return "full";
  }
  return "none";
}

}  // namespace

json DealToJson(const Deal& d) {
  json tiers = json::array();
  for (const Tier& t : d.tiers) tiers.push_back({{"participants", t.participants}, {"price", t.price_minor}});
  json j = {{"id", d.id},
            {"title", d.title},
            {"description", d.description},
            {"image", d.image},
            {"currency", d.currency},
            {"regular_price", d.regular_price_minor},
            {"tiers", tiers},
            {"cap", d.cap},
            {"per_shopper", d.per_shopper},
            {"opens_at", d.opens_at},
            {"stop_at", d.stop_at},
            {"deadline", d.deadline},
            {"redeem_by", d.redeem_by},
            {"fee_bp", d.fee_bp},
            {"scope", d.scope == Scope::kChain ? "chain" : "store"},
            {"deposit",
             {{"kind", DepositKindName(d.deposit.kind)},
              {"value", d.deposit.value},
              {"pay_within_s", d.deposit.pay_within_s}}}};
  j["stopped_early_at"] = d.stopped_early_at ? json(*d.stopped_early_at) : json(nullptr);
  // Only when set: a deal's JSON is unchanged for every deal never paused.
  if (d.paused) j["paused"] = true;
  return j;
}

base::Result<Deal> DealFromJson(const json& j) {
  if (!j.is_object()) return Bad("(deal)", "must be a JSON object");
  static const std::set<std::string> kKnown = {
      "id",      "title",    "description", "image",     "currency", "regular_price",
      "tiers",   "cap",      "per_shopper", "opens_at",  "stop_at",  "deadline",
      "redeem_by", "fee_bp", "scope",       "deposit",   "stopped_early_at", "paused"};
  for (const auto& [key, value] : j.items()) {
    if (!kKnown.contains(key)) return Bad(key, "is not a deal field");
  }
  Deal d;
  constexpr int64_t kU32 = std::numeric_limits<uint32_t>::max();
  constexpr int64_t kI32 = std::numeric_limits<int32_t>::max();
  int64_t v = 0;
  GB_RETURN_IF_ERROR(GetInt(j, "id", true, 1, kU32, v));
  d.id = static_cast<uint32_t>(v);
  GB_RETURN_IF_ERROR(GetTexts(j, "title", d.title));
  GB_RETURN_IF_ERROR(GetTexts(j, "description", d.description));
  if (auto it = j.find("image"); it != j.end() && !it->is_null()) {
    if (!it->is_string()) return Bad("image", "must be text");
    d.image = it->get<std::string>();
  }
  auto cur = j.find("currency");
  if (cur == j.end() || !cur->is_string()) return Bad("currency", "is missing");
  d.currency = cur->get<std::string>();
  GB_RETURN_IF_ERROR(GetInt(j, "regular_price", true, 1, kU32, d.regular_price_minor));
  auto tiers = j.find("tiers");
  if (tiers == j.end() || !tiers->is_array()) return Bad("tiers", "must be a list");
  for (size_t i = 0; i < tiers->size(); ++i) {
    const json& t = (*tiers)[i];
    std::string name = "tiers[" + std::to_string(i) + "]";
    if (!t.is_object()) return Bad(name, "must be an object");
    int64_t p = 0, price = 0;
    GB_RETURN_IF_ERROR(GetInt(t, "participants", true, 1, kI32, p).WithContext(name));
    GB_RETURN_IF_ERROR(GetInt(t, "price", true, 1, kU32, price).WithContext(name));
    d.tiers.push_back({static_cast<int32_t>(p), price});
  }
  v = 0;
  GB_RETURN_IF_ERROR(GetInt(j, "cap", false, 0, kI32, v));
  d.cap = static_cast<int32_t>(v);
  v = 1;
  GB_RETURN_IF_ERROR(GetInt(j, "per_shopper", false, 1, kI32, v));
  d.per_shopper = static_cast<int32_t>(v);
  GB_RETURN_IF_ERROR(GetInt(j, "opens_at", true, 0, kU32, d.opens_at));
  GB_RETURN_IF_ERROR(GetInt(j, "stop_at", true, 0, kU32, d.stop_at));
  GB_RETURN_IF_ERROR(GetInt(j, "deadline", true, 0, kU32, d.deadline));
  GB_RETURN_IF_ERROR(GetInt(j, "redeem_by", true, 0, kU32, d.redeem_by));
  v = 0;
  GB_RETURN_IF_ERROR(GetInt(j, "fee_bp", false, 0, 10000, v));
  d.fee_bp = static_cast<int32_t>(v);
  if (auto it = j.find("scope"); it != j.end() && !it->is_null()) {
    if (*it == "chain") d.scope = Scope::kChain;
    else if (*it != "store") return Bad("scope", "must be store or chain");
  }
  GB_RETURN_IF_ERROR(GetDeposit(j, d.deposit));
  if (auto it = j.find("stopped_early_at"); it != j.end() && !it->is_null()) {
    int64_t at = 0;
    GB_RETURN_IF_ERROR(GetInt(j, "stopped_early_at", true, 0, kU32, at));
    d.stopped_early_at = at;
  }
  if (auto it = j.find("paused"); it != j.end()) {
    if (!it->is_boolean()) return Bad("paused", "must be true or false");
    d.paused = it->get<bool>();
  }
  GB_RETURN_IF_ERROR(ValidateDeal(d));
  return d;
}

}  // namespace gb::rules
