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
#include "sync/server/shared_state.h"

namespace gb::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

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

// Hands the connection to a LiveSession (live_session.h) of `principal`;
// false (nothing started, the stream untouched) when that principal has
// max_live_per_token live connections already.
template <class Stream>
bool StartLive(Stream& stream, std::shared_ptr<SharedState> state,
               http::request<http::string_body>& req, const std::string& principal,
               ConnectionSlot slot);

template <class Stream>
class HttpSession final : public SessionBase,
                          public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  // `slot`: the connection's place under the cap; null for a connection
  // over it, which is answered 503 "busy" to its first request and closed.
  HttpSession(Stream&& stream, std::shared_ptr<SharedState> state, ConnectionSlot slot)
      : stream_(std::move(stream)), state_(std::move(state)), slot_(std::move(slot)) {
    beast::error_code ec;
    auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) peer_ = endpoint.address().to_string();
    if (!slot_) state_->refusing.fetch_add(1);
  }
  ~HttpSession() override {
    if (!slot_) state_->refusing.fetch_sub(1);
  }

  void Run() {
    auto self = this->shared_from_this();
    net::dispatch(stream_.get_executor(), [self] {
      if constexpr (kTls) {
        beast::get_lowest_layer(self->stream_).expires_after(self->Timeout());
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
    // Headers are capped too (Beast's default is 8 KiB): a client cannot make
    // the server hold more than the body limit and this per connection.
    parser_->header_limit(16 * 1024);
    beast::get_lowest_layer(stream_).expires_after(Timeout());
    http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&HttpSession::OnHeader, this->shared_from_this()));
  }

  // No kiosk, till or browser sends a chunked body, and Boost 1.74's chunk
  // parser asserts on a final chunk that arrives a byte at a time (fixed in
  // Boost 1.86; found by tests/fuzz/http_fuzz.cpp): such a request is
  // refused before its body is parsed.
  void OnHeader(beast::error_code ec, std::size_t bytes) {
    if (ec) return OnRead(ec, bytes);
    if (parser_->chunked()) {
      keep_alive_ = false;
      version_ = parser_->get().version();
      return Send(Response{411, "application/json",
                           "{\"error\":\"chunked_body\",\"message\":\"send the body with a "
                           "Content-Length, not chunked\"}\n",
                           {}, ""});
    }
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::OnRead, this->shared_from_this()));
  }

  // Connections over the cap get little time: they are only told to go.
  std::chrono::seconds Timeout() const {
    return slot_ ? state_->idle_timeout
                 : std::min(state_->idle_timeout, std::chrono::seconds(2));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return DoClose();
    if (!ec && !slot_) {
      keep_alive_ = false;
      version_ = parser_->get().version();
      return Send(Response{503, "application/json",
                           "{\"error\":\"busy\",\"message\":\"the server has too many "
                           "connections open; retry in a few seconds\"}\n",
                           {{"Retry-After", "2"}}, ""});
    }
    Request req;
    if (ec == http::error::body_limit) {
      req.body_too_large = true;  // answered 413, then the connection closes
    } else if (ec && ec.category() == http::make_error_code(http::error::bad_target).category() &&
               ec != http::error::partial_message) {
      // A request that does not parse (bytes a path may not hold, a bad
      // header line, headers over 16 KiB) is told so, then the connection
      // closes: its framing can no longer be trusted.
      keep_alive_ = false;
      const bool big = ec == http::error::header_limit;
      return Send(Response{big ? 431 : 400, "application/json",
                           big ? "{\"error\":\"headers_too_large\",\"message\":\"the request "
                                 "headers are over 16 KiB\"}\n"
                               : "{\"error\":\"bad_http\",\"message\":\"the request is not "
                                 "valid HTTP/1.1: " + ec.message() + "\"}\n",
                           {}, ""});
    } else if (ec) {
      return;  // timeout, reset, cancelled by Stop: drop the connection
    }
    const auto& msg = parser_->get();
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.authorization = std::string(msg[http::field::authorization]);
    req.staff_session = std::string(msg["X-Staff-Session"]);
    req.peer = peer_;
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
                     {}, ""};
        keep_alive_ = false;
      } else {
        http::request<http::string_body> req = parser_->release();
        // On success this session ends here; the stream and the request move on.
        if (StartLive(stream_, state_, req, r.principal, slot_)) return;
        state_->CountLimit("live_per_token");
        r = Response{429, "application/json",
                     "{\"error\":\"too_many_live\",\"message\":\"this token has the most "
                     "live connections allowed open already\"}\n",
                     {{"Retry-After", "5"}}, ""};
        keep_alive_ = false;
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
  ConnectionSlot slot_;
  std::string peer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool busy_ = false;
};

}  // namespace gb::server
