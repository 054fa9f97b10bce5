// GET / (the dashboard page) and GET /v1/series through the pure router,
// and the page's Content-Security-Policy hashes.
#include "sync/server/dashboard.h"

#include <gtest/gtest.h>

#include <optional>

#include "sync/server/router.h"

namespace gb::server {
namespace {

using nlohmann::json;

class SeriesBackend final : public Backend {
 public:
  std::optional<Principal> Authenticate(std::string_view token) override {
    if (token == "admin-token") return Principal{true, ""};
    return std::nullopt;
  }
  void SubmitEvents(protocol::Batch, EventsDone done) override { done(EventsOutcome{}); }
  base::Result<json> State(const Principal&, int64_t) override { return json::object(); }
  base::Result<json> Tallies() override { return json::object(); }
  base::Result<json> Redeem(const RedeemCall&) override { return json::object(); }
  base::Result<json> Series() override {
    if (!has_series) return Backend::Series();
    ++series_calls;
    return json{{"deals", {{"1", {{100, 1}, {160, 3}}}}}};
  }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }

  bool has_series = true;
  int series_calls = 0;
};

class DashboardRouteTest : public ::testing::Test {
 protected:
  Response Call(std::string method, std::string target, std::string token = "") {
    Request req{std::move(method), std::move(target), token.empty() ? "" : "Bearer " + token, "",
                false};
    std::optional<Response> got;
    router_.Handle(req, [&got](Response r) { got = std::move(r); });
    EXPECT_TRUE(got.has_value()) << "no reply";
    return got.value_or(Response{});
  }
  static std::string Header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  SeriesBackend backend_;
  Metrics metrics_;
  Router router_{backend_, metrics_};
};

TEST_F(DashboardRouteTest, PageNeedsNoTokenAndIsHtml) {
  Response r = Call("GET", "/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, std::string(DashboardHtml()));
  EXPECT_EQ(r.body.rfind("<!doctype html>", 0), 0u);
  EXPECT_EQ(metrics_.requests("/", 200), 1);
}

TEST_F(DashboardRouteTest, PageCarriesSecurityHeaders) {
  Response r = Call("GET", "/");
  const std::string csp = Header(r, "Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("connect-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(Header(r, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Header(r, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(Header(r, "X-Frame-Options"), "DENY");
  EXPECT_EQ(Header(r, "Cache-Control"), "no-store");
}

TEST_F(DashboardRouteTest, PageTakesOnlyGet) {
  Response r = Call("POST", "/");
  EXPECT_EQ(r.status, 405);
}

TEST_F(DashboardRouteTest, SeriesNeedsToken) {
  Response r = Call("GET", "/v1/series");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Header(r, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(Call("GET", "/v1/series", "wrong-token").status, 401);
  EXPECT_EQ(backend_.series_calls, 0);
}

TEST_F(DashboardRouteTest, SeriesWithTokenIsTheBackendsJson) {
  Response r = Call("GET", "/v1/series", "admin-token");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), json({{"deals", {{"1", {{100, 1}, {160, 3}}}}}}));
  EXPECT_EQ(Call("GET", "/v1/series?since=1", "admin-token").status, 400);
}

TEST_F(DashboardRouteTest, SeriesOfABackendWithoutItIs503) {
  backend_.has_series = false;
  Response r = Call("GET", "/v1/series", "admin-token");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(json::parse(r.body)["error"], "not_supported");
}

TEST(DashboardCspTest, HashIsBase64OfSha256) {
  // Known SHA-256 values of "" and "abc", in base64.
  EXPECT_EQ(CspHash(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  EXPECT_EQ(CspHash("abc"), "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='");
}

TEST(DashboardCspTest, InlineTextIsBetweenTheTags) {
  EXPECT_EQ(InlineText("<p><script>a()</script></p>", "script"), "a()");
  EXPECT_EQ(InlineText("<script>a()", "script"), "");
  EXPECT_EQ(InlineText("<style></style>", "script"), "");
}

TEST(DashboardCspTest, PolicyNamesThePagesOwnScriptAndStyle) {
  std::string_view script = InlineText(DashboardHtml(), "script");
  std::string_view style = InlineText(DashboardHtml(), "style");
  ASSERT_GT(script.size(), 1000u);
  ASSERT_GT(style.size(), 100u);
  EXPECT_NE(DashboardCsp().find("script-src " + CspHash(script) + ";"), std::string::npos);
  EXPECT_NE(DashboardCsp().find("style-src " + CspHash(style) + ";"), std::string::npos);
  // One inline script and one style: a second would be refused by the policy.
  const std::string html(DashboardHtml());
  EXPECT_EQ(html.find("<script", html.find("<script") + 1), std::string::npos);
  EXPECT_EQ(html.find("<style", html.find("<style") + 1), std::string::npos);
  // No external anything.
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
}

}  // namespace
}  // namespace gb::server
