// A blocking HTTP/1.1 client for the server tests: one connection per
// request, plain or TLS with the certificate pinned by its SHA-256.
#pragma once

#include <cstdint>
#include <string>

namespace gb::test {

struct HttpResult {
  int status = 0;  // 0 when the request failed before a reply
  std::string body;
  std::string error;        // why status is 0
  std::string peer_sha256;  // TLS: the SHA-256 of the certificate the server showed
};

struct HttpTarget {
  uint16_t port = 0;
  bool tls = false;
  std::string pin_sha256;  // TLS: refuse (status 0) unless the certificate matches
};

// `staff_session`: sent as X-Staff-Session when not "" (the till's money calls).
HttpResult Http(const HttpTarget& to, const std::string& method, const std::string& target,
                const std::string& token = "", const std::string& body = "",
                const std::string& staff_session = "");

// POST /v1/staff/session with the kiosk's token, as a till signs a staff
// member in: the session (64 hex digits) for X-Staff-Session; "" and a
// test failure when the store refuses.
std::string SignInStaff(const HttpTarget& to, const std::string& kiosk_token,
                        const std::string& name, const std::string& pin);

// Sends `raw` byte for byte (request line, headers and body as written, no
// Host or length added) and reads one response, as an outsider's tool would.
// The pin is not checked.
HttpResult RawHttp(const HttpTarget& to, const std::string& raw);

// A plain TCP connection to 127.0.0.1:port that has sent nothing (reads
// time out after 10 s, a bound for a broken build); -1 on failure.
int ConnectTcp(uint16_t port);

}  // namespace gb::test
