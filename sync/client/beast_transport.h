// BeastTransport: HttpTransport over Boost.Beast, plain HTTP or HTTPS with
// the store server's certificate pinned.
//
// HTTPS does not trust certificate authorities: the store's certificate is
// self-signed, so the transport compares the SHA-256 of the certificate the
// server presents with the fingerprint enrolled in kiosk.json, in constant
// time, right after the handshake and before the request (and its token)
// is written. A mismatch is "pin_mismatch". Plain HTTP is for tests on
// loopback only (the store server must be started with --plain-http).
//
// The connection is kept alive between requests; a request on a kept
// connection that fails before any reply is resent once on a new connection
// (every request of the sync protocol is idempotent). Each request has a
// deadline covering connect, handshake, write and read. Replies over
// max_reply_bytes fail with "reply_too_large".
// The only file of sync/client that includes Asio, Beast or OpenSSL headers.
// Not thread-safe: one transport per sync thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sync/client/http_transport.h"

namespace gb::sync_client {

struct ServerEndpoint {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  bool tls = true;
  std::string cert_sha256;  // 64 hex digits (colons allowed); required when tls
  std::string token;        // sent as "Authorization: Bearer <token>"
  int timeout_ms = 10'000;
  size_t max_reply_bytes = size_t{16} << 20;
};

class BeastTransport final : public HttpTransport {
 public:
  // Fails with "bad_endpoint" (no host, port 0, or a missing or malformed
  // fingerprint for TLS).
  static base::Result<std::unique_ptr<BeastTransport>> Create(ServerEndpoint endpoint);
  ~BeastTransport() override;

  base::Result<HttpReply> Send(const HttpRequest& request) override;

 private:
  struct Impl;
  explicit BeastTransport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::sync_client
