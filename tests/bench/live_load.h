// Live connections for the server benchmarks: opens N WebSocket connections
// to GET /v1/live on one Asio thread (at most `in_flight` handshakes at a
// time, so the listen backlog is not overrun), keeps them open and counts the
// {"revision": N} frames each has received, until destroyed. Plain or TLS.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace gb::bench {

struct LiveLoadOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string token;
  int connections = 10'000;
  int in_flight = 200;
  bool tls = false;  // TLS without verification (the bench's own store)
};

class LiveLoad {
 public:
  explicit LiveLoad(LiveLoadOptions options);  // starts connecting at once
  ~LiveLoad();                                 // closes every connection

  // Connections whose upgrade succeeded and that are still open.
  int open() const;
  // Connections that failed (connect, upgrade or later); first error kept.
  int failed() const;
  std::string first_error() const;
  // Connections whose last frame said at least `revision`.
  int at_least(int64_t revision) const;
  // Connections that have received at least one frame.
  int with_frame() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::bench
