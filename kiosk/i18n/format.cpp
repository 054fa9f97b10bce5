// Catalog's number, money and date formatting: the patterns and names come
// from the catalog, the arithmetic is here.
#include <chrono>
#include <cstdlib>

#include "core/rules/money.h"
#include "kiosk/i18n/catalog.h"

namespace gb::i18n {
namespace {

std::string TwoDigits(int64_t v) {
  return (v < 10 ? "0" : "") + std::to_string(v);
}

}  // namespace

std::string Catalog::Grouped(int64_t whole) const {
  std::string digits = std::to_string(whole);
  std::string sep = Text("format.group");
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string Catalog::Money(int64_t minor, std::string_view currency) const {
  int exp = rules::CurrencyExponent(currency).value_or(2);
  int64_t scale = 1;
  for (int i = 0; i < exp; ++i) scale *= 10;
  bool negative = minor < 0;
  int64_t abs = negative ? -minor : minor;
  std::string amount = Grouped(abs / scale);
  if (exp > 0) {
    std::string frac = std::to_string(abs % scale);
    amount += Text("format.decimal") + std::string(static_cast<size_t>(exp) - frac.size(), '0') + frac;
  }
  if (negative) amount = "-" + amount;
  std::string sym_key = "currency." + std::string(currency);
  std::string sym = Has(sym_key) || (fallback_ && fallback_->Has(sym_key)) ? Text(sym_key)
                                                                         : std::string(currency);
  return Text("format.money", {{"sym", sym}, {"amount", amount}});
}

std::string Catalog::Percent(int64_t bp) const {
  std::string n = std::to_string(bp / 100);
  int64_t frac = bp % 100;
  if (frac != 0) {
    std::string f = TwoDigits(frac);
    if (f.back() == '0') f.pop_back();
    n += Text("format.decimal") + f;
  }
  return Text("format.percent", {{"n", n}});
}

std::string Catalog::DateTime(int64_t unix_seconds, int utc_offset_minutes) const {
  using namespace std::chrono;
  sys_seconds t{seconds{unix_seconds + int64_t{utc_offset_minutes} * 60}};
  sys_days day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss hms{t - day};
  weekday wd{day};
  return Text("format.datetime",
              {{"wd", Text("weekday." + std::to_string(wd.c_encoding()))},
               {"d", std::to_string(unsigned{ymd.day()})},
               {"m", std::to_string(unsigned{ymd.month()})},
               {"mon", Text("month." + std::to_string(unsigned{ymd.month()}))},
               {"yyyy", std::to_string(int{ymd.year()})},
               {"HH", TwoDigits(hms.hours().count())},
               {"MM", TwoDigits(hms.minutes().count())}});
}

std::string Catalog::Date(int64_t unix_seconds, int utc_offset_minutes) const {
  using namespace std::chrono;
  sys_days day = floor<days>(sys_seconds{seconds{unix_seconds + int64_t{utc_offset_minutes} * 60}});
  year_month_day ymd{day};
  return Text("format.date", {{"d", std::to_string(unsigned{ymd.day()})},
                              {"m", std::to_string(unsigned{ymd.month()})},
                              {"mon", Text("month." + std::to_string(unsigned{ymd.month()}))},
                              {"yyyy", std::to_string(int{ymd.year()})}});
}

}  // namespace gb::i18n
