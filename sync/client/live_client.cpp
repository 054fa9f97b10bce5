#include "sync/client/live_client.h"

#include <openssl/ssl.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <thread>

#include "sync/client/pinned_tls.h"

namespace gb::sync_client {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using base::Code;
using base::Status;

using PlainWs = websocket::stream<beast::tcp_stream>;
using TlsWs = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace

struct LiveClient::Impl {
  // The io_context first: everything below uses it and goes before it.
  net::io_context ioc{1};
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
  ServerEndpoint ep;
  CertPin pin{};
  OnRevision on_revision;
  LiveClientOptions options;
  Backoff backoff;
  ssl::context tls{ssl::context::tls_client};
  net::steady_timer retry{ioc};
  tcp::resolver resolver{ioc};
  std::optional<PlainWs> plain;
  std::optional<TlsWs> secure;
  websocket::response_type upgrade_reply;
  beast::flat_buffer buffer{4096};
  // Each attempt has a number; handlers of an abandoned attempt (aborted when
  // its stream was replaced) see another number and do nothing.
  uint64_t attempt = 0;
  mutable std::mutex mu;
  LiveStatus st;  // guarded by mu
  std::thread thread;

  Impl(ServerEndpoint e, OnRevision f, LiveClientOptions o)
      : ep(std::move(e)),
        on_revision(std::move(f)),
        options(o),
        backoff(o.backoff, o.seed != 0 ? o.seed : std::random_device{}()) {}

  beast::tcp_stream& lowest() {
    return secure ? beast::get_lowest_layer(*secure) : beast::get_lowest_layer(*plain);
  }

  void Begin() {
    const uint64_t n = ++attempt;
    plain.reset();
    secure.reset();
    buffer.clear();
    resolver.async_resolve(ep.host, std::to_string(ep.port),
                           [this, n](beast::error_code ec, tcp::resolver::results_type r) {
                             if (n != attempt) return;
                             if (ec) return Fail(NetStatus(ec, "resolving " + ep.host));
                             Connect(n, r);
                           });
  }

  void Connect(uint64_t n, const tcp::resolver::results_type& results) {
    if (ep.tls) {
      secure.emplace(ioc, tls);
    } else {
      plain.emplace(ioc);
    }
    lowest().expires_after(std::chrono::milliseconds(ep.timeout_ms));
    lowest().async_connect(results, [this, n](beast::error_code ec, const tcp::endpoint&) {
      if (n != attempt) return;
      if (ec) return Fail(NetStatus(ec, "connecting"));
      if (!ep.tls) return Upgrade(n, *plain);
      secure->next_layer().async_handshake(ssl::stream_base::client, [this,
                                                                      n](beast::error_code e) {
        if (n != attempt) return;
        if (e) return Fail(NetStatus(e, "TLS handshake"));
        if (!PinMatches()) {
          return Fail(Status::Error(Code::kPermissionDenied, "pin_mismatch",
                                    "the server presented a certificate other than the enrolled "
                                    "one; nothing was sent"));
        }
        Upgrade(n, *secure);
      });
    });
  }

  // Before any byte of the upgrade request (and its token) is written.
  bool PinMatches() { return PeerMatchesPin(secure->next_layer().native_handle(), pin); }

  template <class Ws>
  void Upgrade(uint64_t n, Ws& ws) {
    // The WebSocket's own timers take over from the TCP stream's.
    beast::get_lowest_layer(ws).expires_never();
    websocket::stream_base::timeout t;
    t.handshake_timeout = std::chrono::milliseconds(ep.timeout_ms);
    t.idle_timeout = options.idle_timeout;
    t.keep_alive_pings = true;
    ws.set_option(t);
    ws.set_option(websocket::stream_base::decorator([this](websocket::request_type& req) {
      req.set(http::field::authorization, "Bearer " + ep.token);
      req.set(http::field::user_agent, "groupbuy-kiosk");
    }));
    ws.read_message_max(4096);
    upgrade_reply = {};
    ws.async_handshake(upgrade_reply, ep.host + ":" + std::to_string(ep.port), "/v1/live",
                       [this, n, &ws](beast::error_code ec) {
                         if (n != attempt) return;
                         if (ec == websocket::error::upgrade_declined) {
                           return Fail(Status::Error(
                               Code::kUnavailable, "refused",
                               "/v1/live answered " + std::to_string(upgrade_reply.result_int())));
                         }
                         if (ec) return Fail(NetStatus(ec, "upgrading /v1/live"));
                         backoff.Reset();
                         {
                           std::lock_guard lock(mu);
                           st.connected = true;
                           st.connects += 1;
                         }
                         Read(n, ws);
                       });
  }

  template <class Ws>
  void Read(uint64_t n, Ws& ws) {
    ws.async_read(buffer, [this, n, &ws](beast::error_code ec, std::size_t) {
      if (n != attempt) return;
      if (ec) return Fail(NetStatus(ec, "reading /v1/live"));
      const nlohmann::json frame =
          nlohmann::json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
      buffer.consume(buffer.size());
      const bool good =
          frame.is_object() && frame.contains("revision") && frame["revision"].is_number_integer();
      {
        std::lock_guard lock(mu);
        if (good) {
          st.revisions += 1;
          st.last_revision = frame["revision"].get<int64_t>();
        } else {
          st.bad_frames += 1;
        }
      }
      if (good) on_revision(frame["revision"].get<int64_t>());
      Read(n, ws);
    });
  }

  void Fail(const Status& s) {
    {
      std::lock_guard lock(mu);
      st.connected = false;
      st.last_error = s.ToString();
    }
    ++attempt;  // whatever the old stream still completes is ignored
    retry.expires_after(std::chrono::milliseconds(backoff.NextDelayMs()));
    retry.async_wait([this](beast::error_code ec) {
      if (!ec) Begin();
    });
  }
};

LiveClient::LiveClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LiveClient::~LiveClient() {
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

base::Result<std::unique_ptr<LiveClient>> LiveClient::Start(ServerEndpoint endpoint,
                                                            OnRevision on_revision,
                                                            LiveClientOptions options) {
  if (endpoint.host.empty() || endpoint.port == 0) {
    return Status::InvalidArgument("bad_endpoint", "the store server needs a host and a port");
  }
  if (endpoint.timeout_ms <= 0) endpoint.timeout_ms = 10'000;
  auto impl = std::make_unique<Impl>(std::move(endpoint), std::move(on_revision), options);
  if (impl->ep.tls) {
    GB_ASSIGN_OR_RETURN(impl->pin, ParseCertPin(impl->ep.cert_sha256));
    // Trust comes from the pin, not from CAs: the store's certificate is self-signed.
    impl->tls.set_verify_mode(ssl::verify_none);
  }
  Impl* s = impl.get();
  net::post(s->ioc, [s] { s->Begin(); });
  s->thread = std::thread([s] { s->ioc.run(); });
  return std::unique_ptr<LiveClient>(new LiveClient(std::move(impl)));
}

LiveStatus LiveClient::status() const {
  std::lock_guard lock(impl_->mu);
  return impl_->st;
}

}  // namespace gb::sync_client
