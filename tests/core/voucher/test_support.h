// Shared by the voucher tests: the documented test vectors and a temp folder.
//
// The vectors are the ones in docs/voucher-format.md; voucher_format_doc_test
// checks that every literal here appears there verbatim, so the two cannot drift.
#pragma once

#include "core/base/hex.h"
#include "tests/support/scoped_temp_dir.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "core/voucher/voucher.h"

namespace gb::voucher::test {

// The canonical terms example of docs/voucher-format.md, and its TermsHash.
inline constexpr std::string_view kExampleTerms =
    "GB1-TERMS/1\n"
    "deal_id=42\n"
    "currency=EUR\n"
    "tiers=10:59900,20:54900,50:49900\n"
    "cap=0\n"
    "per_shopper=1\n"
    "stop_at=1767225600\n"
    "deadline=1767312000\n"
    "redeem_by=1769904000\n"
    "fee_bp=250\n"
    "deposit=none\n"
    "deposit_within=0\n";
inline constexpr std::string_view kExampleTermsHashHex = "2b066a4e0d672a3b";

// A second example with a cap and a deposit, for core/rules' serializer.
inline constexpr std::string_view kDepositTerms =
    "GB1-TERMS/1\n"
    "deal_id=7\n"
    "currency=EUR\n"
    "tiers=5:12000,12:9900\n"
    "cap=40\n"
    "per_shopper=2\n"
    "stop_at=1767225600\n"
    "deadline=1767312000\n"
    "redeem_by=1769904000\n"
    "fee_bp=0\n"
    "deposit=amount:2000\n"
    "deposit_within=86400\n";
inline constexpr std::string_view kDepositTermsHashHex = "907e1525b4aa25d5";

struct Vector {
  std::string_view name;
  std::string_view seed_hex;
  std::string_view private_pem;
  std::string_view public_pem;
  Body body;
  std::string_view body_hex;
  std::string_view text;
  std::string_view short_code;
};

inline constexpr std::array<uint8_t, 8> kExampleTermsHash = {0x2b, 0x06, 0x6a, 0x4e,
                                                             0x0d, 0x67, 0x2a, 0x3b};

inline const std::array<Vector, 3>& Vectors() {
  static const std::array<Vector, 3> kVectors = {{
      {"vector 1 (RFC 8032 test 1 key, online)",
       "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "-----BEGIN PRIVATE KEY-----\n"
       "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
       "-----END PRIVATE KEY-----\n",
       "-----BEGIN PUBLIC KEY-----\n"
       "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
       "-----END PUBLIC KEY-----\n",
       Body{.version = 1,
            .key_id = 1,
            .deal_id = 42,
            .serial = 1,
            .issued_at = 1767000000,
            .price_minor = 59900,
            .terms_hash = kExampleTermsHash,
            .flags = 0},
       "01000000010000002a0000000000000001695247c00000e9fc2b066a4e0d672a3b00",
       "GB1:V50000V50000.D50000000001803IACCO850P*VM 01*9+1DTK7G40-TG/FDKCN*HFV9DLDUEQDIN2CY91H0"
       "JCCWIA1H86FA0 3ZJSP/BSUL%JLTXVFK7FJE8PIE*LQDO6-JW:VZFP66C XS8VR",
       "1-1-01967"},
      {"vector 2 (seed 00..1f, issued offline)",
       "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
       "-----BEGIN PRIVATE KEY-----\n"
       "MC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f\n"
       "-----END PRIVATE KEY-----\n",
       "-----BEGIN PUBLIC KEY-----\n"
       "MCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\n"
       "-----END PUBLIC KEY-----\n",
       Body{.version = 1,
            .key_id = 7,
            .deal_id = 42,
            .serial = 1000,
            .issued_at = 1767100000,
            .price_minor = 54900,
            .terms_hash = kExampleTermsHash,
            .flags = kFlagOffline},
       "01000000070000002a00000000000003e86953ce600000d6742b066a4e0d672a3b01",
       "GB1:V50000$*0000.D50000003007HTYQA66CY40*UEM 01*9+1DUK7:ZC*-GD6H./V/75J.0JF6W9L8%2EWQQ00"
       "/YBTZ2V:0.K0O 9AHP3F6Q/T-HLG4LFZV$5J3Q5P:DH.8SU95O919A4HJMFV%5M",
       "7-1000-59198"},
      {"vector 3 (RFC 8032 test 2 key, every field at its maximum)",
       "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "-----BEGIN PRIVATE KEY-----\n"
       "MC4CAQAwBQYDK2VwBCIEIEzNCJso/5banbbDRuwRTg9bijGfNaumJNqM9u1PuKb7\n"
       "-----END PRIVATE KEY-----\n",
       "-----BEGIN PUBLIC KEY-----\n"
       "MCowBQYDK2VwAyEAPUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=\n"
       "-----END PUBLIC KEY-----\n",
       Body{.version = 1,
            .key_id = 4294967295u,
            .deal_id = 4294967295u,
            .serial = 18446744073709551615ull,
            .issued_at = 4294967295u,
            .price_minor = 4294967295u,
            .terms_hash = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
            .flags = kFlagOffline},
       "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff01",
       "GB1:GB0FGWFGWFGWFGWFGWFGWFGWFGWFGWFGWFGWFGWFGWFGWFGWVAWAKQKBS-G50%3OFA/ HZ9B4HACPB:JDLX"
       "H/0D3XO*3WT4C5+OA2PZMH$:EMMFMKNNS6LR8+GL0WR52FAMQ:56CSR8M30UM%%K",
       "4294967295-18446744073709551615-35603"},
  }};
  return kVectors;
}

inline std::string Hex(std::span<const uint8_t> bytes) { return base::ToHex(bytes); }

// REQUIRES: hex has exactly 2*N lower-case hex digits.
template <size_t N>
std::array<uint8_t, N> FromHex(std::string_view hex) {
  std::array<uint8_t, N> out{};
  auto nibble = [](char c) { return static_cast<uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10); };
  for (size_t i = 0; i < N; ++i) {
    out[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return out;
}

using ::gb::test::ScopedTempDir;

}  // namespace gb::voucher::test
