#include "kiosk/staff/pin_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <vector>

#include "kiosk/base/hex.h"

namespace gb::staff {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr size_t kSaltSize = 16;
constexpr size_t kHashSize = 32;
// Far above any sensible setting; bounds the work a damaged row can cause.
constexpr int kMaxIterations = 10'000'000;

bool Derive(std::string_view pin, std::span<const uint8_t> salt, int iterations,
            std::array<uint8_t, kHashSize>& out) {
  return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(),
                           static_cast<int>(out.size()), out.data()) == 1;
}

// Splits "a$b$c$d" into exactly four parts.
bool Split4(std::string_view s, std::array<std::string_view, 4>& parts) {
  for (size_t i = 0; i < 3; ++i) {
    size_t cut = s.find('$');
    if (cut == std::string_view::npos) return false;
    parts[i] = s.substr(0, cut);
    s.remove_prefix(cut + 1);
  }
  parts[3] = s;
  return s.find('$') == std::string_view::npos;
}

}  // namespace

base::Status CheckPin(std::string_view pin) {
  bool digits = true;
  for (char c : pin) digits = digits && c >= '0' && c <= '9';
  if (pin.size() < 4 || pin.size() > 8 || !digits) {
    return base::Status::InvalidArgument("bad_pin", "a PIN is 4 to 8 digits");
  }
  return base::Status::Ok();
}

base::Result<std::string> HashPin(std::string_view pin, int iterations) {
  GB_RETURN_IF_ERROR(CheckPin(pin));
  if (iterations < 1 || iterations > kMaxIterations) {
    return base::Status::InvalidArgument("bad_iterations", "PBKDF2 iterations out of range");
  }
  std::array<uint8_t, kSaltSize> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    return base::Status::Internal("openssl", "RAND_bytes failed to make a salt");
  }
  std::array<uint8_t, kHashSize> hash{};
  if (!Derive(pin, salt, iterations, hash)) {
    return base::Status::Internal("openssl", "PKCS5_PBKDF2_HMAC failed");
  }
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base::ToHex(salt) + "$" +
         base::ToHex(hash);
}

bool VerifyPin(std::string_view pin, std::string_view encoded) {
  if (!CheckPin(pin).ok()) return false;
  std::array<std::string_view, 4> parts;
  if (!Split4(encoded, parts) || parts[0] != kScheme) return false;
  int iterations = 0;
  auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
  if (ec != std::errc() || end != parts[1].data() + parts[1].size() || iterations < 1 ||
      iterations > kMaxIterations) {
    return false;
  }
  auto salt = base::FromHex(parts[2]);
  auto want = base::FromHex(parts[3]);
  if (!salt.ok() || !want.ok() || salt->empty() || want->size() != kHashSize) return false;
  std::array<uint8_t, kHashSize> got{};
  if (!Derive(pin, *salt, iterations, got)) return false;
  return CRYPTO_memcmp(got.data(), want->data(), kHashSize) == 0;
}

}  // namespace gb::staff
