#include "sync/client/beast_transport.h"

#include <openssl/ssl.h>

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <functional>
#include <optional>

#include "sync/client/pinned_tls.h"

namespace gb::sync_client {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using base::Code;
using base::Status;
using Clock = std::chrono::steady_clock;

}  // namespace

struct BeastTransport::Impl {
  ServerEndpoint ep;
  CertPin pin{};
  net::io_context ioc;
  ssl::context tls{ssl::context::tls_client};
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  Clock::time_point deadline;

  bool connected() const { return plain.has_value() || secure.has_value(); }
  beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }
  void Drop() {
    plain.reset();
    secure.reset();
    buffer.clear();
  }

  // Runs the pending operation to completion or to the request's deadline.
  // Beast's stream timer normally fires first; this is the backstop for the
  // resolver, which has none.
  Status Drive(bool& done, const beast::error_code& ec, const std::string& during,
               const std::function<void()>& cancel = {}) {
    ioc.restart();
    const Clock::duration left = deadline - Clock::now();
    ioc.run_for(left > Clock::duration::zero() ? left : Clock::duration::zero());
    if (!done) {
      // Cancel whatever is pending and let its handler run before returning.
      if (cancel) cancel();
      if (connected()) lowest().cancel();
      ioc.restart();
      ioc.run();
      Drop();
      return Status::Error(Code::kDeadlineExceeded, "timeout", during + ": no answer in time");
    }
    if (ec) {
      Drop();
      return NetStatus(ec, during);
    }
    return Status::Ok();
  }

  Status Connect() {
    const std::string where = ep.host + ":" + std::to_string(ep.port);
    tcp::resolver resolver(ioc);
    tcp::resolver::results_type results;
    beast::error_code ec;
    bool done = false;
    resolver.async_resolve(ep.host, std::to_string(ep.port),
                           [&](beast::error_code e, tcp::resolver::results_type r) {
                             ec = e;
                             results = std::move(r);
                             done = true;
                           });
    GB_RETURN_IF_ERROR(Drive(done, ec, "resolving " + where, [&] { resolver.cancel(); }));
    if (ep.tls) {
      secure.emplace(ioc, tls);
    } else {
      plain.emplace(ioc);
    }
    lowest().expires_at(deadline);
    done = false;
    lowest().async_connect(results, [&](beast::error_code e, const tcp::endpoint&) {
      ec = e;
      done = true;
    });
    GB_RETURN_IF_ERROR(Drive(done, ec, "connecting to " + where));
    if (!ep.tls) return Status::Ok();

    done = false;
    secure->async_handshake(ssl::stream_base::client, [&](beast::error_code e) {
      ec = e;
      done = true;
    });
    GB_RETURN_IF_ERROR(Drive(done, ec, "TLS handshake with " + where));
    return CheckPin(where);
  }

  // Before any byte of the request (and its token) is written.
  Status CheckPin(const std::string& where) {
    if (!PeerMatchesPin(secure->native_handle(), pin)) {
      Drop();
      return Status::Error(Code::kPermissionDenied, "pin_mismatch",
                           where + " presented a certificate other than the enrolled one; "
                                   "nothing was sent");
    }
    return Status::Ok();
  }

  template <typename Stream>
  base::Result<HttpReply> Exchange(Stream& stream, const http::request<http::string_body>& req) {
    beast::error_code ec;
    bool done = false;
    lowest().expires_at(deadline);
    http::async_write(stream, req, [&](beast::error_code e, size_t) {
      ec = e;
      done = true;
    });
    GB_RETURN_IF_ERROR(Drive(done, ec, "sending " + std::string(req.target())));
    http::response_parser<http::string_body> parser;
    parser.body_limit(ep.max_reply_bytes);
    done = false;
    http::async_read(stream, buffer, parser, [&](beast::error_code e, size_t) {
      ec = e;
      done = true;
    });
    GB_RETURN_IF_ERROR(Drive(done, ec, "reading the reply to " + std::string(req.target())));
    http::response<http::string_body> res = parser.release();
    HttpReply reply{static_cast<int>(res.result_int()), std::move(res.body()),
                    std::string(res[http::field::date])};
    if (!res.keep_alive()) Drop();
    return reply;
  }

  base::Result<HttpReply> Attempt(const http::request<http::string_body>& req) {
    if (!connected()) GB_RETURN_IF_ERROR(Connect());
    if (secure) return Exchange(*secure, req);
    return Exchange(*plain, req);
  }
};

BeastTransport::BeastTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BeastTransport::~BeastTransport() = default;

base::Result<std::unique_ptr<BeastTransport>> BeastTransport::Create(ServerEndpoint endpoint) {
  if (endpoint.host.empty() || endpoint.port == 0) {
    return Status::InvalidArgument("bad_endpoint", "the store server needs a host and a port");
  }
  auto impl = std::make_unique<Impl>();
  if (endpoint.tls) {
    GB_ASSIGN_OR_RETURN(impl->pin, ParseCertPin(endpoint.cert_sha256));
    // Trust comes from the pin checked after the handshake, not from CAs:
    // the store's certificate is self-signed.
    impl->tls.set_verify_mode(ssl::verify_none);
  }
  if (endpoint.timeout_ms <= 0) endpoint.timeout_ms = 10'000;
  impl->ep = std::move(endpoint);
  return std::unique_ptr<BeastTransport>(new BeastTransport(std::move(impl)));
}

base::Result<HttpReply> BeastTransport::Send(const HttpRequest& request) {
  Impl& s = *impl_;
  http::request<http::string_body> req{
      request.method == "POST" ? http::verb::post : http::verb::get, request.target, 11};
  req.set(http::field::host, s.ep.host + ":" + std::to_string(s.ep.port));
  req.set(http::field::user_agent, "groupbuy-kiosk");
  req.set(http::field::authorization, "Bearer " + s.ep.token);
  if (!request.staff_session.empty()) req.set("X-Staff-Session", request.staff_session);
  if (request.method == "POST") {
    req.set(http::field::content_type, "application/json");
    req.body() = request.body;
  }
  req.keep_alive(true);
  req.prepare_payload();

  s.deadline = Clock::now() + std::chrono::milliseconds(s.ep.timeout_ms);
  const bool reused = s.connected();
  base::Result<HttpReply> reply = s.Attempt(req);
  // A kept connection the server has since closed fails at once: resend on a
  // fresh one (safe: every request of the protocol is idempotent). Over TLS
  // the close often reads as a truncated stream ("tls_failed"), not a reset;
  // the fresh connection then meets whoever listens now, and its pin.
  const std::string& why = reply.ok() ? std::string() : reply.status().reason();
  if (!reply.ok() && reused && (why == "connection_lost" || why == "tls_failed")) {
    s.deadline = Clock::now() + std::chrono::milliseconds(s.ep.timeout_ms);
    reply = s.Attempt(req);
  }
  return reply;
}

}  // namespace gb::sync_client
