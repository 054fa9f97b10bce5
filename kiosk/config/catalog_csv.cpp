// ParseCatalogCsv: each row becomes the JSON form of a deal, so that CSV and
// JSON catalogs share one validator (rules::DealFromJson).
#include <charconv>
#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/rules/deal_json.h"
#include "core/rules/money.h"
#include "kiosk/config/catalog.h"
#include "kiosk/config/catalog_csv.h"
#include "kiosk/config/csv.h"

namespace gb::config {
namespace {

using nlohmann::json;

const std::set<std::string>& KnownColumns() {
  static const std::set<std::string> k = {
      "id", "title_en", "title_ru", "title_zh", "description_en", "description_ru",
      "description_zh", "image", "currency", "regular_price", "tiers", "cap", "per_shopper",
      "opens_at", "stop_at", "deadline", "redeem_by", "fee_percent", "scope", "deposit_kind",
      "deposit_value", "deposit_within_hours"};
  return k;
}

base::Status At(int line, const std::string& column, const std::string& why) {
  return base::Status::InvalidArgument("bad_catalog", "line " + std::to_string(line) +
                                                          ", column '" + column + "': " + why);
}

// "2.5" percent -> 250 basis points, exactly.
base::Result<int64_t> Percent(const std::string& text) { return ParseMoney(text, "EUR"); }

base::Result<json> RowToDeal(const std::map<std::string, std::string>& row, int line,
                             int64_t now) {
  auto get = [&](const std::string& key) {
    auto it = row.find(key);
    return it == row.end() ? std::string() : it->second;
  };
  json d = json::object();
  auto num = [&](const std::string& key, const char* field) -> base::Status {
    const std::string text = get(key);
    if (text.empty()) return base::Status::Ok();
    int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size()) {
      return At(line, key, "'" + text + "' is not a whole number");
    }
    d[field] = v;
    return base::Status::Ok();
  };
  GB_RETURN_IF_ERROR(num("id", "id"));
  GB_RETURN_IF_ERROR(num("cap", "cap"));
  GB_RETURN_IF_ERROR(num("per_shopper", "per_shopper"));
  for (const char* lang : {"en", "ru", "zh"}) {
    if (!get(std::string("title_") + lang).empty()) d["title"][lang] = get(std::string("title_") + lang);
    if (!get(std::string("description_") + lang).empty()) {
      d["description"][lang] = get(std::string("description_") + lang);
    }
  }
  if (!get("image").empty()) d["image"] = get("image");
  const std::string currency = get("currency");
  d["currency"] = currency;
  if (!get("scope").empty()) d["scope"] = get("scope");
  auto money = [&](const std::string& key, const std::string& text) -> base::Result<int64_t> {
    auto m = ParseMoney(text, currency);
    if (!m.ok()) return At(line, key, m.status().message());
    return *m;
  };
  if (!get("regular_price").empty()) {
    GB_ASSIGN_OR_RETURN(int64_t p, money("regular_price", get("regular_price")));
    d["regular_price"] = p;
  }
  json tiers = json::array();
  std::string spec = get("tiers");
  for (size_t start = 0; start < spec.size();) {
    size_t end = spec.find(';', start);
    if (end == std::string::npos) end = spec.size();
    std::string tier = spec.substr(start, end - start);
    size_t colon = tier.find(':');
    if (colon == std::string::npos) return At(line, "tiers", "'" + tier + "' is not PEOPLE:PRICE");
    int64_t people = 0;
    auto [p, ec] = std::from_chars(tier.data(), tier.data() + colon, people);
    if (ec != std::errc() || p != tier.data() + colon) {
      return At(line, "tiers", "'" + tier + "' does not start with a number of people");
    }
    GB_ASSIGN_OR_RETURN(int64_t price, money("tiers", tier.substr(colon + 1)));
    tiers.push_back({{"participants", people}, {"price", price}});
    start = end + 1;
  }
  d["tiers"] = tiers;
  for (const char* key : {"opens_at", "stop_at", "deadline", "redeem_by"}) {
    if (get(key).empty()) continue;
    auto t = ParseCatalogTime(get(key), now);
    if (!t.ok()) return At(line, key, t.status().message());
    d[key] = *t;
  }
  if (!get("fee_percent").empty()) {
    auto bp = Percent(get("fee_percent"));
    if (!bp.ok()) return At(line, "fee_percent", "'" + get("fee_percent") + "' is not a percentage");
    d["fee_bp"] = *bp;
  }
  const std::string kind = get("deposit_kind");
  if (!kind.empty() && kind != "none") {
    json dep = {{"kind", kind}};
    if (kind == "amount") {
      GB_ASSIGN_OR_RETURN(int64_t a, money("deposit_value", get("deposit_value")));
      dep["value"] = a;
    } else if (kind == "percent") {
      auto bp = Percent(get("deposit_value"));
      if (!bp.ok()) return At(line, "deposit_value", "is not a percentage");
      dep["value"] = *bp;
    }
    int64_t hours = 0;
    const std::string h = get("deposit_within_hours");
    auto [p, ec] = std::from_chars(h.data(), h.data() + h.size(), hours);
    if (h.empty() || ec != std::errc() || p != h.data() + h.size()) {
      return At(line, "deposit_within_hours", "a deposit needs the hours to pay it in");
    }
    // Bounded before it is multiplied: 9999999999999999 hours overflowed
    // int64 (UBSan in the catalog fuzzer reports it).
    if (hours < 0 || hours > int64_t{std::numeric_limits<uint32_t>::max()} / 3600) {
      return At(line, "deposit_within_hours", "'" + h + "' hours is out of range");
    }
    dep["pay_within_s"] = hours * 3600;
    d["deposit"] = dep;
  }
  return d;
}

}  // namespace

base::Result<std::vector<rules::Deal>> DealsFromCsv(std::string_view text, int64_t now) {
  GB_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text));
  if (records.empty()) return base::Status::InvalidArgument("bad_catalog", "the catalog is empty");
  const std::vector<std::string>& header = records[0].fields;
  for (const std::string& col : header) {
    if (!KnownColumns().contains(col)) return At(records[0].line, col, "is not a catalog column");
  }
  std::vector<rules::Deal> deals;
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    if (rec.fields.size() != header.size()) {
      return base::Status::InvalidArgument(
          "bad_catalog", "line " + std::to_string(rec.line) + ": " +
                             std::to_string(rec.fields.size()) + " fields, the header has " +
                             std::to_string(header.size()));
    }
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < header.size(); ++c) row[header[c]] = rec.fields[c];
    GB_ASSIGN_OR_RETURN(json d, RowToDeal(row, rec.line, now));
    auto deal = rules::DealFromJson(d);
    if (!deal.ok()) {
      return base::Status::InvalidArgument(
          "bad_catalog", "line " + std::to_string(rec.line) + ": " + deal.status().message());
    }
    deals.push_back(std::move(deal).value());
  }
  return deals;
}

}  // namespace gb::config
