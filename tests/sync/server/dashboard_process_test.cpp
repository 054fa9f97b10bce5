// The dashboard (GET /) in headless Chromium against a real groupbuy-store:
// the page loads without console errors, its numbers equal GET /v1/tallies,
// a sign-up shows within seconds, per-store rows render from a head-office
// fixture, a refused token and an unreachable server are said plainly.
// Screenshots go to GB_TEST_OUTPUT_DIR (their paths are printed).
#include <gtest/gtest.h>

#include <map>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "sync/protocol/batch_codec.h"
#include "sync/store/store_records.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/dashboard_page.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"
#include "tests/sync/store/event_maker.h"

namespace gb::test {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// A head-office answer (the lead's contract): by_store per deal, stores,
// printers. Nothing serves it yet; the page must render it.
constexpr const char* kHqFixture = R"json({
  "revision": 9, "rescue_open": 0, "role": "hq", "name": "Head office", "now": 1764720000,
  "kiosks": [],
  "stores": [{"id": "s1", "name": "Main St", "last_seen_at": 1764719995, "kiosks_enrolled": 4,
              "kiosks_reported_at": 1764719990,
              "kiosks_offline": [{"kiosk_id": "k7", "since": 1764719400},
                                 {"kiosk_id": "k9", "since": null}]},
             {"id": "s2", "name": "Harbour", "last_seen_at": 1764719000, "kiosks_offline": []}],
  "printers": [{"kiosk_id": "k3", "name": "Main St door", "state": "paper_out",
                "since": 1764719700}],
  "deals": [{"id": 7, "state": "open", "committed": 8, "reserved": 1, "participants": 9,
             "by_kiosk": {}, "threshold": 20, "tier": null, "price": 129900, "conflicts": 1,
             "rescue_open": 0, "title": "Chain TV 55", "currency": "EUR",
             "deadline": 1764806400, "cap": 50, "redeemed": 0, "cancelled": 2, "chain": true,
             "stop_at": 1764717000, "stopped_early_at": 1764717000,
             "by_store": {
               "s1": {"name": "Main St", "committed": 5, "reserved": 1, "redeemed": 0,
                      "cancelled": 1, "state": "open", "price": 129900, "updated_at": 1764719990},
               "s2": {"name": "Harbour", "committed": 3, "reserved": 0, "redeemed": 0,
                      "cancelled": 1, "state": "open", "price": 129900, "updated_at": 1764719000}}}]
})json";

class DashboardProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun init = Provision("init-store --dir " + Sdir() + " --name 'Main St' --listen 127.0.0.1:0",
                            tmp_.str());
    ASSERT_EQ(init.code, 0) << init.err;
    admin_ = init.out.substr(init.out.rfind(' ') + 1);
    admin_.pop_back();  // the newline
    now_ = static_cast<int64_t>(std::time(nullptr));
    json deals = json::array();
    for (auto [id, threshold, title] :
         {std::tuple{1u, 3, "Sofa Oslo"}, std::tuple{2u, 10, "Lamp Bergen"}}) {
      rules::Deal d = MakeDeal(id, threshold);
      d.title = {{"en", title}};
      d.opens_at = now_ - 3600;
      d.stop_at = now_ + 2 * 86400;
      d.deadline = now_ + 3 * 86400 + 5 * 3600 - 30;  // "3 d 4 h" left
      d.redeem_by = now_ + 30 * 86400;
      deals.push_back(rules::DealToJson(d));
      deals_[id] = d;
    }
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog.json"), json{{"deals", deals}}.dump(),
                                      0644, base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
    for (int i = 0; i < 3; ++i) {
      kiosks_.push_back(EnrolKiosk(Sdir(), tmp_.File("k" + std::to_string(i))));
      ASSERT_FALSE(kiosks_.back().token.empty());
    }
    std::filesystem::create_directories(GB_TEST_OUTPUT_DIR);
  }

  std::string Sdir() const { return tmp_.File("store"); }
  HttpTarget To() const { return HttpTarget{server_.port(), false, ""}; }
  std::string Url(const std::string& token, const std::string& query = "") const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + "/" + query + "#token=" + token;
  }

  protocol::Event Sign(size_t k, int64_t seq, uint64_t serial, uint32_t deal, int64_t ago) {
    Kiosk& kiosk = kiosks_[k];
    return SignUp(*kiosk.key, kiosk.key_id, kiosk.kiosk_id, seq, serial, deals_.at(deal), now_ - ago,
                  k * 1000 + serial);
  }
  void Post(size_t k, const std::vector<protocol::Event>& events) {
    HttpResult r =
        Http(To(), "POST", "/v1/events", kiosks_[k].token, protocol::EncodeBatch(events));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  json Get(const std::string& path) {
    HttpResult r = Http(To(), "GET", path, admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  bool WaitFor(const std::string& js, milliseconds timeout = milliseconds(8000)) {
    return page_->WaitFor(js, timeout);
  }
  json Eval(const std::string& js) { return page_->Eval(js); }
  void Screenshot(const std::string& name) { page_->Screenshot(GB_TEST_OUTPUT_DIR, name); }

  // The page shows exactly the tallies' numbers for every deal.
  void ExpectPageEqualsTallies(const json& tallies, const json& series) {
    json page = Eval(kReadDeals);
    ASSERT_EQ(page.size(), tallies["deals"].size()) << page.dump(1);
    for (json d : tallies["deals"]) {
      json p = page[std::to_string(d["id"].get<int64_t>())];
      SCOPED_TRACE("deal " + d["id"].dump() + " page " + p.dump());
      EXPECT_EQ(p["title"]["text"], d["title"]);
      EXPECT_EQ(p["state"]["text"], d["state"]);
      EXPECT_EQ(p["participants"]["text"], d["participants"].dump());
      EXPECT_EQ(p["threshold"]["text"], d["threshold"].dump());
      EXPECT_EQ(p["price"]["value"], d["price"].dump());
      for (const char* f : {"reserved", "redeemed", "cancelled", "conflicts"}) {
        EXPECT_EQ(p[f]["text"], d[f].dump()) << f;
        EXPECT_EQ(p[f]["value"], d[f].dump()) << f;
      }
      const int64_t left = d["deadline"].get<int64_t>() - tallies["now"].get<int64_t>();
      EXPECT_LE(std::abs(std::stoll(p["time-left"]["value"].get<std::string>()) - left), 5);
      EXPECT_EQ(p["time-left"]["text"], "3 d 4 h");
      for (const auto& [kiosk, c] : d["by_kiosk"].items()) {
        EXPECT_EQ(p["kiosk:" + kiosk + ":participants"]["text"],
                  std::to_string(c["committed"].get<int64_t>() + c["reserved"].get<int64_t>()));
      }
      const json line = series["deals"].value(d["id"].dump(), json::array());
      EXPECT_EQ(p["chart"]["points"], std::to_string(line.size()));
    }
  }

  ScopedTempDir tmp_;
  std::string admin_;
  int64_t now_ = 0;
  std::map<uint32_t, rules::Deal> deals_;  // as imported in SetUp
  std::vector<Kiosk> kiosks_;
  StoreProcess server_;
  std::unique_ptr<DashboardPage> page_;
};

TEST_F(DashboardProcessTest, ShowsTheTalliesLiveInChromium) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  // Deal 1 unlocks (3 of 3) and one voucher is redeemed; deal 2 has one of
  // two sign-ups cancelled. Kiosk 3 never reaches the server.
  Post(0, {Sign(0, 1, 1, 1, 3000), Sign(0, 2, 2, 1, 2000), Sign(0, 3, 3, 2, 1500),
           Sign(0, 4, 4, 2, 1000)});
  Post(1, {Sign(1, 1, 1, 1, 900)});
  Post(0, {Redeem(kiosks_[0].kiosk_id, 5, kiosks_[0].key_id, 1, now_ - 60, "Till 1"),
           Cancel(kiosks_[0].kiosk_id, 6, kiosks_[0].key_id, 4, now_ - 30)});

  auto page = DashboardPage::Launch(tmp_.File("chromium/profile"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  page_ = std::move(page).value();
  ASSERT_TRUE(page_->Navigate(Url(admin_)).ok());
  ASSERT_TRUE(WaitFor("!!window.gbDashboard && window.gbDashboard.renders > 0"))
      << Eval("document.body.innerText").dump() << "\n"
      << page_->chromium().Log();

  // The token left the address bar and lives in the tab's sessionStorage.
  EXPECT_EQ(Eval("location.href.includes('token')"), false);
  EXPECT_EQ(Eval("sessionStorage.getItem('gb.dashboard.token')"), admin_);
  EXPECT_EQ(Eval("/^updated \\d\\d:\\d\\d:\\d\\d$/.test(document.getElementById('status')"
                 ".textContent)"),
            true);

  json tallies = Get("/v1/tallies");
  json series = Get("/v1/series");
  ASSERT_EQ(tallies["deals"].size(), 2u);
  EXPECT_EQ(tallies["deals"][0]["redeemed"], 1);
  EXPECT_EQ(tallies["deals"][1]["cancelled"], 1);
  ExpectPageEqualsTallies(tallies, series);
  EXPECT_EQ(Eval("document.getElementById('heading').textContent"), "Group buy — Main St");
  // Two kiosks posted just now; the third was never seen.
  EXPECT_EQ(Eval("document.querySelector('[data-field=kiosks-online]').textContent"), "2");
  EXPECT_EQ(Eval("document.querySelectorAll('[data-field=kiosk-offline]').length"), 1);
  EXPECT_EQ(Eval("document.querySelector('[data-field=kiosk-offline]').dataset.kiosk"),
            kiosks_[2].kiosk_id);

  // A sign-up arrives: the page shows it within a poll or two.
  Post(1, {Sign(1, 2, 2, 2, 5)});
  EXPECT_TRUE(WaitFor(
      "document.querySelector('[data-deal=\"2\"][data-field=participants]').textContent === '2'",
      milliseconds(6000)));
  tallies = Get("/v1/tallies");
  series = Get("/v1/series");
  EXPECT_EQ(tallies["deals"][1]["participants"], 2);
  ExpectPageEqualsTallies(tallies, series);
  Screenshot("dashboard.png");

  // Kiosk 1's serials jump far beyond what it sent: flagged for review on
  // the Kiosks panel (its sign-up still counts).
  const uint64_t jumped = 3 + store::kSerialJumpBound;
  Post(1, {Sign(1, 3, jumped, 2, 4)});
  EXPECT_TRUE(WaitFor("document.querySelectorAll('[data-field=kiosk-flagged]').length === 1",
                      milliseconds(6000)))
      << Eval("document.getElementById('kiosks').innerText").dump();
  EXPECT_EQ(Eval("document.querySelector('[data-field=kiosk-flagged]').dataset.kiosk"),
            kiosks_[1].kiosk_id);
  EXPECT_EQ(Eval("document.querySelector('[data-field=kiosk-flagged]').textContent"
                 ".includes('serial_jump: key " + std::to_string(kiosks_[1].key_id) + " serial " +
                 std::to_string(jumped) + " after 2')"),
            true);
  EXPECT_EQ(Eval("document.getElementById('kiosks').classList.contains('alert')"), true);
  EXPECT_EQ(Get("/v1/tallies")["deals"][1]["participants"], 3);
  Screenshot("dashboard_flagged.png");

  // Head office: per-store rows, stores and printers, from the contract's fixture.
  Eval(std::string("window.gbDashboard.stop(); window.gbDashboard.render(") + kHqFixture +
       ", {\"7\": [[1764700000, 2], [1764710000, 6], [1764719000, 9]]}); true");
  json hq = Eval(kReadDeals);
  EXPECT_EQ(hq["7"]["store:s1:participants"]["text"], "6") << hq.dump(1);
  EXPECT_EQ(hq["7"]["store:s2:participants"]["text"], "3");
  EXPECT_EQ(hq["7"]["store:s2:cancelled"]["text"], "1");
  EXPECT_EQ(hq["7"]["participants"]["text"], "9");
  EXPECT_EQ(hq["7"]["chart"]["points"], "3");
  EXPECT_EQ(Eval("document.getElementById('stores').hidden"), false);
  // Each store's kiosks as it last reported them: 2 of 4 online, k7 offline
  // for 10 min, k9 never seen.
  EXPECT_EQ(Eval("document.querySelector('[data-store=s1] [data-field=store-kiosks-online]')"
                 ".textContent"),
            "2");
  EXPECT_EQ(Eval("document.querySelectorAll('[data-field=store-kiosk-offline]').length"), 2);
  EXPECT_EQ(Eval("document.querySelector('[data-kiosk=k7][data-field=store-kiosk-offline]')"
                 ".textContent.includes('for 10 min')"),
            true);
  EXPECT_EQ(Eval("document.querySelector('[data-kiosk=k9][data-field=store-kiosk-offline]')"
                 ".textContent.includes('never seen')"),
            true);
  EXPECT_EQ(Eval("document.querySelectorAll('[data-store=s2] [data-field=store-kiosks-online]')"
                 ".length"),
            0);
  EXPECT_EQ(hq["7"]["stopped"]["value"], "1764717000");
  EXPECT_EQ(Eval("document.getElementById('printers').hidden"), false);
  EXPECT_EQ(Eval("document.getElementById('kiosks').hidden"), true);
  EXPECT_EQ(Eval("document.getElementById('role').textContent"), "head office");
  Screenshot("dashboard_hq_fixture.png");

  std::this_thread::sleep_for(milliseconds(200));  // late events of the above
  EXPECT_EQ(page_->Errors(), std::vector<std::string>{});

  // A refused token is said plainly, with the field to paste another.
  ASSERT_TRUE(page_->Navigate(Url("wrong-token", "?again")).ok());
  EXPECT_TRUE(WaitFor("document.getElementById('problem-title').textContent.includes('401')"));
  EXPECT_EQ(Eval("document.getElementById('login').hidden"), false);

  // The server goes away: the page says since when and keeps the numbers.
  ASSERT_TRUE(page_->Navigate(Url(admin_, "?third")).ok());
  ASSERT_TRUE(WaitFor("!!window.gbDashboard && window.gbDashboard.renders > 0"));
  server_.Kill();
  EXPECT_TRUE(
      WaitFor("document.getElementById('status').textContent"
              ".startsWith('server unreachable since')"));
  EXPECT_EQ(Eval("document.querySelector('[data-deal=\"2\"][data-field=participants]')"
                 ".textContent"),
            "3");  // two, and the flagged kiosk's sign-up
}

}  // namespace
}  // namespace gb::test
