#include "tests/sync/server/test_client.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "core/base/hex.h"

namespace gb::test {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// One response from `stream`; status 0 with the error when none came.
template <class Stream>
HttpResult ReadResponse(Stream& stream) {
  HttpResult out;
  beast::error_code ec;
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> res;
  res.body_limit(64u << 20);
  http::read(stream, buffer, res, ec);
  if (ec && !res.is_header_done()) {
    out.error = "read: " + ec.message();
    return out;
  }
  out.status = static_cast<int>(res.get().result_int());
  out.body = res.get().body();
  return out;
}

template <class Stream>
HttpResult Exchange(Stream& stream, const std::string& method, const std::string& target,
                    const std::string& token, const std::string& body,
                    const std::string& staff_session) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  if (!staff_session.empty()) req.set("X-Staff-Session", staff_session);
  if (!body.empty() || method == "POST") {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  beast::error_code ec;
  http::write(stream, req, ec);
  // A server may answer 413 and close before reading all of a huge body.
  return ReadResponse(stream);
}

template <class Stream>
HttpResult RawExchange(Stream& stream, const std::string& raw) {
  beast::error_code ec;
  net::write(stream, net::buffer(raw), ec);
  return ReadResponse(stream);
}

// Connects to `to` (TLS: handshakes, and checks the pin when `pin`), then
// hands the stream to `exchange`.
template <class Exchange>
HttpResult Connected(const HttpTarget& to, bool pin, Exchange exchange) {
  net::io_context ioc;
  beast::error_code ec;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), to.port), ec);
  if (ec) return HttpResult{0, "", "connect: " + ec.message(), ""};
  if (!to.tls) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(20));
    return exchange(stream);
  }
  net::ssl::context ctx(net::ssl::context::tls_client);
  ctx.set_verify_mode(net::ssl::verify_none);  // self-signed: trust is the pin below
  beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), ctx);
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(20));
  stream.handshake(net::ssl::stream_base::client, ec);
  if (ec) return HttpResult{0, "", "handshake: " + ec.message(), ""};
  X509* cert = SSL_get1_peer_certificate(stream.native_handle());
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  std::string peer;
  if (cert != nullptr && X509_digest(cert, EVP_sha256(), md, &n) == 1) {
    peer = base::ToHex(std::span<const uint8_t>(md, n));
  }
  X509_free(cert);
  if (pin && peer != to.pin_sha256) return HttpResult{0, "", "pin mismatch", peer};
  HttpResult r = exchange(stream);
  r.peer_sha256 = peer;
  stream.shutdown(ec);
  return r;
}

}  // namespace

int ConnectTcp(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

HttpResult RawHttp(const HttpTarget& to, const std::string& raw) {
  return Connected(to, /*pin=*/false, [&](auto& stream) { return RawExchange(stream, raw); });
}

HttpResult Http(const HttpTarget& to, const std::string& method, const std::string& target,
                const std::string& token, const std::string& body,
                const std::string& staff_session) {
  return Connected(to, /*pin=*/true, [&](auto& stream) {
    return Exchange(stream, method, target, token, body, staff_session);
  });
}

std::string SignInStaff(const HttpTarget& to, const std::string& kiosk_token,
                        const std::string& name, const std::string& pin) {
  const std::string body = "{\"name\":\"" + name + "\",\"pin\":\"" + pin + "\"}";
  HttpResult r = Http(to, "POST", "/v1/staff/session", kiosk_token, body);
  const std::string key = "\"session\":\"";
  const size_t at = r.body.find(key);
  EXPECT_EQ(r.status, 200) << "signing " << name << " in: " << r.body << r.error;
  if (r.status != 200 || at == std::string::npos) return "";
  return r.body.substr(at + key.size(), 64);
}

}  // namespace gb::test
