// The dashboard (GET /) of a real head office in headless Chromium: a
// groupbuy-store head office (init-hq, a chain-wide deal imported), one real
// store linked to it and a kiosk of that store syncing, all over TLS on
// 127.0.0.1 as in tests/sync/uplink/chain_process_test.cpp. The page loads
// without console errors, its chain totals, per-store rows and Stores panel
// equal the head office's GET /v1/tallies, and a sign-up at the kiosk
// reaches the page (kiosk -> store -> head office -> page; how long it took
// is printed, not asserted). The screenshot goes to GB_TEST_OUTPUT_DIR as
// dashboard_hq.png.
//
// The head office serves HTTPS only to its stores (they pin its self-signed
// certificate), so the page is opened over that same HTTPS and this test's
// browser is told to accept the certificate (Security.setIgnoreCertificateErrors).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include "tests/sync/chain_setup.h"
#include "tests/sync/server/dashboard_page.h"

namespace gb::test {
namespace {

using std::chrono::milliseconds;

constexpr uint32_t kChainDeal = 77;

class DashboardHqProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    const HeadOffice hq = InitHq(Hdir(), "Chain", tmp_.str());
    admin_ = hq.admin_token;
    pin_ = hq.cert_sha256;
    ASSERT_FALSE(admin_.empty());
    rules::Deal deal = OpenDeal(kChainDeal, 3, static_cast<int64_t>(std::time(nullptr)));
    deal.title = {{"en", "Chain TV 55"}};
    deal.cap = 40;  // capped: the head office lends its store places (the Places column)
    ImportCatalog(Hdir(), {deal}, tmp_.str());
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(hq_.Start(Hdir(), /*tls=*/true)) << hq_.Output();

    ASSERT_EQ(Provision("init-store --dir " + Sdir() + " --name 'Main St' --listen 127.0.0.1:0",
                        tmp_.str())
                  .code,
              0);
    CliRun link = Provision("link-store --hq-dir " + Hdir() + " --store-dir " + Sdir() +
                                " --address 127.0.0.1:" + std::to_string(hq_.port()),
                            tmp_.str());
    ASSERT_EQ(link.code, 0) << link.err;
    // A second kiosk added from the store's folder that never connects: the
    // store reports it offline, never seen, once it has watched for 2 s
    // (the kiosk that syncs polls every 50 ms).
    ASSERT_FALSE(EnrolKiosk(Sdir(), Kdir(1)).token.empty());
    ASSERT_TRUE(store_.Start(Sdir(), /*tls=*/true, {"--kiosk-offline-after", "2"}))
        << store_.Output();
    // The kiosk that syncs is enrolled by code, as in a store.
    CliRun enrol = Provision("enroll --kiosk-dir " + Kdir(0) + " --code " +
                                 EnrollCode(Sdir(), store_.port(), tmp_.str()),
                             tmp_.str());
    ASSERT_EQ(enrol.code, 0) << enrol.err;
    kiosk_ = std::make_unique<KioskNode>(Kdir(0));
    ASSERT_TRUE(kiosk_->StartSync(store_.port(), 50, /*tls=*/true));
    ASSERT_TRUE(WaitFor([&] {
      return kiosk_->ledger().GetDeal(kChainDeal, std::time(nullptr)).ok();
    })) << kiosk_->client().status().last_error;

    // Two sign-ups, one cancelled at the till: the chain has 1 joined, 1 cancelled.
    auto first = SignUpAt(*kiosk_, kChainDeal, 1);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_TRUE(SignUpAt(*kiosk_, kChainDeal, 2).ok());
    ledger::TillRequest cancel{first->pledge_id, static_cast<int64_t>(std::time(nullptr)), "till-1",
                               "en"};
    ASSERT_TRUE(kiosk_->ledger().CancelPledge(cancel).ok());
    kiosk_->client().Wake();
    ASSERT_TRUE(WaitFor([&] {
      const json d = HqDeal();
      return d.is_object() && d["participants"] == 1 && d["cancelled"] == 1;
    })) << HqTallies().dump();
  }

  std::string Hdir() const { return tmp_.File("hq"); }
  std::string Sdir() const { return tmp_.File("store"); }
  std::string Kdir(int k) const { return tmp_.File("k" + std::to_string(k)); }

  json HqTallies() {
    HttpResult r = Http(HttpTarget{hq_.port(), true, pin_}, "GET", "/v1/tallies", admin_);
    EXPECT_EQ(r.status, 200) << r.body << r.error;
    return r.status == 200 ? json::parse(r.body) : json();
  }
  json HqDeal() {
    const json t = HqTallies();
    for (const json& d : t.value("deals", json::array())) {
      if (d["id"] == kChainDeal) return d;
    }
    return {};
  }
  std::string KioskId(int k) {
    auto dir = config::KioskDir::Open(Kdir(k));
    EXPECT_TRUE(dir.ok()) << dir.status().ToString();
    return dir.ok() ? dir->settings().kiosk_id : "";
  }
  // The chart has a point per step of the head office's GET /v1/series.
  void ExpectChartEqualsSeries() {
    HttpResult r = Http(HttpTarget{hq_.port(), true, pin_}, "GET", "/v1/series", admin_);
    ASSERT_EQ(r.status, 200) << r.body << r.error;
    const json series = json::parse(r.body);
    const json line = series["deals"].value(std::to_string(kChainDeal), json::array());
    EXPECT_FALSE(line.empty()) << r.body;
    EXPECT_EQ(page_->Eval("document.querySelector('[data-deal=\"77\"][data-field=chart]')"
                          ".dataset.points"),
              std::to_string(line.size()));
  }
  std::string PageParticipants() {
    const json v = page_->Eval(
        "(document.querySelector('[data-deal=\"77\"]"
        "[data-field=participants]') || {}).textContent || ''");
    return v.is_string() ? v.get<std::string>() : "";
  }

  // The chain deal's card and the Stores panel show exactly `t`'s numbers.
  void ExpectPageEqualsTallies(const json& t) {
    const json page = page_->Eval(kReadDeals);
    ASSERT_EQ(page.size(), t["deals"].size()) << page.dump(1);
    json d;
    for (const json& deal : t["deals"]) {
      if (deal["id"] == kChainDeal) d = deal;
    }
    ASSERT_TRUE(d.is_object()) << t.dump();
    const json p = page[std::to_string(kChainDeal)];
    SCOPED_TRACE("tallies " + d.dump() + "\npage " + p.dump());
    EXPECT_EQ(p["title"]["text"], d["title"]);
    EXPECT_EQ(p["state"]["text"], d["state"]);
    EXPECT_EQ(p["participants"]["text"], d["participants"].dump());
    EXPECT_EQ(p["threshold"]["text"], d["threshold"].dump());
    EXPECT_EQ(p["price"]["value"], d["price"].dump());
    for (const char* f : {"reserved", "redeemed", "cancelled", "conflicts"}) {
      EXPECT_EQ(p[f]["value"], d[f].dump()) << f;
      EXPECT_EQ(p[f]["text"], d[f].dump()) << f;
    }
    const int64_t left = d["deadline"].get<int64_t>() - t["now"].get<int64_t>();
    EXPECT_LE(std::abs(std::stoll(p["time-left"]["value"].get<std::string>()) - left), 5);
    // One row per store that reported the deal, with its own numbers.
    ASSERT_TRUE(d.contains("by_store")) << "no per-store rows at head office";
    int rows = 0;
    for (const auto& [key, cell] : p.items()) rows += key.rfind("store:", 0) == 0;
    EXPECT_EQ(rows, 6 * static_cast<int>(d["by_store"].size()));  // 6 fields a row, capped
    for (const auto& [id, s] : d["by_store"].items()) {
      const std::string row = "store:" + id + ":";
      EXPECT_EQ(p[row + "participants"]["text"],
                std::to_string(s["committed"].get<int64_t>() + s["reserved"].get<int64_t>()));
      for (const char* f : {"reserved", "redeemed", "cancelled"}) {
        EXPECT_EQ(p[row + f]["text"], s[f].dump()) << row << f;
      }
      EXPECT_EQ(p[row + "state"]["text"], s["state"]) << row;
      // Places the store's kiosks hold of those the head office lent it.
      ASSERT_TRUE(s.contains("lent")) << s.dump();
      EXPECT_GT(s["lent"]["seats"].get<int64_t>(), 0) << s.dump();
      EXPECT_EQ(p[row + "places"]["text"],
                std::to_string(s.value("held", int64_t{0})) + " / " + s["lent"]["seats"].dump())
          << row;
    }
    // The Stores panel: each store, and its kiosks online as it reported them.
    EXPECT_EQ(page_->Eval("document.getElementById('stores').hidden"), false);
    ASSERT_TRUE(t["stores"].is_array()) << t.dump();
    EXPECT_EQ(page_->Eval("document.querySelectorAll('#stores li[data-store]').length"),
              t["stores"].size());
    size_t offline = 0;
    for (const json& s : t["stores"]) {
      const std::string li =
          "document.querySelector('#stores li[data-store=\"" + s["id"].get<std::string>() + "\"]')";
      EXPECT_EQ(page_->Eval(li + ".querySelector('b').textContent"), s["name"]);
      EXPECT_EQ(page_->Eval(li + ".querySelector('[data-field=store-kiosks-online]').textContent"),
                std::to_string(s["kiosks_enrolled"].get<int64_t>() -
                               static_cast<int64_t>(s["kiosks_offline"].size())))
          << s.dump();
      for (const json& k : s["kiosks_offline"]) {
        EXPECT_EQ(page_->Eval(li +
                              ".querySelectorAll('[data-field=store-kiosk-offline]"
                              "[data-kiosk=\"" +
                              k["kiosk_id"].get<std::string>() + "\"]').length"),
                  1)
            << k.dump();
      }
      offline += s["kiosks_offline"].size();
    }
    EXPECT_EQ(page_->Eval("document.querySelectorAll('[data-field=store-kiosk-offline]').length"),
              offline);
  }

  ScopedTempDir tmp_;
  std::string admin_, pin_;
  StoreProcess hq_;
  StoreProcess store_;
  std::unique_ptr<KioskNode> kiosk_;
  std::unique_ptr<DashboardPage> page_;  // goes first: the browser before the servers
};

TEST_F(DashboardHqProcessTest, ShowsTheChainLiveFromARealHeadOffice) {
  // The store reports its kiosks with its next round: two enrolled, the
  // second never seen.
  ASSERT_TRUE(WaitFor([&] {
    const json t = HqTallies();
    for (const json& s : t.value("stores", json::array())) {
      if (s.value("kiosks_enrolled", 0) == 2 && s["kiosks_offline"].size() == 1) return true;
    }
    return false;
  })) << HqTallies().dump();

  auto page = DashboardPage::Launch(tmp_.File("chromium/profile"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  page_ = std::move(page).value();
  ASSERT_TRUE(page_->IgnoreCertificateErrors().ok());
  ASSERT_TRUE(
      page_->Navigate("https://127.0.0.1:" + std::to_string(hq_.port()) + "/#token=" + admin_)
          .ok());
  ASSERT_TRUE(page_->WaitFor("!!window.gbDashboard && window.gbDashboard.renders > 0"))
      << page_->Eval("document.body.innerText").dump() << "\n"
      << page_->chromium().Log();
  EXPECT_EQ(page_->Eval("document.getElementById('role').textContent"), "head office");
  EXPECT_EQ(page_->Eval("document.getElementById('heading').textContent"), "Group buy — Chain");
  EXPECT_EQ(page_->Eval("/^updated \\d\\d:\\d\\d:\\d\\d$/.test(document.getElementById('status')"
                        ".textContent)"),
            true);

  json tallies = HqTallies();
  ASSERT_EQ(tallies["stores"].size(), 1u) << tallies.dump();
  EXPECT_EQ(tallies["stores"][0]["kiosks_offline"][0]["kiosk_id"], KioskId(1));
  ExpectPageEqualsTallies(tallies);
  ExpectChartEqualsSeries();

  // A sign-up at the kiosk: kiosk -> store -> head office -> the page's next poll.
  const std::string before = PageParticipants();
  const std::string expected = std::to_string(std::stoll(before) + 1);
  const auto signed_up = std::chrono::steady_clock::now();
  ASSERT_TRUE(SignUpAt(*kiosk_, kChainDeal, 3).ok());
  const bool shown = page_->WaitFor(
      "document.querySelector('[data-deal=\"77\"]"
      "[data-field=participants]').textContent === '" +
          expected + "'",
      milliseconds(20000));
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - signed_up).count();
  ASSERT_TRUE(shown) << "page still shows " << PageParticipants() << "; head office has "
                     << HqDeal().dump();
  std::printf(
      "head-office dashboard showed the kiosk's sign-up %.2f s after it was taken "
      "(kiosk polls 50 ms, store reports every 1 s, page polls every 2 s)\n",
      took);
  tallies = HqTallies();
  ExpectPageEqualsTallies(tallies);
  ExpectChartEqualsSeries();
  // A head office's clients are stores: no "Kiosks" panel counting them.
  EXPECT_EQ(page_->Eval("document.getElementById('kiosks').hidden"), true);

  // The kiosk's printer runs out of paper: kiosk -> store -> head office -> page.
  EXPECT_EQ(page_->Eval("document.getElementById('printers').hidden"), true);
  ASSERT_TRUE(kiosk_->ledger()
                  .RecordPrinterState("paper_out", 1, static_cast<int64_t>(std::time(nullptr)))
                  .ok());
  kiosk_->client().Wake();
  ASSERT_TRUE(page_->WaitFor("!document.getElementById('printers').hidden", milliseconds(20000)))
      << HqTallies().dump();
  const json printers = HqTallies()["printers"];
  ASSERT_EQ(printers.size(), 1u) << printers.dump();
  EXPECT_EQ(page_->Eval("document.querySelectorAll('#printers li').length"), 1);
  EXPECT_EQ(page_->Eval("document.querySelector('#printers li').dataset.kiosk"),
            printers[0]["kiosk_id"]);
  EXPECT_EQ(page_->Eval("document.querySelector('#printers li b').textContent"),
            printers[0]["name"]);
  EXPECT_EQ(page_->Eval("document.querySelector('#printers li').textContent.includes("
                        "'paper out')"),
            true);
  page_->Screenshot(GB_TEST_OUTPUT_DIR, "dashboard_hq.png");

  std::this_thread::sleep_for(milliseconds(200));  // late events of the above
  EXPECT_EQ(page_->Errors(), std::vector<std::string>{});
}

}  // namespace
}  // namespace gb::test
