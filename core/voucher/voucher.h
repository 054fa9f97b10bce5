// The GB1 voucher: its protocol constants and its 34-byte signed body.
//
// The byte layout is specified in docs/voucher-format.md (and
// shared/notes/voucher-gb1.md); this header is its single source in code.
// Everything here is a pure value type: thread-compatible, no I/O.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace gb::voucher {

inline constexpr std::string_view kPrefix = "GB1:";
inline constexpr size_t kBodySize = 34;
inline constexpr size_t kSignatureSize = 64;
inline constexpr size_t kVoucherSize = kBodySize + kSignatureSize;  // 98 decoded bytes
// "GB1:" + 147 Base45 characters: a version 6 QR code (41 modules) at level M.
inline constexpr size_t kTextSize = kPrefix.size() + kVoucherSize / 2 * 3;
inline constexpr uint8_t kVersion = 1;
inline constexpr uint8_t kFlagOffline =
    1;  // bit 0 of Body::flags; the other bits are 0 in version 1

// The signed fields, in wire order. Integers are big-endian on the wire.
struct Body {
  uint8_t version = kVersion;
  uint32_t key_id = 0;  // the issuing kiosk's key id (KeyRing)
  uint32_t deal_id = 0;
  uint64_t serial = 0;                  // per key_id, strictly increasing, never reused
  uint32_t issued_at = 0;               // Unix seconds, UTC
  uint32_t price_minor = 0;             // the most the shopper pays, in minor units
  std::array<uint8_t, 8> terms_hash{};  // TermsHash() of the deal's canonical terms
  uint8_t flags = 0;

  bool offline() const { return (flags & kFlagOffline) != 0; }
  bool operator==(const Body&) const = default;
};

// A decoded voucher. Parse() fills it without checking the signature; only a
// Voucher returned by Verify() is known to be genuine.
struct Voucher {
  Body body;
  std::array<uint8_t, kSignatureSize> signature{};
};

// The 34 signed bytes, exactly as the layout table in docs/voucher-format.md.
std::array<uint8_t, kBodySize> EncodeBody(const Body& body);

// The inverse of EncodeBody; every field is taken as is (checking the version
// is the codec's job). DecodeBody(EncodeBody(b)) == b for every b.
Body DecodeBody(std::span<const uint8_t, kBodySize> bytes);

}  // namespace gb::voucher
