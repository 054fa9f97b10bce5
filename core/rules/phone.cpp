#include "core/rules/phone.h"

#include <array>
#include <cctype>

namespace gb::rules {
namespace {

struct Country {
  std::string_view iso;
  std::string_view calling_code;
  std::string_view trunk;  // national prefix dropped when the country code is added
  size_t min_national;     // digits after the country code
  size_t max_national;
};

// The markets the kiosk is sold in. Lengths are the national significant
// number ranges from the ITU numbering plans.
constexpr std::array<Country, 14> kCountries{{
    {"US", "1", "1", 10, 10},   {"CA", "1", "1", 10, 10},  {"GB", "44", "0", 9, 10},
    {"DE", "49", "0", 6, 13},   {"FR", "33", "0", 9, 9},   {"NL", "31", "0", 9, 9},
    {"PL", "48", "", 9, 9},     {"RU", "7", "8", 10, 10},  {"KZ", "7", "8", 10, 10},
    {"UA", "380", "0", 9, 9},   {"CN", "86", "0", 9, 11},  {"HK", "852", "", 8, 8},
    {"TW", "886", "0", 8, 9},   {"SG", "65", "", 8, 8},
}};

const Country* Find(std::string_view iso) {
  for (const Country& c : kCountries) {
    if (c.iso == iso) return &c;
  }
  return nullptr;
}

base::Status BadPhone(const std::string& why) {
  return base::Status::InvalidArgument("bad_phone", "phone number " + why);
}

}  // namespace

bool IsKnownCountry(std::string_view country) { return Find(country) != nullptr; }

base::Result<std::string> NormalizePhone(std::string_view typed, std::string_view country) {
  const Country* home = Find(country);
  if (home == nullptr) {
    return base::Status::InvalidArgument("unknown_country",
                                         "no phone plan for country '" + std::string(country) + "'");
  }
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < typed.size(); ++i) {
    char ch = typed[i];
    if (ch == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (std::isdigit(static_cast<unsigned char>(ch))) {
      digits += ch;
    } else if (ch != ' ' && ch != '-' && ch != '.' && ch != '(' && ch != ')') {
      // Never echo the number itself: messages may reach logs.
      return BadPhone("contains a character that is not a digit");
    }
  }
  if (digits.empty()) return BadPhone("is empty");
  std::string e164;
  if (plus) {
    e164 = digits;
  } else if (digits.starts_with("00")) {
    e164 = digits.substr(2);
  } else {
    std::string national = digits;
    // A "0" trunk never begins a significant number; "8" (RU) and "1" (US) can,
    // so those are dropped only when the number is one digit too long without it.
    bool drop_trunk = !home->trunk.empty() && national.starts_with(home->trunk) &&
                      (home->trunk == "0" || national.size() > home->max_national);
    if (drop_trunk) {
      national = national.substr(home->trunk.size());
    }
    if (national.size() < home->min_national) return BadPhone("is too short");
    if (national.size() > home->max_national) return BadPhone("is too long");
    e164 = std::string(home->calling_code) + national;
  }
  if (e164.size() < 8) return BadPhone("is too short");
  if (e164.size() > 15) return BadPhone("is too long");
  if (e164[0] == '0') return BadPhone("has no valid country code");
  return "+" + e164;
}

}  // namespace gb::rules
