// What every connection of the HTTP server shares (chat-multi's
// shared_state): the router, the timeouts and limits from ServerOptions, the
// open-connection count under --max-connections, and the live connections
// by the principal that opened them (capped per token, closed when the
// kiosk is revoked). Internal to http_server.cpp and its session headers.
// Thread-safety: the counters are atomic; the lists are guarded by `mu`.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sync/server/http_server.h"
#include "sync/server/live_hub.h"
#include "sync/server/metrics.h"
#include "sync/server/router.h"

namespace gb::server {

namespace net = boost::asio;

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Closes the connection unless a request is being handled.
  virtual void StopIfIdle() = 0;
};

// Held by a connection while it is open (HTTP, then live): its destruction
// gives the place back under --max-connections.
using ConnectionSlot = std::shared_ptr<void>;

struct SharedState {
  SharedState(net::io_context& io, Router& r, const ServerOptions& o)
      : ioc(io),
        router(r),
        idle_timeout(o.idle_timeout),
        live(o.live),
        live_idle_timeout(o.live_idle_timeout),
        max_connections(std::max(1, o.max_connections)),
        max_live_per_token(std::max(1, o.max_live_per_token)),
        kiosk_valid(o.kiosk_valid),
        metrics(o.metrics) {}
  net::io_context& ioc;
  Router& router;
  std::chrono::seconds idle_timeout;
  LiveHub* live;  // null: /v1/live is not served
  std::chrono::seconds live_idle_timeout;
  const int max_connections;
  const int max_live_per_token;
  std::function<bool(const std::string&)> kiosk_valid;  // may be empty: every kiosk is
  Metrics* metrics;                                     // may be null
  std::atomic<bool> stopping{false};
  std::atomic<int> open_connections{0};
  std::atomic<int> refusing{0};  // connections being told 503 over the cap
  std::mutex mu;
  std::vector<std::weak_ptr<SessionBase>> sessions;  // for Stop
  // Live connections by the principal that opened them; guarded by mu.
  std::map<std::string, std::vector<std::weak_ptr<SessionBase>>> live_by_principal;

  void Add(const std::shared_ptr<SessionBase>& s) {
    std::lock_guard lock(mu);
    std::erase_if(sessions, [](const auto& w) { return w.expired(); });
    sessions.push_back(s);
  }

  // A slot, or null when max_connections are open.
  ConnectionSlot TakeSlot() {
    if (open_connections.fetch_add(1) >= max_connections) {
      open_connections.fetch_sub(1);
      return nullptr;
    }
    return ConnectionSlot(static_cast<void*>(this), [this](void*) { open_connections.fetch_sub(1); });
  }

  // Registers a live connection of `principal`, unless it has
  // max_live_per_token open already (false).
  bool AddLive(const std::string& principal, const std::shared_ptr<SessionBase>& s) {
    std::lock_guard lock(mu);
    auto& list = live_by_principal[principal];
    std::erase_if(list, [](const auto& w) { return w.expired(); });
    if (static_cast<int>(list.size()) >= max_live_per_token) return false;
    list.push_back(s);
    return true;
  }

  // Closes the live connections of principals no longer valid (revoked or
  // suspended kiosks) and forgets closed ones. From a timer, four times a second.
  void SweepLive() {
    std::vector<std::shared_ptr<SessionBase>> doomed;
    {
      std::lock_guard lock(mu);
      for (auto it = live_by_principal.begin(); it != live_by_principal.end();) {
        auto& list = it->second;
        std::erase_if(list, [](const auto& w) { return w.expired(); });
        const bool valid = it->first.empty() || !kiosk_valid || kiosk_valid(it->first);
        if (!valid) {
          for (const auto& w : list) {
            if (auto sp = w.lock()) doomed.push_back(std::move(sp));
          }
          list.clear();
        }
        it = list.empty() ? live_by_principal.erase(it) : std::next(it);
      }
    }
    for (const auto& sp : doomed) sp->StopIfIdle();
  }

  void CountLimit(const char* which) {
    if (metrics != nullptr) metrics->CountLimit(which);
  }
};

}  // namespace gb::server
