#include "kiosk/config/catalog.h"

#include <charconv>
#include <set>

#include <nlohmann/json.hpp>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "core/rules/money.h"
#include "kiosk/config/catalog_csv.h"

namespace gb::config {
namespace {

using nlohmann::json;

constexpr const char* kTimeKeys[] = {"opens_at", "stop_at", "deadline", "redeem_by",
                                     "stopped_early_at"};

base::Status Bad(const std::string& where, const base::Status& s) {
  return base::Status::InvalidArgument("bad_catalog", where + ": " + s.message());
}

base::Result<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    return base::Status::InvalidArgument("bad_number", "'" + std::string(s) + "' is not a whole number");
  }
  return v;
}

base::Status CheckUnique(const std::vector<rules::Deal>& deals) {
  std::set<uint32_t> seen;
  for (const rules::Deal& d : deals) {
    if (!seen.insert(d.id).second) {
      return base::Status::InvalidArgument("bad_catalog",
                                           "deal " + std::to_string(d.id) + " appears twice");
    }
  }
  if (deals.empty()) return base::Status::InvalidArgument("bad_catalog", "the catalog has no deals");
  return base::Status::Ok();
}

}  // namespace

base::Result<int64_t> ParseCatalogTime(std::string_view text, int64_t now) {
  auto bad = [&] {
    return base::Status::InvalidArgument(
        "bad_time", "'" + std::string(text) + "' is not a time (Unix seconds, or +7d, +36h, -30m)");
  };
  if (text.empty()) return bad();
  if (text[0] != '+' && text[0] != '-') {
    auto v = ParseInt(text);
    if (!v.ok() || *v < 0) return bad();
    return *v;
  }
  std::string_view body = text.substr(1);
  int64_t unit = 1;
  if (!body.empty()) {
    switch (body.back()) {
      case 'd': unit = 86400; body.remove_suffix(1); break;
      case 'h': unit = 3600; body.remove_suffix(1); break;
      case 'm': unit = 60; body.remove_suffix(1); break;
      default: break;
    }
  }
  auto n = ParseInt(body);
  // Ten years either way is plenty for a deal and keeps the sum far from overflow.
  if (!n.ok() || *n < 0 || *n > 3650L * 86400 / unit) return bad();
  return now + (text[0] == '-' ? -1 : 1) * *n * unit;
}

base::Result<int64_t> ParseMoney(std::string_view text, std::string_view currency) {
  auto bad = [&](const std::string& why) {
    return base::Status::InvalidArgument("bad_money", "'" + std::string(text) + "' " + why);
  };
  auto exp = rules::CurrencyExponent(currency);
  if (!exp) return bad("has an unknown currency '" + std::string(currency) + "'");
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || static_cast<int>(frac.size()) > *exp) {
    return bad("is not an amount with at most " + std::to_string(*exp) + " decimals");
  }
  auto w = ParseInt(whole);
  // from_chars takes a sign: "-0.50" would read as 0 whole and 50 cents.
  if (!w.ok() || whole[0] == '-' || *w > 1'000'000'000) return bad("is not an amount");
  int64_t minor = *w;
  for (int i = 0; i < *exp; ++i) minor *= 10;
  int64_t scale = 1;
  for (size_t i = frac.size(); i < static_cast<size_t>(*exp); ++i) scale *= 10;
  if (!frac.empty()) {
    auto f = ParseInt(frac);
    if (!f.ok() || frac[0] == '-' || frac[0] == '+') return bad("is not an amount");
    minor += *f * scale;
  }
  return minor;
}

base::Result<std::vector<rules::Deal>> ParseCatalogJson(std::string_view text, int64_t now) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return base::Status::InvalidArgument("bad_catalog", "the catalog is not valid JSON");
  }
  if (!j.is_object() || !j.contains("deals") || !j["deals"].is_array()) {
    return base::Status::InvalidArgument("bad_catalog", "the catalog must be {\"deals\": [...]}");
  }
  std::vector<rules::Deal> deals;
  for (size_t i = 0; i < j["deals"].size(); ++i) {
    json d = j["deals"][i];
    const std::string where = "deals[" + std::to_string(i) + "]";
    if (!d.is_object()) return Bad(where, base::Status::InvalidArgument("", "must be an object"));
    for (const char* key : kTimeKeys) {
      if (d.contains(key) && d[key].is_string()) {
        auto t = ParseCatalogTime(d[key].get<std::string>(), now);
        if (!t.ok()) return Bad(where + "." + key, t.status());
        d[key] = *t;
      }
    }
    auto deal = rules::DealFromJson(d);
    if (!deal.ok()) return Bad(where, deal.status());
    deals.push_back(std::move(deal).value());
  }
  GB_RETURN_IF_ERROR(CheckUnique(deals));
  return deals;
}

base::Result<std::vector<rules::Deal>> ParseCatalogCsv(std::string_view text, int64_t now) {
  GB_ASSIGN_OR_RETURN(std::vector<rules::Deal> deals, DealsFromCsv(text, now));
  GB_RETURN_IF_ERROR(CheckUnique(deals));
  return deals;
}

base::Result<std::vector<rules::Deal>> ReadCatalogFile(const std::string& path, int64_t now) {
  GB_ASSIGN_OR_RETURN(std::string text, base::ReadFile(path));
  if (path.ends_with(".json")) return ParseCatalogJson(text, now);
  if (path.ends_with(".csv")) return ParseCatalogCsv(text, now);
  return base::Status::InvalidArgument("bad_catalog",
                                       path + ": a catalog is a .json or a .csv file");
}

}  // namespace gb::config
