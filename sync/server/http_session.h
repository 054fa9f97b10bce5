// One connection of the HTTP server: read a request, hand it to the Router,
// write the answer it gives (maybe later, from the writer thread), repeat.
// When the router answers kSwitchToLive (an authenticated GET /v1/live
// upgrade), the stream moves to a LiveSession (live_session.h) and this
// session ends. Every answer carries a Date header (kiosks' clock skew).
// Templated on the stream so plain TCP and TLS share the logic.
// Internal to http_server.cpp; every handler runs on the session's strand.
#pragma once

#include <atomic>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

#include "sync/server/live_hub.h"
#include "sync/server/router.h"

namespace gb::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Closes the connection unless a request is being handled.
  virtual void StopIfIdle() = 0;
};

struct SharedState {
  SharedState(net::io_context& io, Router& r, std::chrono::seconds idle, LiveHub* hub,
              std::chrono::seconds live_idle)
      : ioc(io), router(r), idle_timeout(idle), live(hub), live_idle_timeout(live_idle) {}
  net::io_context& ioc;
  Router& router;
  std::chrono::seconds idle_timeout;
  LiveHub* live;  // null: /v1/live is not served
  std::chrono::seconds live_idle_timeout;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::vector<std::weak_ptr<SessionBase>> sessions;  // for Stop

  void Add(const std::shared_ptr<SessionBase>& s) {
    std::lock_guard lock(mu);
    std::erase_if(sessions, [](const auto& w) { return w.expired(); });
    sessions.push_back(s);
  }
};

// The Date header (RFC 9110 IMF-fixdate): kiosks measure their clock's skew
// against the server's from it.
inline std::string HttpDateNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

// Hands the connection to a LiveSession (live_session.h).
template <class Stream>
void StartLive(Stream&& stream, std::shared_ptr<SharedState> state,
               http::request<http::string_body> req);

template <class Stream>
class HttpSession final : public SessionBase,
                          public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  HttpSession(Stream&& stream, std::shared_ptr<SharedState> state)
      : stream_(std::move(stream)), state_(std::move(state)) {}

  void Run() {
    auto self = this->shared_from_this();
    net::dispatch(stream_.get_executor(), [self] {
      if constexpr (kTls) {
        beast::get_lowest_layer(self->stream_).expires_after(self->state_->idle_timeout);
        self->stream_.async_handshake(net::ssl::stream_base::server, [self](beast::error_code ec) {
          if (!ec) self->DoRead();
        });
      } else {
        self->DoRead();
      }
    });
  }

  void StopIfIdle() override {
    auto self = this->shared_from_this();
    net::post(stream_.get_executor(), [self] {
      if (!self->busy_) beast::get_lowest_layer(self->stream_).cancel();
    });
  }

 private:
  void DoRead() {
    if (state_->stopping) return DoClose();
    parser_.emplace();
    parser_->body_limit(kMaxBodyBytes);
    beast::get_lowest_layer(stream_).expires_after(state_->idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::OnRead, this->shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return DoClose();
    Request req;
    if (ec == http::error::body_limit) {
      req.body_too_large = true;  // answered 413, then the connection closes
    } else if (ec) {
      return;  // timeout, reset, cancelled by Stop, or garbage: drop the connection
    }
    const auto& msg = parser_->get();
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.authorization = std::string(msg[http::field::authorization]);
    if (!req.body_too_large) req.body = msg.body();
    req.websocket = !req.body_too_large && beast::websocket::is_upgrade(msg);
    version_ = msg.version();
    keep_alive_ = !req.body_too_large && msg.keep_alive();
    busy_ = true;
    // The answer may come from the writer thread; the guard keeps the I/O
    // threads running until it has been posted back here.
    auto guard = std::make_shared<net::executor_work_guard<net::io_context::executor_type>>(
        state_->ioc.get_executor());
    auto self = this->shared_from_this();
    state_->router.Handle(req, [self, guard](Response r) {
      net::post(self->stream_.get_executor(),
                [self, guard, r = std::move(r)]() mutable { self->Send(std::move(r)); });
    });
  }

  void Send(Response r) {
    if (r.status == kSwitchToLive) {
      busy_ = false;
      if (state_->live == nullptr || state_->stopping) {
        r = Response{503, "application/json",
                     "{\"error\":\"stopping\",\"message\":\"live updates are not served\"}\n",
                     {}};
        keep_alive_ = false;
      } else {
        // This session ends here; the stream and the request move on.
        return StartLive(std::move(stream_), state_, parser_->release());
      }
    }
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), version_);
    res->set(http::field::server, "groupbuy-store");
    res->set(http::field::date, HttpDateNow());
    res->set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) res->set(name, value);
    res->body() = std::move(r.body);
    const bool keep = keep_alive_ && !state_->stopping;
    res->keep_alive(keep);
    res->prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(state_->idle_timeout);
    auto self = this->shared_from_this();
    http::async_write(stream_, *res, [self, res, keep](beast::error_code ec, std::size_t) {
      self->busy_ = false;
      if (ec) return;
      if (!keep) return self->DoClose();
      self->DoRead();
    });
  }

  void DoClose() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      auto self = this->shared_from_this();
      stream_.async_shutdown([self](beast::error_code) {});
    } else {
      beast::error_code ec;
      stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    }
  }

  Stream stream_;
  std::shared_ptr<SharedState> state_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool busy_ = false;
};

}  // namespace gb::server
