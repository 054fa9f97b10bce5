// The Prometheus text of Metrics: latency histogram, sync lag, gauges.
#include "sync/server/metrics.h"

#include <gtest/gtest.h>

namespace gb::server {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(MetricsTest, LatencyHistogramIsCumulativePerRoute) {
  Metrics m;
  m.CountRequest("/v1/redeem", 200, 0.0004);
  m.CountRequest("/v1/redeem", 200, 0.003);
  m.CountRequest("/v1/redeem", 409, 7.0);  // beyond the last bucket
  m.CountRequest("/healthz", 200, 0.0001);
  const std::string t = m.Text();
  EXPECT_TRUE(Has(t, "# TYPE gb_http_request_duration_seconds histogram")) << t;
  EXPECT_TRUE(
      Has(t, R"(gb_http_request_duration_seconds_bucket{route="/v1/redeem",le="0.0005"} 1)"));
  EXPECT_TRUE(
      Has(t, R"(gb_http_request_duration_seconds_bucket{route="/v1/redeem",le="0.0025"} 1)"));
  EXPECT_TRUE(
      Has(t, R"(gb_http_request_duration_seconds_bucket{route="/v1/redeem",le="0.005"} 2)"));
  EXPECT_TRUE(Has(t, R"(gb_http_request_duration_seconds_bucket{route="/v1/redeem",le="2.5"} 2)"));
  EXPECT_TRUE(Has(t, R"(gb_http_request_duration_seconds_bucket{route="/v1/redeem",le="+Inf"} 3)"));
  EXPECT_TRUE(Has(t, R"(gb_http_request_duration_seconds_count{route="/v1/redeem"} 3)"));
  EXPECT_TRUE(Has(t, R"(gb_http_request_duration_seconds_sum{route="/v1/redeem"} 7.0034)"));
  EXPECT_TRUE(Has(t, R"(gb_http_request_duration_seconds_count{route="/healthz"} 1)"));
  EXPECT_TRUE(Has(t, R"(gb_http_requests_total{route="/v1/redeem",code="409"} 1)"));
  EXPECT_EQ(m.latency_count("/v1/redeem"), 3);
}

TEST(MetricsTest, SyncLagIsSecondsSinceEachKiosksLastSync) {
  double now = 500;
  Metrics m([&now] { return now; });
  m.KioskSynced("kiosk-a");
  now = 502.5;
  m.KioskSynced("kiosk-b");
  now = 510;
  const std::string t = m.Text();
  EXPECT_TRUE(Has(t, "# TYPE gb_sync_lag_seconds gauge")) << t;
  EXPECT_TRUE(Has(t, R"(gb_sync_lag_seconds{kiosk="kiosk-a"} 10)")) << t;
  EXPECT_TRUE(Has(t, R"(gb_sync_lag_seconds{kiosk="kiosk-b"} 7.5)")) << t;
}

TEST(MetricsTest, GaugesAreReadWhenAsked) {
  Metrics m;
  int live = 3;
  m.AddGauge("gb_live_connections", "Open live connections.", [&live] { return live; });
  EXPECT_TRUE(Has(m.Text(), "gb_live_connections 3"));
  live = 4;
  const std::string t = m.Text();
  EXPECT_TRUE(Has(t, "# TYPE gb_live_connections gauge"));
  EXPECT_TRUE(Has(t, "gb_live_connections 4"));
}

}  // namespace
}  // namespace gb::server
