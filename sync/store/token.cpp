#include "sync/store/token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <vector>

#include "core/base/hex.h"

namespace gb::store {

base::Result<std::string> NewToken() {
  std::vector<uint8_t> buf(32);
  if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1) {
    return base::Status::Internal("no_randomness", "the system gave no random bytes");
  }
  return base::ToHex(buf);
}

Digest Sha256(std::string_view data) {
  Digest d{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d.data());
  return d;
}

bool SameDigest(const Digest& a, const Digest& b) {
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gb::store
