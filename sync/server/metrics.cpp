#include "sync/server/metrics.h"

#include <chrono>
#include <cstdio>

namespace gb::server {
namespace {

double SteadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Prometheus floats: shortest round-trip form is not needed, 6 significant
// digits are plenty for seconds and bucket bounds.
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

Metrics::Metrics(std::function<double()> now) : now_(now ? std::move(now) : SteadySeconds) {}

void Metrics::CountRequest(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  if (status >= 500) ++errors_;
  Histogram& h = latency_[route];
  ++h.count;
  h.sum += seconds;
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      ++h.buckets[i];
      break;
    }
  }
}

void Metrics::CountEvents(int64_t ingested, int64_t duplicates, int64_t conflicts) {
  std::lock_guard lock(mu_);
  ingested_ += ingested;
  duplicates_ += duplicates;
  conflicts_ += conflicts;
}

void Metrics::CountFailure(const std::string& where) {
  std::lock_guard lock(mu_);
  ++failures_[where];
}

void Metrics::CountLimit(const std::string& which) {
  std::lock_guard lock(mu_);
  ++limits_[which];
}

int64_t Metrics::failures(const std::string& where) const {
  std::lock_guard lock(mu_);
  auto it = failures_.find(where);
  return it == failures_.end() ? 0 : it->second;
}

int64_t Metrics::limit_refusals(const std::string& which) const {
  std::lock_guard lock(mu_);
  auto it = limits_.find(which);
  return it == limits_.end() ? 0 : it->second;
}

void Metrics::KioskSynced(const std::string& kiosk_id) {
  const double t = now_();
  std::lock_guard lock(mu_);
  last_sync_[kiosk_id] = t;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

int64_t Metrics::requests(const std::string& route, int status) const {
  std::lock_guard lock(mu_);
  auto it = requests_.find({route, status});
  return it == requests_.end() ? 0 : it->second;
}

int64_t Metrics::events_ingested() const {
  std::lock_guard lock(mu_);
  return ingested_;
}

int64_t Metrics::latency_count(const std::string& route) const {
  std::lock_guard lock(mu_);
  auto it = latency_.find(route);
  return it == latency_.end() ? 0 : it->second.count;
}

std::string Metrics::Text() const {
  const double now = now_();
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP gb_http_requests_total HTTP requests answered, by route and status code.\n";
  out += "# TYPE gb_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += "gb_http_requests_total{route=\"" + key.first + "\",code=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP gb_http_request_duration_seconds Time from a request read to its answer.\n";
  out += "# TYPE gb_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const std::string r = "route=\"" + route + "\"";
    int64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out += "gb_http_request_duration_seconds_bucket{" + r + ",le=\"" + Num(kLatencyBuckets[i]) +
             "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "gb_http_request_duration_seconds_bucket{" + r + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "gb_http_request_duration_seconds_sum{" + r + "} " + Num(h.sum) + "\n";
    out += "gb_http_request_duration_seconds_count{" + r + "} " + std::to_string(h.count) + "\n";
  }
  auto counter = [&out](const char* name, const char* help, int64_t v) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name +
           " " + std::to_string(v) + "\n";
  };
  counter("gb_events_ingested_total", "Events stored for the first time.", ingested_);
  counter("gb_events_duplicate_total", "Replayed events acknowledged again.", duplicates_);
  counter("gb_event_conflicts_total", "Conflicts recorded while ingesting.", conflicts_);
  counter("gb_errors_total", "Answers with a 5xx status.", errors_);
  auto labelled = [&out](const char* name, const char* help, const char* label,
                         const std::map<std::string, int64_t>& values) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n";
    for (const auto& [key, n] : values) {
      out += std::string(name) + "{" + label + "=\"" + key + "\"} " + std::to_string(n) + "\n";
    }
  };
  labelled("gb_internal_failures_total", "Exceptions caught on a server thread; the server went on.",
           "where", failures_);
  labelled("gb_limit_refusals_total", "Requests or connections refused by a limit.", "limit",
           limits_);
  out += "# HELP gb_sync_lag_seconds Seconds since the kiosk's last successful sync exchange.\n";
  out += "# TYPE gb_sync_lag_seconds gauge\n";
  for (const auto& [kiosk, at] : last_sync_) {
    out += "gb_sync_lag_seconds{kiosk=\"" + kiosk + "\"} " + Num(now - at) + "\n";
  }
  for (const Gauge& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n" + g.name + " " +
           Num(g.read()) + "\n";
  }
  return out;
}

}  // namespace gb::server
