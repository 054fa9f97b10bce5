// Base45 (RFC 9285): the text encoding of a GB1 voucher.
//
// Base45 maps bytes onto the 45 characters of the QR code alphanumeric mode
// ("0-9", "A-Z", space and "$%*+-./:"), so a QR code can store the voucher in
// alphanumeric mode at 5.5 bits per character. Every 2 bytes become 3
// characters and a trailing single byte becomes 2 characters.
//
// Decoding is strict and canonical: for every input that decodes,
// Base45Encode(Base45Decode(text)) == text. Both functions are pure and
// thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace gb::voucher {

// The 45 characters, in value order: kBase45Alphabet[v] encodes the digit v.
inline constexpr std::string_view kBase45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

// Returns 3 characters per 2 bytes, plus 2 for a trailing odd byte.
std::string Base45Encode(std::span<const uint8_t> bytes);

// Decodes RFC 9285 Base45. Fails with reason
//   "bad_base45"        a character outside the alphabet (the message names the
//                       character and its 0-based position), or a length that
//                       leaves a single character after the last full triple;
//   "bad_base45_triple" a triple whose value exceeds 65535, or a final pair whose
//                       value exceeds 255 (the message names its position).
// Characters are checked before the length, the length before the values.
base::Result<std::vector<uint8_t>> Base45Decode(std::string_view text);

}  // namespace gb::voucher
