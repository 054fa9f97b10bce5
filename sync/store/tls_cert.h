// The store's TLS identity: a self-signed certificate that kiosks pin by its
// SHA-256 fingerprint (no CA is involved; the fingerprint travels in
// kiosk.json at enrolment). OpenSSL errors become a Status here (reason
// "openssl"). Pure functions apart from OpenSSL's CSPRNG; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace gb::store {

struct TlsIdentity {
  std::string key_pem;   // PKCS#8 PEM of a P-256 key; write it with mode 0600
  std::string cert_pem;  // X.509 v3, valid from an hour ago for 10 years
};

// A fresh key and a certificate for common_name, with subjectAltNames for
// every entry of `names` (IP addresses as IP, the rest as DNS).
base::Result<TlsIdentity> MakeSelfSignedCert(const std::string& common_name,
                                             const std::vector<std::string>& names);

// SHA-256 of the certificate's DER, as 64 lower-case hex digits. Reason
// "bad_cert" when the text holds no PEM certificate.
base::Result<std::string> CertFingerprint(std::string_view cert_pem);

}  // namespace gb::store
