// LiveClient: the kiosk's WebSocket to the store server's GET /v1/live, so a
// change anywhere in the store reaches this kiosk at once instead of at its
// next periodic poll (docs/sync-protocol.md, "Live revisions").
//
// A thread of its own keeps one connection: plain or TLS with the store's
// certificate pinned exactly as BeastTransport does (checked after the TLS
// handshake, before the upgrade request and its bearer token are written).
// Each {"revision": N} frame calls on_revision(N) on that thread; the kiosk
// passes it to SyncClient::OnLiveRevision, which wakes the state poll. The
// server sends one frame on connect, so a kiosk that was cut off polls as
// soon as it is back. When the connection fails or is refused (401, ...),
// it reconnects after a jittered exponential backoff (backoff.h). Pings go
// out after half of idle_timeout of silence, and a connection silent for the
// whole of it is dropped and reconnected. Frames that are not that JSON are
// ignored (and counted).
//
// Thread-safety: status() from any thread; the destructor stops the thread
// (closing the socket; it does not wait for the server). on_revision must
// not block for long and must not destroy the LiveClient.
// With beast_transport.cpp, the files of sync/client that include Asio,
// Beast or OpenSSL.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/base/result.h"
#include "sync/client/backoff.h"
#include "sync/client/beast_transport.h"

namespace gb::sync_client {

struct LiveClientOptions {
  BackoffOptions backoff{.base_ms = 1'000, .cap_ms = 30'000, .floor_ms = 250};
  std::chrono::seconds idle_timeout{60};
  uint64_t seed = 0;  // 0: random
};

struct LiveStatus {
  bool connected = false;
  int64_t connects = 0;    // successful upgrades since start
  int64_t revisions = 0;   // frames passed to on_revision
  int64_t bad_frames = 0;  // frames ignored
  int64_t last_revision = -1;
  std::string last_error;  // "reason: message" of the last failure
};

class LiveClient {
 public:
  using OnRevision = std::function<void(int64_t revision)>;

  // Fails like BeastTransport::Create ("bad_endpoint"); otherwise starts the
  // thread, which connects at once. endpoint.timeout_ms bounds connect, TLS
  // and the upgrade.
  static base::Result<std::unique_ptr<LiveClient>> Start(ServerEndpoint endpoint,
                                                         OnRevision on_revision,
                                                         LiveClientOptions options = {});
  ~LiveClient();
  LiveClient(const LiveClient&) = delete;
  LiveClient& operator=(const LiveClient&) = delete;

  LiveStatus status() const;

 private:
  struct Impl;
  explicit LiveClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::sync_client
