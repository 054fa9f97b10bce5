#include "core/pin/pin_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <span>
#include <vector>

#include "core/base/hex.h"

namespace gb::pin {
namespace {

constexpr std::string_view kScrypt = "scrypt";
constexpr std::string_view kPbkdf2 = "pbkdf2-sha256";
constexpr size_t kSaltSize = 16;
constexpr size_t kHashSize = 32;
// A stored salt may be shorter or longer than ours, within reason.
constexpr size_t kMinSalt = 8;
constexpr size_t kMaxSalt = 64;
// Far above any sensible setting; bounds the work a damaged row can cause.
constexpr uint64_t kMaxPbkdf2Iterations = 10'000'000;
constexpr uint64_t kMaxScryptN = uint64_t{1} << 20;
constexpr uint64_t kMaxScryptR = 32;
constexpr uint64_t kMaxScryptP = 16;
constexpr uint64_t kMaxScryptRN = uint64_t{1} << 21;  // 128 * r * N <= 256 MiB
// More parts than any scheme has: a longer text is refused without splitting on.
constexpr size_t kMaxParts = 6;

using Key = std::array<uint8_t, kHashSize>;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The whole of `s` as a decimal number; no sign, no spaces, no overflow.
bool ParseNumber(std::string_view s, uint64_t& out) {
  if (s.empty() || !AllDigits(s)) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// "a$b$c" split on '$'; false for more than kMaxParts parts.
bool Split(std::string_view s, std::vector<std::string_view>& parts) {
  parts.clear();
  for (;;) {
    if (parts.size() == kMaxParts) return false;
    size_t cut = s.find('$');
    parts.push_back(s.substr(0, cut));
    if (cut == std::string_view::npos) return true;
    s.remove_prefix(cut + 1);
  }
}

bool DeriveScrypt(std::string_view pin, std::span<const uint8_t> salt, const ScryptParams& c,
                  Key& out) {
  // OpenSSL's scrypt refuses to use more than `maxmem` bytes, 32 MiB unless
  // told: B (128 r p) plus V (128 r (N + 2)), with room to spare. The bounds
  // of CheckScryptParams keep this from overflowing.
  const uint64_t maxmem = 128 * c.r * (c.n + c.p + 2) + (uint64_t{1} << 20);
  return EVP_PBE_scrypt(pin.data(), pin.size(), salt.data(), salt.size(), c.n, c.r, c.p, maxmem,
                        out.data(), out.size()) == 1;
}

bool DerivePbkdf2(std::string_view pin, std::span<const uint8_t> salt, int iterations, Key& out) {
  return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(),
                           static_cast<int>(out.size()), out.data()) == 1;
}

// Salt and expected key from their hex parts, within bounds.
bool ParseSaltAndKey(std::string_view salt_hex, std::string_view key_hex,
                     std::vector<uint8_t>& salt, std::vector<uint8_t>& key) {
  if (salt_hex.size() > 2 * kMaxSalt || key_hex.size() != 2 * kHashSize) return false;
  auto s = base::FromHex(salt_hex);
  auto k = base::FromHex(key_hex);
  if (!s.ok() || !k.ok() || s->size() < kMinSalt) return false;
  salt = std::move(s).value();
  key = std::move(k).value();
  return true;
}

bool Matches(const Key& got, const std::vector<uint8_t>& want) {
  return want.size() == kHashSize && CRYPTO_memcmp(got.data(), want.data(), kHashSize) == 0;
}

// True when `pin` has the shape of any PIN ever stored: 4..12 digits.
bool IsStoredPinShape(std::string_view pin) {
  return pin.size() >= kMinStoredPinDigits && pin.size() <= kMaxPinDigits && AllDigits(pin);
}

bool VerifyScrypt(std::string_view pin, const std::vector<std::string_view>& parts) {
  if (parts.size() != 6) return false;
  ScryptParams c;
  if (!ParseNumber(parts[1], c.n) || !ParseNumber(parts[2], c.r) || !ParseNumber(parts[3], c.p) ||
      !CheckScryptParams(c).ok()) {
    return false;
  }
  std::vector<uint8_t> salt, want;
  if (!ParseSaltAndKey(parts[4], parts[5], salt, want)) return false;
  Key got{};
  return DeriveScrypt(pin, salt, c, got) && Matches(got, want);
}

bool VerifyPbkdf2(std::string_view pin, const std::vector<std::string_view>& parts) {
  if (parts.size() != 4) return false;
  uint64_t iterations = 0;
  if (!ParseNumber(parts[1], iterations) || iterations < 1 || iterations > kMaxPbkdf2Iterations) {
    return false;
  }
  std::vector<uint8_t> salt, want;
  if (!ParseSaltAndKey(parts[2], parts[3], salt, want)) return false;
  Key got{};
  return DerivePbkdf2(pin, salt, static_cast<int>(iterations), got) && Matches(got, want);
}

}  // namespace

base::Status CheckPin(std::string_view pin) {
  if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits || !AllDigits(pin)) {
    return base::Status::InvalidArgument(
        "bad_pin", "a new PIN is 6 to 12 digits (0-9 only); shorter PINs are no longer accepted");
  }
  return base::Status::Ok();
}

base::Status CheckScryptParams(const ScryptParams& c) {
  const bool power_of_two = c.n >= 2 && (c.n & (c.n - 1)) == 0;
  if (!power_of_two || c.n > kMaxScryptN || c.r < 1 || c.r > kMaxScryptR || c.p < 1 ||
      c.p > kMaxScryptP || c.r * c.n > kMaxScryptRN ||
      // scrypt itself requires N < 2^(16 r), which only r = 1 can break here.
      (c.r == 1 && c.n >= (uint64_t{1} << 16))) {
    return base::Status::InvalidArgument(
        "bad_kdf_params",
        "scrypt needs N a power of two in 2..2^20, r in 1..32, p in 1..16 and r*N <= 2^21");
  }
  return base::Status::Ok();
}

base::Result<std::string> HashPin(std::string_view pin, const ScryptParams& params) {
  GB_RETURN_IF_ERROR(CheckPin(pin));
  GB_RETURN_IF_ERROR(CheckScryptParams(params));
  std::array<uint8_t, kSaltSize> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    return base::Status::Internal("openssl", "RAND_bytes failed to make a salt");
  }
  Key hash{};
  if (!DeriveScrypt(pin, salt, params, hash)) {
    return base::Status::Internal("openssl", "EVP_PBE_scrypt failed");
  }
  return std::string(kScrypt) + "$" + std::to_string(params.n) + "$" + std::to_string(params.r) +
         "$" + std::to_string(params.p) + "$" + base::ToHex(salt) + "$" + base::ToHex(hash);
}

base::Result<std::string> HashPin(std::string_view pin, int log2_n) {
  if (log2_n < 1 || log2_n > 20) {
    GB_RETURN_IF_ERROR(CheckPin(pin));
    return base::Status::InvalidArgument("bad_kdf_params", "scrypt's log2(N) is 1 to 20");
  }
  ScryptParams c = kPinScrypt;
  c.n = uint64_t{1} << log2_n;
  return HashPin(pin, c);
}

bool VerifyPin(std::string_view pin, std::string_view encoded) {
  if (!IsStoredPinShape(pin)) return false;
  std::vector<std::string_view> parts;
  if (!Split(encoded, parts)) return false;
  if (parts[0] == kScrypt) return VerifyScrypt(pin, parts);
  if (parts[0] == kPbkdf2) return VerifyPbkdf2(pin, parts);
  return false;
}

}  // namespace gb::pin
