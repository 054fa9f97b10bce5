// Metrics: the server's counters in Prometheus text format (GET /metrics).
//
//   gb_http_requests_total{route="/v1/events",code="200"}  requests answered
//   gb_events_ingested_total       events stored for the first time
//   gb_events_duplicate_total      replayed events (acknowledged again)
//   gb_event_conflicts_total       conflicts recorded by ingests
//   gb_errors_total                5xx answers
//
// Pure; thread-safe (one mutex; every update is a few map operations).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace gb::server {

class Metrics {
 public:
  void CountRequest(const std::string& route, int status);
  void CountEvents(int64_t ingested, int64_t duplicates, int64_t conflicts);

  int64_t requests(const std::string& route, int status) const;
  int64_t events_ingested() const;

  std::string Text() const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, int64_t> requests_;
  int64_t ingested_ = 0;
  int64_t duplicates_ = 0;
  int64_t conflicts_ = 0;
  int64_t errors_ = 0;
};

}  // namespace gb::server
