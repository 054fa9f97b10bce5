// libFuzzer harness for the store server's framing as it reads it from the
// network (sync/server/http_session.h, live_session.h), on Beast's in-memory
// test stream instead of a socket. The first byte picks what is read, the
// second how many bytes each read returns (1..255, 0: as many as there are),
// so requests split at every possible point; the rest are the bytes a client
// sent:
//   even  HTTP/1.1 requests, kept alive as the session does: a fresh
//         request_parser<string_body> per request with the server's body
//         limit (kMaxBodyBytes) and Beast's default header limit, one
//         flat_buffer for the connection, each request turned into the
//         router's Request exactly as HttpSession::OnRead does.
//   odd   WebSocket frames after an accepted GET /v1/live upgrade, read with
//         the live session's options (read_message_max kMaxClientMessage, no
//         auto-fragmenting), until the stream fails or closes.
// Properties besides crashes, hangs and sanitizer findings: a request read
// is complete, with a method and a target, and a body within the limit; a
// message read is within kMaxClientMessage; reading always ends.
//
// Boost's asserts stay on (as in the server's Debug build) and go through
// boost::assertion_failed below, which lets exactly one through: Beast
// 1.74's `n >= 5` in basic_parser::parse_chunk_header, wrong for a final
// chunk "0\r\n" that arrives in pieces (fixed upstream in Beast PR #2861,
// Boost 1.86); the parser then correctly asks for more. Every other assert
// is a finding. The server itself, built without NDEBUG, aborts on it: see
// docs/operations.md, "Fuzzing".
//
// Built with clang only (tests/fuzz/CMakeLists.txt, with
// -DBOOST_ENABLE_ASSERT_HANDLER); C++20; Boost.Beast is header-only.
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "sync/server/http_types.h"
#include "sync/server/live_session.h"
#include "sync/server/router.h"

namespace boost {

void assertion_failed(char const* expr, char const* function, char const* file, long line) {
  const std::string_view path(file);
  if (std::strcmp(expr, "n >= 5") == 0 && path.ends_with("beast/http/impl/basic_parser.ipp") &&
      std::string_view(function).find("parse_chunk_header") != std::string_view::npos) {
    return;  // Beast PR #2861: the parser goes on correctly
  }
  std::fprintf(stderr, "%s:%ld: %s: Assertion '%s' failed.\n", file, line, function, expr);
  std::abort();
}

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file,
                          long line) {
  std::fprintf(stderr, "%s:%ld: %s: Assertion '%s' failed: %s\n", file, line, function, expr, msg);
  std::abort();
}

}  // namespace boost

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using gb::server::kMaxBodyBytes;
using gb::server::kMaxClientMessage;

void Check(bool property) {
  if (!property) std::abort();
}

// The stream a client's bytes arrive on: then end of file.
beast::test::stream ClientBytes(net::io_context& ioc, beast::test::stream& peer,
                                std::string_view bytes, size_t read_size) {
  beast::test::stream s(ioc);
  s.connect(peer);
  if (read_size > 0) s.read_size(read_size);
  s.append(beast::string_view(bytes.data(), bytes.size()));
  s.close_remote();
  return s;
}

void FuzzHttp(std::string_view bytes, size_t read_size) {
  net::io_context ioc;
  beast::test::stream peer(ioc);
  beast::test::stream stream = ClientBytes(ioc, peer, bytes, read_size);
  beast::flat_buffer buffer;
  // A connection ends at its first error or at a request not kept alive.
  for (int requests = 0; requests < 64; ++requests) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    beast::error_code ec;
    http::read(stream, buffer, parser, ec);
    if (ec == http::error::end_of_stream) return;
    gb::server::Request req;
    if (ec == http::error::body_limit) {
      req.body_too_large = true;
    } else if (ec) {
      return;
    }
    const auto& msg = parser.get();
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.authorization = std::string(msg[http::field::authorization]);
    if (!req.body_too_large) {
      Check(parser.is_done());
      Check(!req.method.empty() && !req.target.empty());
      Check(msg.body().size() <= kMaxBodyBytes);
      req.body = msg.body();
    }
    req.websocket = !req.body_too_large && websocket::is_upgrade(msg);
    if (req.body_too_large || !msg.keep_alive()) return;
  }
}

void FuzzWebSocket(std::string_view bytes, size_t read_size) {
  net::io_context ioc;
  beast::test::stream peer(ioc);
  websocket::stream<beast::test::stream> ws(ClientBytes(ioc, peer, bytes, read_size));
  ws.read_message_max(kMaxClientMessage);
  ws.auto_fragment(false);
  http::request<http::string_body> upgrade{http::verb::get, "/v1/live", 11};
  upgrade.set(http::field::host, "store");
  upgrade.set(http::field::upgrade, "websocket");
  upgrade.set(http::field::connection, "upgrade");
  upgrade.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  upgrade.set(http::field::sec_websocket_version, "13");
  beast::error_code ec;
  ws.accept(upgrade, ec);
  Check(!ec);
  beast::flat_buffer buffer;
  // Each read consumes at least a frame header, so this ends with the bytes.
  for (size_t reads = 0; reads <= bytes.size(); ++reads) {
    const size_t n = ws.read(buffer, ec);
    if (ec) return;
    Check(n <= kMaxClientMessage && buffer.size() <= kMaxClientMessage);
    buffer.consume(buffer.size());
  }
  std::abort();  // more messages than bytes: the read loop cannot end
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
  if (data[0] % 2 == 0) {
    FuzzHttp(bytes, data[1]);
  } else {
    FuzzWebSocket(bytes, data[1]);
  }
  return 0;
}
