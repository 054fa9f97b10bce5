#include "core/voucher/short_code.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cstdio>
#include <limits>
#include <utility>
#include <vector>

#include "core/voucher/describe.h"

namespace gb::voucher {
namespace {

using base::Status;

// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004):
// being anti-symmetric is what makes every adjacent transposition change the
// result, and being a quasigroup makes every single substitution change it.
constexpr std::array<std::array<uint8_t, 10>, 10> kDamm = {{
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
    {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
    {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
    {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}};

uint8_t DammInterim(std::string_view digits) {
  uint8_t interim = 0;
  for (char c : digits) interim = kDamm[interim][static_cast<size_t>(c - '0')];
  return interim;
}

uint16_t AuthDigits(const Voucher& voucher) {
  return static_cast<uint16_t>(((voucher.signature[0] << 8) | voucher.signature[1]) % 10000);
}

Status BadShape(std::string message) {
  return Status::InvalidArgument("bad_short_code", std::move(message));
}

// One group of digits, without leading zeros, that fits in T.
template <typename T>
base::Result<T> ParseGroup(std::string_view group, std::string_view name) {
  if (group.empty()) return BadShape("the " + std::string(name) + " is missing");
  if (group.size() > 1 && group[0] == '0') {
    return BadShape("the " + std::string(name) + " \"" + std::string(group) +
                    "\" starts with 0; it is written without leading zeros");
  }
  T value = 0;
  auto [end, ec] = std::from_chars(group.data(), group.data() + group.size(), value);
  if (ec == std::errc::result_out_of_range) {
    return BadShape("the " + std::string(name) + " \"" + std::string(group) + "\" is larger than " +
                    std::to_string(std::numeric_limits<T>::max()));
  }
  if (ec != std::errc() || end != group.data() + group.size()) {
    return BadShape("the " + std::string(name) + " \"" + std::string(group) + "\" is not a number");
  }
  return value;
}

}  // namespace

char DammCheckDigit(std::string_view digits) {
  assert(digits.find_first_not_of("0123456789") == std::string_view::npos);
  return static_cast<char>('0' + DammInterim(digits));
}

std::string ShortCode(const Voucher& voucher) {
  char auth[8];
  std::snprintf(auth, sizeof auth, "%04u", static_cast<unsigned>(AuthDigits(voucher)));
  std::string key_id = std::to_string(voucher.body.key_id);
  std::string serial = std::to_string(voucher.body.serial);
  return key_id + "-" + serial + "-" + auth + DammCheckDigit(key_id + serial + auth);
}

base::Result<ShortCodeParts> ParseShortCode(std::string_view text) {
  if (text.find_first_not_of(' ') == std::string_view::npos) {
    return BadShape("the short code is empty");
  }
  std::string compact;  // without the spaces a person may type between groups
  for (char c : text) {
    if (c == ' ') continue;
    if (c != '-' && (c < '0' || c > '9')) {
      return BadShape("a short code holds only digits and hyphens, not the " + DescribeChar(c));
    }
    compact += c;
  }
  std::vector<std::string_view> groups;
  std::string_view rest = compact;
  for (size_t dash = rest.find('-'); dash != std::string_view::npos; dash = rest.find('-')) {
    groups.push_back(rest.substr(0, dash));
    rest.remove_prefix(dash + 1);
  }
  groups.push_back(rest);
  if (groups.size() != 3) {
    return BadShape(
        "a short code has three groups, key-serial-code (like 7-1000-59198); this has " +
        std::to_string(groups.size()));
  }
  ShortCodeParts parts;
  GB_ASSIGN_OR_RETURN(parts.key_id, ParseGroup<uint32_t>(groups[0], "key id"));
  GB_ASSIGN_OR_RETURN(parts.serial, ParseGroup<uint64_t>(groups[1], "serial"));
  std::string_view code = groups[2];
  if (code.size() != 5) {
    return BadShape("the last group must have 5 digits; \"" + std::string(code) + "\" has " +
                    std::to_string(code.size()));
  }
  if (DammInterim(std::string(groups[0]) + std::string(groups[1]) + std::string(code)) != 0) {
    return Status::InvalidArgument("short_code_check",
                                   "the check digit does not match: a digit is mistyped or two "
                                   "neighbouring digits are swapped");
  }
  for (char c : code.substr(0, 4)) parts.auth = static_cast<uint16_t>(parts.auth * 10 + (c - '0'));
  return parts;
}

bool MatchesShortCode(const Voucher& voucher, const ShortCodeParts& parts) {
  return voucher.body.key_id == parts.key_id && voucher.body.serial == parts.serial &&
         AuthDigits(voucher) == parts.auth;
}

}  // namespace gb::voucher
