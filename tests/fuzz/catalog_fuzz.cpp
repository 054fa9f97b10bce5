// libFuzzer harness for catalog import (kiosk/config/catalog.h): the JSON and
// CSV catalogs an installer hands to `groupbuy-provision`, and the money and
// time fields inside them. Every input goes through all four parsers.
// Properties besides crashes and sanitizer findings:
//   - every refusal is InvalidArgument with a reason and a message;
//   - every imported deal validates and survives DealToJson/DealFromJson;
//   - money is digits with at most the currency's decimals, never negative,
//     and reads back from its own canonical text to the same minor units;
//   - a relative time stays within ten years of now.
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/rules/deal_json.h"
#include "core/rules/money.h"
#include "kiosk/config/catalog.h"

namespace {

using namespace gb;

constexpr int64_t kNow = 1'767'225'600;  // 2026-01-01
constexpr int64_t kTenYears = 3650L * 86400;

void Check(bool property) {
  if (!property) std::abort();
}

void CheckRefusal(const base::Status& s) {
  Check(s.code() == base::Code::kInvalidArgument);
  Check(!s.reason().empty() && !s.message().empty());
}

void CheckDeals(const base::Result<std::vector<rules::Deal>>& deals) {
  if (!deals.ok()) return CheckRefusal(deals.status());
  Check(!deals->empty());
  for (const rules::Deal& d : *deals) {
    Check(rules::ValidateDeal(d).ok());
    auto again = rules::DealFromJson(rules::DealToJson(d));
    Check(again.ok() && *again == d);
  }
}

// Minor units as the canonical text ParseMoney reads: "1234.50" for exponent 2.
std::string MoneyText(int64_t minor, int exp) {
  std::string digits = std::to_string(minor);
  if (exp == 0) return digits;
  if (digits.size() <= static_cast<size_t>(exp)) {
    digits.insert(0, static_cast<size_t>(exp) + 1 - digits.size(), '0');
  }
  digits.insert(digits.size() - static_cast<size_t>(exp), ".");
  return digits;
}

void CheckMoney(std::string_view text, std::string_view currency) {
  auto m = config::ParseMoney(text, currency);
  if (!m.ok()) return CheckRefusal(m.status());
  const int exp = *rules::CurrencyExponent(currency);
  Check(*m >= 0);
  // Only digits and one dot: no sign, no space, no exponent.
  size_t dots = 0;
  for (char c : text) {
    Check((c >= '0' && c <= '9') || c == '.');
    dots += c == '.';
  }
  Check(dots <= 1);
  auto again = config::ParseMoney(MoneyText(*m, exp), currency);
  Check(again.ok() && *again == *m);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  CheckDeals(config::ParseCatalogJson(text, kNow));
  CheckDeals(config::ParseCatalogCsv(text, kNow));

  // Money and times are short; longer inputs only slow the run down.
  if (size <= 64) {
    for (std::string_view currency : {"EUR", "JPY"}) CheckMoney(text, currency);
    auto t = config::ParseCatalogTime(text, kNow);
    if (t.ok()) {
      if (text[0] == '+' || text[0] == '-') {
        Check(*t >= kNow - kTenYears && *t <= kNow + kTenYears);
      } else {
        Check(*t >= 0);
      }
    } else {
      CheckRefusal(t.status());
    }
  }
  return 0;
}
