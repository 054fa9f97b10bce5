// HTTP load for the server benchmarks: a closed-loop load generator (each of
// N keep-alive connections sends its next request when the last reply came)
// and a bare Beast server that answers every request with a constant (the
// ceiling of this machine for a Beast server: no routing, no auth, no JSON).
// Both run on one Asio thread each, so on a 2-core machine the client and
// the server under test get a core each.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gb::bench {

struct LoadOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  int connections = 50;
  double seconds = 3.0;
  std::string method = "GET";  // GET or POST
  std::string target = "/healthz";
  std::string token;  // Authorization: Bearer, when not empty
  // The body of connection c's n-th request (POST). Called on the load thread.
  std::function<std::string(int c, int64_t n)> body;
  // The target of connection c's n-th request, when it varies (else `target`).
  std::function<std::string(int c, int64_t n)> target_of;
  // Connection c's token, when each connection is another client (else `token`).
  std::function<std::string(int c)> token_of;
  // Connection c's X-Staff-Session (a till's money calls), when set and not "".
  std::function<std::string(int c)> staff_session_of;
  // A connection stops after this many requests (0: only the clock stops it).
  int64_t max_requests = 0;
  // When set, a 2xx reply whose body it refuses counts as `rejected`, not `ok`.
  std::function<bool(const std::string& body)> check;
};

struct LoadResult {
  int64_t ok = 0;      // 2xx replies
  int64_t non2xx = 0;  // other replies
  int64_t errors = 0;  // connections that failed (each stops its loop)
  int64_t rejected = 0;  // 2xx replies that `check` refused
  double seconds = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  int first_bad_status = 0;
  std::string first_error;
  double rate() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0; }
};

LoadResult RunLoad(const LoadOptions& options);

// A bare Beast HTTP server on 127.0.0.1 answering 200 {"status":"ok"} to
// everything, on its own thread, until destroyed.
class BareServer {
 public:
  BareServer();
  ~BareServer();
  uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::bench
