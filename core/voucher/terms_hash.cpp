#include "core/voucher/terms_hash.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/voucher/ed25519.h"
#include "core/voucher/voucher.h"

namespace gb::voucher {

static_assert(kTermsHashSize == std::tuple_size_v<decltype(Body::terms_hash)>);

std::array<uint8_t, kTermsHashSize> TermsHash(std::string_view canonical_terms) {
  std::array<uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  if (EVP_Digest(canonical_terms.data(), canonical_terms.size(), digest.data(), &len, EVP_sha256(),
                 nullptr) != 1 ||
      len < kTermsHashSize) {
    // SHA-256 over memory fails only when OpenSSL cannot allocate or is
    // broken; a made-up hash would bind vouchers to terms nobody agreed to.
    std::fprintf(stderr, "fatal: %s\n", OpenSslError("EVP_Digest(SHA-256)").ToString().c_str());
    std::abort();
  }
  std::array<uint8_t, kTermsHashSize> out{};
  std::copy_n(digest.begin(), kTermsHashSize, out.begin());
  return out;
}

}  // namespace gb::voucher
