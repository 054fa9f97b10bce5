// Enrolment codes: what an installer scans (or types) on a new kiosk so it
// can find and trust its store server, and prove it was invited.
//
//   GBE1:<Base32 of the body>          (RFC 4648 alphabet A-Z 2-7, no padding)
//
// body, big-endian:
//   u8   version = 1
//   u64  expires_at     Unix seconds; the server enforces it, the kiosk only
//                       uses it to say "expired" without asking
//   u16  port
//   u8   host length (1..253), then the host (ASCII, no spaces)
//   32   SHA-256 fingerprint of the server's TLS certificate (DER)
//   16   one-time secret (the server keeps only its SHA-256)
//   4    check: the first 4 bytes of SHA-256 of everything before it
//
// Base32 letters are all in the QR alphanumeric set and have no space, so
// the code survives QR codes, copy and paste, and typing on the kiosk's
// keyboard (lower case is accepted; the check catches typos before any
// network traffic). Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::protocol {

inline constexpr std::string_view kEnrollCodePrefix = "GBE1:";

struct EnrollCode {
  int64_t expires_at = 0;
  std::string host;
  uint16_t port = 0;
  std::array<uint8_t, 32> cert_sha256{};
  std::array<uint8_t, 16> secret{};

  bool operator==(const EnrollCode&) const = default;
};

// REQUIRES: host is 1..253 printable ASCII characters without spaces, port > 0,
// expires_at >= 0 (checked: InvalidArgument "bad_enroll_code" otherwise).
base::Result<std::string> EncodeEnrollCode(const EnrollCode& code);

// Every failure is InvalidArgument, reason "bad_enroll_code", with a message
// naming the problem: the prefix, a character that is not Base32 (and its
// position), the length, the version, a check mismatch ("mistyped or
// damaged"), or a field out of range. Surrounding whitespace is ignored.
base::Result<EnrollCode> DecodeEnrollCode(std::string_view text);

}  // namespace gb::protocol
