// TermsHash: the 8 bytes of a voucher that pin the deal terms the shopper saw.
//
// The input is the deal's canonical terms text, "GB1-TERMS/1", defined byte
// for byte in docs/voucher-format.md and produced by core/rules. This function
// does not check that text: any change to it, even one space, gives another
// hash, which is the point. Pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace gb::voucher {

inline constexpr size_t kTermsHashSize = 8;

// The first 8 bytes of SHA-256(canonical_terms).
std::array<uint8_t, kTermsHashSize> TermsHash(std::string_view canonical_terms);

}  // namespace gb::voucher
