// The HTTP request and response as the pure router sees them: no sockets, no
// Beast types. The Beast adapter (http_session.h) converts to and from these.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace gb::server {

struct Request {
  std::string method;         // "GET", "POST", ...
  std::string target;         // "/v1/state?since=3"
  std::string authorization;  // the Authorization header, "" if none
  std::string body;
  bool body_too_large = false;  // the adapter stopped reading at the body limit
  bool websocket = false;       // a WebSocket upgrade request (GET /v1/live)
  std::string peer = "";        // the client's address ("127.0.0.1"), "" if unknown
  std::string staff_session = "";  // the X-Staff-Session header, "" if none (staff_routes.h)
};

// Status 101 is the router's "go ahead" to a WebSocket upgrade: the adapter
// does not write it but hands the connection to a LiveSession.
inline constexpr int kSwitchToLive = 101;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  // With kSwitchToLive: who opened the live connection (a kiosk id; "" for
  // the admin), so the adapter can cap live connections per token and close
  // them when the kiosk is revoked.
  std::string principal;
};

// Called exactly once per request, possibly on another thread (POST
// /v1/events replies from the writer thread after its group commits).
using Reply = std::function<void(Response)>;

}  // namespace gb::server
