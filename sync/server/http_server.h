// HttpServer: the Boost.Beast adapter around the Router (chat-multi's shape:
// a listener, one session per connection, shared state). Only the .cpp and
// http_session.h include Asio, Beast or OpenSSL's TLS.
//
// HTTPS with the store's certificate and key, or plain HTTP when asked (for
// tests on loopback). Each connection reads one request at a time (HTTP/1.1
// keep-alive), with bodies capped at kMaxBodyBytes (413) and an idle timeout
// covering the whole of each read, so slow or silent clients are dropped.
//
// GET /v1/live with a WebSocket upgrade, once the router has authenticated
// it, becomes a LiveSession (live_session.h) fed by options.live.
//
// When the process runs out of file descriptors (EMFILE, ENFILE), accepting
// pauses and backs off (50 ms doubling to 1 s) instead of spinning, and says
// so once per episode on stderr. An exception escaping a handler on an I/O
// thread is caught, counted (gb_internal_failures_total{where="io"}) and the
// thread goes on.
//
// Stop() stops accepting, closes live connections (going away), closes connections that wait for a request, and
// lets every request already read finish and be answered; Wait() returns
// once all connections are gone. Thread-safety: Stop may be called from any
// thread; the other methods from the owner's.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <functional>
#include <string>

#include "core/base/result.h"
#include "sync/server/live_hub.h"
#include "sync/server/metrics.h"
#include "sync/server/router.h"

namespace gb::server {

struct ServerOptions {
  std::string host = "0.0.0.0";
  uint16_t port = 8443;  // 0: the system picks one (see port())
  bool tls = true;
  std::string cert_path;  // PEM; required when tls
  std::string key_path;   // PEM; required when tls
  int threads = 2;
  std::chrono::seconds idle_timeout{30};
  // /v1/live: the hub (null: upgrades are answered 503) and the time a live
  // connection may stay silent (no pong) before it is dropped; it is pinged
  // after half of it. REQUIRES: live outlives the server.
  LiveHub* live = nullptr;
  std::chrono::seconds live_idle_timeout{60};
  // Connections open at once (HTTP and live); one more is answered 503
  // "busy" (after its TLS handshake) and closed. A few dozen such answers
  // may be under way at once; beyond that, new connections are closed at once.
  int max_connections = 4096;
  // Live connections one token may hold; one more is answered 429 "too_many_live".
  int max_live_per_token = 4;
  // Whether a kiosk's token is still good (not revoked or suspended); asked
  // four times a second for every kiosk with a live connection, whose connections
  // are closed when it answers false. Must be cheap (memory only). Empty: always.
  std::function<bool(const std::string&)> kiosk_valid;
  // Where limits and caught exceptions are counted; may be null.
  Metrics* metrics = nullptr;
};

class HttpServer {
 public:
  // Binds and listens, so port() is known when this returns. Reasons:
  // "bad_listen" (bind or listen failed), "tls_setup" (certificate or key).
  // REQUIRES: router outlives the server.
  static base::Result<std::unique_ptr<HttpServer>> Create(const ServerOptions& options,
                                                          Router& router);
  ~HttpServer();

  uint16_t port() const;
  // Starts the I/O threads.
  void Start();
  void Stop();
  // Blocks until every I/O thread has ended (after Stop).
  void Wait();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::server
