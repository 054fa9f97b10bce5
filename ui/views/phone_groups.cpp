#include "ui/views/phone_groups.h"

#include <algorithm>

namespace gb::views {
namespace {

// How many digits the E.164 country code at the start of `digits` has:
// 1 for zone 1 (North America) and 7 (Russia, Kazakhstan); 2 for the
// two-digit codes assigned in zones 2 to 9; 3 for the rest.
std::size_t CountryCodeLength(std::string_view digits) {
  if (digits.empty()) return 0;
  if (digits[0] == '1' || digits[0] == '7') return 1;
  if (digits.size() < 2) return digits.size();
  static constexpr std::string_view kTwoDigit[] = {
      "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
      "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
      "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
      "95", "98"};
  const std::string_view two = digits.substr(0, 2);
  const bool is_two = std::find(std::begin(kTwoDigit), std::end(kTwoDigit), two) !=
                      std::end(kTwoDigit);
  return std::min<std::size_t>(is_two ? 2 : 3, digits.size());
}

// National digits: up to 4 stay together; otherwise a group of 3 first,
// and the rest: 5 or 6 as 3 + the rest, 7 as 3 + 4, 8 as 4 + 4, more
// again from the front in 3s.
void AppendGroups(std::string& out, std::string_view digits) {
  while (!digits.empty()) {
    std::size_t take = digits.size();
    if (digits.size() > 4) take = digits.size() == 8 ? 4 : 3;
    if (!out.empty() && out.back() != '+') out += ' ';
    out += digits.substr(0, take);
    digits.remove_prefix(take);
  }
}

}  // namespace

std::string GroupedPhone(std::string_view typed) {
  const bool plus = typed.starts_with('+');
  const std::string_view digits = plus ? typed.substr(1) : typed;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(typed);
  }
  std::string out = plus ? "+" : "";
  std::string_view rest = digits;
  if (plus) {
    const std::size_t cc = CountryCodeLength(rest);
    out += rest.substr(0, cc);
    rest.remove_prefix(cc);
  }
  AppendGroups(out, rest);
  return out;
}

}  // namespace gb::views
