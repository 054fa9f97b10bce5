// HttpTransport: the one seam between the sync client and the network.
//
// Send makes one HTTP/1.1 request to the store server and returns the reply,
// whatever its status code: a 4xx or 5xx is a reply, not an error. Errors
// are for when no reply came: "unreachable" (connect refused, no route, DNS),
// "timeout", "connection_lost" (closed mid-reply), "tls_failed" and
// "pin_mismatch" (the server's certificate is not the one enrolled; nothing
// was sent). The bearer token is the transport's business, not the caller's.
// Implementations: BeastTransport (beast_transport.h), fakes in tests.
#pragma once

#include <string>

#include "core/base/result.h"

namespace gb::sync_client {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string target;          // "/v1/events", "/v1/state?since=12"
  std::string body;            // JSON for POST
  std::string staff_session = "";  // sent as X-Staff-Session when not "" (till calls)
};

struct HttpReply {
  int status = 0;
  std::string body;
  std::string date;  // the Date header, "" when absent (clock skew)
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual base::Result<HttpReply> Send(const HttpRequest& request) = 0;
};

}  // namespace gb::sync_client
