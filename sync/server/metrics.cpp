#include "sync/server/metrics.h"

namespace gb::server {

void Metrics::CountRequest(const std::string& route, int status) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  if (status >= 500) ++errors_;
}

void Metrics::CountEvents(int64_t ingested, int64_t duplicates, int64_t conflicts) {
  std::lock_guard lock(mu_);
  ingested_ += ingested;
  duplicates_ += duplicates;
  conflicts_ += conflicts;
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

std::string Metrics::Text() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP gb_http_requests_total HTTP requests answered, by route and status code.\n";
  out += "# TYPE gb_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += "gb_http_requests_total{route=\"" + key.first + "\",code=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  auto counter = [&out](const char* name, const char* help, int64_t v) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name +
           " " + std::to_string(v) + "\n";
  };
  counter("gb_events_ingested_total", "Events stored for the first time.", ingested_);
  counter("gb_events_duplicate_total", "Replayed events acknowledged again.", duplicates_);
  counter("gb_event_conflicts_total", "Conflicts recorded while ingesting.", conflicts_);
  counter("gb_errors_total", "Answers with a 5xx status.", errors_);
  return out;
}

}  // namespace gb::server
