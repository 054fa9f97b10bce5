#include "core/voucher/base45.h"

#include <array>

#include "core/voucher/describe.h"

namespace gb::voucher {
namespace {

using base::Status;

constexpr int kInvalid = -1;

constexpr std::array<int, 256> MakeDecodeTable() {
  std::array<int, 256> table{};
  for (int& v : table) v = kInvalid;
  for (size_t i = 0; i < kBase45Alphabet.size(); ++i) {
    table[static_cast<unsigned char>(kBase45Alphabet[i])] = static_cast<int>(i);
  }
  return table;
}

constexpr std::array<int, 256> kDecode = MakeDecodeTable();

Status BadChar(std::string_view text, size_t pos) {
  std::string message = DescribeChar(text[pos]) + " at position " + std::to_string(pos) +
                        " is outside the Base45 alphabet";
  // The likeliest cause is a scanner or a person that changed the case.
  if (text[pos] >= 'a' && text[pos] <= 'z') message += " (Base45 uses upper-case letters only)";
  return Status::InvalidArgument("bad_base45", message);
}

}  // namespace

std::string Base45Encode(std::span<const uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() / 2 * 3 + 2);
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    unsigned n = bytes[i] * 256u + bytes[i + 1];
    out += kBase45Alphabet[n % 45];
    out += kBase45Alphabet[n / 45 % 45];
    out += kBase45Alphabet[n / (45 * 45)];
  }
  if (i < bytes.size()) {
    unsigned n = bytes[i];
    out += kBase45Alphabet[n % 45];
    out += kBase45Alphabet[n / 45];
  }
  return out;
}

base::Result<std::vector<uint8_t>> Base45Decode(std::string_view text) {
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (kDecode[static_cast<unsigned char>(text[pos])] == kInvalid) return BadChar(text, pos);
  }
  if (text.size() % 3 == 1) {
    return Status::InvalidArgument(
        "bad_base45", "length " + std::to_string(text.size()) +
                          " is impossible for Base45: a single character is left after the last "
                          "group of three");
  }
  auto digit = [&](size_t pos) {
    return static_cast<unsigned>(kDecode[static_cast<unsigned char>(text[pos])]);
  };
  std::vector<uint8_t> out;
  out.reserve(text.size() / 3 * 2 + 1);
  size_t pos = 0;
  for (; pos + 3 <= text.size(); pos += 3) {
    unsigned n = digit(pos) + digit(pos + 1) * 45 + digit(pos + 2) * 45 * 45;
    if (n > 0xFFFF) {
      return Status::InvalidArgument(
          "bad_base45_triple", "the triple \"" + std::string(text.substr(pos, 3)) +
                                   "\" at position " + std::to_string(pos) + " has the value " +
                                   std::to_string(n) + ", over the maximum 65535");
    }
    out.push_back(static_cast<uint8_t>(n >> 8));
    out.push_back(static_cast<uint8_t>(n & 0xFF));
  }
  if (pos < text.size()) {
    unsigned n = digit(pos) + digit(pos + 1) * 45;
    if (n > 0xFF) {
      return Status::InvalidArgument(
          "bad_base45_triple", "the final pair \"" + std::string(text.substr(pos, 2)) +
                                   "\" at position " + std::to_string(pos) + " has the value " +
                                   std::to_string(n) + ", over the maximum 255");
    }
    out.push_back(static_cast<uint8_t>(n));
  }
  return out;
}

}  // namespace gb::voucher
