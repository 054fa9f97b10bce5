// Ed25519 keys (RFC 8032, pure Ed25519) for signing and verifying vouchers.
//
// These are the only files that use OpenSSL's signing API (terms_hash.cpp
// uses EVP for SHA-256 only); OpenSSL's error queue becomes a Status in
// OpenSslError() and nowhere else.
//
// Key files: the private key is PKCS#8 PEM ("BEGIN PRIVATE KEY") and must have
// mode 0600; the public key is SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"),
// so `openssl pkeyutl -verify -pubin -inkey signing.pub -rawin ...` accepts it.
//
// Thread-safety: both classes are immutable after creation; const methods may
// be called from several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/base/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header.

namespace gb::voucher {

inline constexpr size_t kEd25519KeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;

// Drains OpenSSL's error queue of this thread into an Internal Status with
// reason "openssl" whose message names `op` and OpenSSL's first error.
base::Status OpenSslError(std::string_view op);

// A public key: the raw 32 bytes. Copyable value.
class PublicKey {
 public:
  // SubjectPublicKeyInfo PEM. Fails with "bad_key" on anything that is not an
  // Ed25519 public key (garbage, RSA, EC, Ed448, a private key).
  static base::Result<PublicKey> FromPem(std::string_view pem);
  // As FromPem; file errors keep ReadFile's reasons ("file_missing", ...).
  static base::Result<PublicKey> FromPemFile(const std::string& path);
  // Any 32 bytes are accepted: a point that is not on the curve simply never
  // verifies, so there is nothing to fail here.
  static PublicKey FromRaw(std::span<const uint8_t, kEd25519KeySize> raw);

  std::string Pem() const;  // SubjectPublicKeyInfo PEM, ending in "\n"
  const std::array<uint8_t, kEd25519KeySize>& raw() const { return raw_; }

  // True only if `sig` is this key's Ed25519 signature over exactly `msg`.
  bool Verify(std::span<const uint8_t> msg,
              std::span<const uint8_t, kEd25519SignatureSize> sig) const;

  bool operator==(const PublicKey&) const = default;

 private:
  explicit PublicKey(const std::array<uint8_t, kEd25519KeySize>& raw) : raw_(raw) {}
  std::array<uint8_t, kEd25519KeySize> raw_;
};

// A private key. Move-only: it owns the OpenSSL key object, and a secret is
// not something to copy around. REQUIRES for every method: *this was not moved from.
class SigningKey {
 public:
  // A fresh key from OpenSSL's CSPRNG.
  static base::Result<SigningKey> Generate();
  // The key whose RFC 8032 private key (the 32-byte seed) is `seed`; Ed25519 is
  // deterministic, so this gives reproducible test vectors.
  static base::Result<SigningKey> FromSeed(std::span<const uint8_t, kEd25519KeySize> seed);
  // PKCS#8 PEM. Fails with "bad_key" on garbage or on a key that is not Ed25519.
  static base::Result<SigningKey> FromPem(std::string_view pem);
  // As FromPem, but first refuses a file that group or others may read
  // ("insecure_mode"); file errors keep ReadFile's reasons.
  static base::Result<SigningKey> FromPemFile(const std::string& path);

  SigningKey(SigningKey&&) noexcept = default;
  SigningKey& operator=(SigningKey&&) noexcept = default;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey() = default;

  std::string PrivatePem() const;  // PKCS#8 PEM, ending in "\n"; write it with mode 0600
  PublicKey Public() const;
  // Deterministic: the same key and message always give the same signature.
  std::array<uint8_t, kEd25519SignatureSize> Sign(std::span<const uint8_t> msg) const;

 private:
  struct PkeyFree {
    void operator()(evp_pkey_st* pkey) const;
  };
  using PkeyPtr = std::unique_ptr<evp_pkey_st, PkeyFree>;

  explicit SigningKey(PkeyPtr pkey) : pkey_(std::move(pkey)) {}
  static base::Result<SigningKey> Adopt(evp_pkey_st* pkey, std::string_view op);

  PkeyPtr pkey_;
};

}  // namespace gb::voucher
