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

HttpResult Http(const HttpTarget& to, const std::string& method, const std::string& target,
                const std::string& token = "", const std::string& body = "");

}  // namespace gb::test
