#include "core/voucher/ed25519.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "core/base/file_util.h"

namespace gb::voucher {
namespace {

using base::Result;
using base::Status;

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
struct EvpPkeyFree {
  void operator()(EVP_PKEY* pkey) const { EVP_PKEY_free(pkey); }
};
using OwnedPkey = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// Operations on a key that OpenSSL already accepted fail only when memory runs
// out. Their callers promise a value, and a half-written PEM or an empty
// signature must never pass for a real one, so the process stops instead.
[[noreturn]] void Die(std::string_view op) {
  std::fprintf(stderr, "fatal: %s\n", OpenSslError(op).ToString().c_str());
  std::abort();
}

// Without a callback OpenSSL would prompt on the terminal for the passphrase of
// an encrypted key; a kiosk has nobody to answer, so encrypted keys just fail.
int NoPassphrase(char*, int, int, void*) { return 0; }

Result<BioPtr> ReadBio(std::string_view pem) {
  if (pem.size() > INT_MAX) return Status::InvalidArgument("bad_key", "the PEM text is too large");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return OpenSslError("BIO_new_mem_buf");
  return bio;
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  if (len < 0 || data == nullptr) Die("BIO_get_mem_data");
  return std::string(data, static_cast<size_t>(len));
}

Status BadKey(std::string_view what, std::string_view op) {
  std::string detail = OpenSslError(op).message();
  return Status::InvalidArgument("bad_key", std::string(what) + " (" + detail + ")");
}

// A key of another type (RSA, EC, X25519, Ed448) parses fine; only its type tells.
bool IsEd25519(const EVP_PKEY* pkey) { return EVP_PKEY_is_a(pkey, "ED25519") == 1; }

}  // namespace

Status OpenSslError(std::string_view op) {
  unsigned long err = ERR_get_error();
  std::string detail = "no error recorded by OpenSSL";
  if (err != 0) {
    char buf[256];
    ERR_error_string_n(err, buf, sizeof buf);
    detail = buf;
  }
  // Errors left behind would be blamed on the next, unrelated call.
  ERR_clear_error();
  return Status::Internal("openssl", std::string(op) + ": " + detail);
}

// ---- PublicKey ----

Result<PublicKey> PublicKey::FromPem(std::string_view pem) {
  GB_ASSIGN_OR_RETURN(BioPtr bio, ReadBio(pem));
  OwnedPkey pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!pkey) return BadKey("not a SubjectPublicKeyInfo PEM public key", "PEM_read_bio_PUBKEY");
  if (!IsEd25519(pkey.get())) {
    return Status::InvalidArgument(
        "bad_key",
        std::string("the public key is ") + EVP_PKEY_get0_type_name(pkey.get()) + ", not ED25519");
  }
  std::array<uint8_t, kEd25519KeySize> raw{};
  size_t len = raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey.get(), raw.data(), &len) != 1 || len != raw.size()) {
    return OpenSslError("EVP_PKEY_get_raw_public_key");
  }
  return PublicKey(raw);
}

Result<PublicKey> PublicKey::FromPemFile(const std::string& path) {
  GB_ASSIGN_OR_RETURN(std::string pem, base::ReadFile(path));
  auto key = FromPem(pem);
  if (!key.ok()) return key.status().WithContext(path);
  return key;
}

PublicKey PublicKey::FromRaw(std::span<const uint8_t, kEd25519KeySize> raw) {
  std::array<uint8_t, kEd25519KeySize> copy{};
  std::copy(raw.begin(), raw.end(), copy.begin());
  return PublicKey(copy);
}

std::string PublicKey::Pem() const {
  OwnedPkey pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw_.data(), raw_.size()));
  if (!pkey) Die("EVP_PKEY_new_raw_public_key");
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey.get()) != 1) Die("PEM_write_bio_PUBKEY");
  return BioText(bio.get());
}

bool PublicKey::Verify(std::span<const uint8_t> msg,
                       std::span<const uint8_t, kEd25519SignatureSize> sig) const {
  OwnedPkey pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw_.data(), raw_.size()));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  // Ed25519 is "pure": no separate digest, the whole message goes to DigestVerify.
  bool ok = pkey && ctx &&
            EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) == 1 &&
            EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), msg.data(), msg.size()) == 1;
  // OpenSSL does not promise an empty queue after a refusal; a refusal is not news.
  if (!ok) ERR_clear_error();
  return ok;
}

// ---- SigningKey ----

void SigningKey::PkeyFree::operator()(evp_pkey_st* pkey) const { EVP_PKEY_free(pkey); }

Result<SigningKey> SigningKey::Adopt(evp_pkey_st* pkey, std::string_view op) {
  if (pkey == nullptr) return OpenSslError(op);
  return SigningKey(PkeyPtr(pkey));
}

Result<SigningKey> SigningKey::Generate() {
  return Adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), "EVP_PKEY_Q_keygen");
}

Result<SigningKey> SigningKey::FromSeed(std::span<const uint8_t, kEd25519KeySize> seed) {
  return Adopt(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()),
               "EVP_PKEY_new_raw_private_key");
}

Result<SigningKey> SigningKey::FromPem(std::string_view pem) {
  GB_ASSIGN_OR_RETURN(BioPtr bio, ReadBio(pem));
  PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
  if (!pkey) {
    return BadKey("not an unencrypted PKCS#8 PEM private key", "PEM_read_bio_PrivateKey");
  }
  if (!IsEd25519(pkey.get())) {
    return Status::InvalidArgument(
        "bad_key",
        std::string("the private key is ") + EVP_PKEY_get0_type_name(pkey.get()) + ", not ED25519");
  }
  return SigningKey(std::move(pkey));
}

Result<SigningKey> SigningKey::FromPemFile(const std::string& path) {
  GB_RETURN_IF_ERROR(base::CheckSecretMode(path));
  GB_ASSIGN_OR_RETURN(std::string pem, base::ReadFile(path));
  auto key = FromPem(pem);
  OPENSSL_cleanse(pem.data(), pem.size());  // the secret should not outlive its use
  if (!key.ok()) return key.status().WithContext(path);
  return key;
}

std::string SigningKey::PrivatePem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    Die("PEM_write_bio_PrivateKey");
  }
  return BioText(bio.get());
}

PublicKey SigningKey::Public() const {
  std::array<uint8_t, kEd25519KeySize> raw{};
  size_t len = raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey_.get(), raw.data(), &len) != 1 || len != raw.size()) {
    Die("EVP_PKEY_get_raw_public_key");
  }
  return PublicKey::FromRaw(raw);
}

std::array<uint8_t, kEd25519SignatureSize> SigningKey::Sign(std::span<const uint8_t> msg) const {
  std::array<uint8_t, kEd25519SignatureSize> sig{};
  size_t len = sig.size();
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig.data(), &len, msg.data(), msg.size()) != 1 ||
      len != sig.size()) {
    Die("EVP_DigestSign");
  }
  return sig;
}

}  // namespace gb::voucher
