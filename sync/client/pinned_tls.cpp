#include "sync/client/pinned_tls.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <vector>

#include "core/base/hex.h"

namespace gb::sync_client {

namespace beast = boost::beast;
namespace net = boost::asio;
using base::Code;
using base::Status;

base::Result<CertPin> ParseCertPin(std::string_view fingerprint) {
  // Colons as `openssl x509 -fingerprint` prints them are accepted, so an
  // installer can paste what the store printed.
  std::string hex;
  for (char c : fingerprint) {
    if (c != ':') hex.push_back(c);
  }
  base::Result<std::vector<uint8_t>> bytes = base::FromHex(hex);
  CertPin pin{};
  if (!bytes.ok() || bytes->size() != pin.size()) {
    return Status::InvalidArgument("bad_endpoint",
                                   "the server's certificate fingerprint must be 64 hex digits "
                                   "(SHA-256)");
  }
  std::copy(bytes->begin(), bytes->end(), pin.begin());
  return pin;
}

bool PeerMatchesPin(SSL* ssl, const CertPin& pin) {
  X509* cert = SSL_get1_peer_certificate(ssl);
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  const bool digested = cert != nullptr && X509_digest(cert, EVP_sha256(), md.data(), &len) == 1;
  X509_free(cert);
  // CRYPTO_memcmp: a pin is not secret, but nothing here should leak timing.
  return digested && len == pin.size() && CRYPTO_memcmp(md.data(), pin.data(), pin.size()) == 0;
}

Status NetStatus(const boost::system::error_code& ec, const std::string& during) {
  const std::string what = during + ": " + ec.message();
  if (ec == beast::error::timeout || ec == net::error::timed_out) {
    return Status::Error(Code::kDeadlineExceeded, "timeout", what);
  }
  if (ec == net::error::connection_refused || ec == net::error::host_not_found ||
      ec == net::error::host_not_found_try_again || ec == net::error::network_unreachable ||
      ec == net::error::host_unreachable) {
    return Status::Error(Code::kUnavailable, "unreachable", what);
  }
  if (ec == beast::http::error::body_limit || ec == beast::http::error::header_limit) {
    return Status::ResourceExhausted("reply_too_large", what);
  }
  if (ec.category() == net::error::get_ssl_category() || ec == net::ssl::error::stream_truncated) {
    return Status::Error(Code::kUnavailable, "tls_failed", what);
  }
  return Status::Error(Code::kUnavailable, "connection_lost", what);
}

}  // namespace gb::sync_client
