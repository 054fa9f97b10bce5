// Metrics: the server's counters in Prometheus text format (GET /metrics).
//
//   gb_http_requests_total{route="/v1/events",code="200"}  requests answered
//   gb_http_request_duration_seconds{route=...}   histogram (_bucket, _sum,
//       _count) of the time from the request read to its answer handed back,
//       per route; buckets kLatencyBuckets, in seconds
//   gb_events_ingested_total       events stored for the first time
//   gb_events_duplicate_total      replayed events (acknowledged again)
//   gb_event_conflicts_total       conflicts recorded by ingests
//   gb_errors_total                5xx answers
//   gb_internal_failures_total{where=...}  exceptions caught on a server
//       thread (router, writer, live hub, uplink): answered 500 or skipped,
//       and the server went on
//   gb_limit_refusals_total{limit=...}  requests or connections refused by
//       a limit: connections, auth_failures, enroll_attempts, live_per_token,
//       writer_queue, accept_backoff
//   gb_sync_lag_seconds{kiosk=...} per kiosk: seconds since its last
//       successful sync exchange (a 200 to POST /v1/events or GET /v1/state).
//       A healthy kiosk stays near its poll interval (2 s); one that is off
//       or cut off grows. Only kiosks seen since the server started appear.
//   plus any gauge added with AddGauge (gb_live_connections, ...)
//
// Routes and kiosks are labels only when the router names them (known paths,
// authenticated kiosks), so no client can grow the label set.
// Pure; thread-safe (one mutex; every update is a few map operations).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace gb::server {

inline constexpr std::array<double, 12> kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

class Metrics {
 public:
  // `now` gives seconds on a monotonic clock (default: steady_clock).
  explicit Metrics(std::function<double()> now = {});

  // One answered request and how long it took (seconds).
  void CountRequest(const std::string& route, int status, double seconds = 0);
  void CountEvents(int64_t ingested, int64_t duplicates, int64_t conflicts);
  // An exception caught on a server thread; `where` is one of a few fixed
  // names chosen by the code (never by a client).
  void CountFailure(const std::string& where);
  // A request or connection refused by the limit `which` (a fixed name).
  void CountLimit(const std::string& which);
  int64_t failures(const std::string& where) const;
  int64_t limit_refusals(const std::string& which) const;
  // The kiosk completed a sync exchange now (for gb_sync_lag_seconds).
  void KioskSynced(const std::string& kiosk_id);
  // A gauge read when /metrics is asked. REQUIRES: read outlives the Metrics
  // (or at least every Text() call); call before serving.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  int64_t requests(const std::string& route, int status) const;
  int64_t events_ingested() const;
  // Requests of the route observed in the latency histogram.
  int64_t latency_count(const std::string& route) const;

  std::string Text() const;

 private:
  struct Histogram {
    std::array<int64_t, kLatencyBuckets.size()> buckets{};  // not cumulative
    int64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };

  std::function<double()> now_;
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, int64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, double> last_sync_;  // kiosk -> now_() of its last sync
  std::vector<Gauge> gauges_;
  std::map<std::string, int64_t> failures_;
  std::map<std::string, int64_t> limits_;
  int64_t ingested_ = 0;
  int64_t duplicates_ = 0;
  int64_t conflicts_ = 0;
  int64_t errors_ = 0;
};

}  // namespace gb::server
