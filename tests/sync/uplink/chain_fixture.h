// The chain's process-test fixture: a head office, two stores and two
// kiosks in each, all real: groupbuy-store processes on 127.0.0.1 (the head
// office over TLS, as stores always reach it), provisioned by
// groupbuy-provision (init-hq, link-store), kiosks with their real sync
// threads, and chain-wide deal 77 at every kiosk. Header-only, for the
// tests of tests/sync/uplink.
#pragma once

#include <sstream>

#include "tests/sync/chain_setup.h"

namespace gb::test {

constexpr uint32_t kChainDeal = 77;

class ChainProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    const HeadOffice hq = InitHq(Hdir(), "Chain", tmp_.str());
    admin_ = hq.admin_token;
    pin_ = hq.cert_sha256;
    ASSERT_EQ(pin_.size(), 64u);
    now_ = static_cast<int64_t>(std::time(nullptr));
    ImportCatalog(Hdir(), {OpenDeal(kChainDeal, 4, now_)}, tmp_.str());
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_TRUE(hq_.Start(Hdir(), /*tls=*/true)) << hq_.Output();
    for (int s = 0; s < 2; ++s) {
      const std::string sdir = Sdir(s);
      CliRun st = Provision("init-store --dir " + sdir + " --name Store" + std::to_string(s) +
                                " --listen 127.0.0.1:0",
                            tmp_.str());
      ASSERT_EQ(st.code, 0) << st.err;
      // Both ways of linking: store 0 from the head office's folder, store 1
      // by a one-time code of the head office's, over pinned TLS.
      CliRun link =
          s == 0 ? Provision("link-store --hq-dir " + Hdir() + " --store-dir " + sdir +
                                 " --address 127.0.0.1:" + std::to_string(hq_.port()),
                             tmp_.str())
                 : Provision("link-store --store-dir " + sdir + " --code " + Code(Hdir(), hq_),
                             tmp_.str());
      ASSERT_EQ(link.code, 0) << link.err;
      // TLS, as kiosks enrolled by code always reach their store. Kiosks
      // poll every 50 ms here: 2 s of silence is offline.
      ASSERT_TRUE(stores_[s].Start(sdir, /*tls=*/true, {"--kiosk-offline-after", "2"}))
          << stores_[s].Output();
      for (int k = 0; k < 2; ++k) {
        const std::string kdir = tmp_.File("k" + std::to_string(s) + std::to_string(k));
        CliRun enrol = Provision("enroll --kiosk-dir " + kdir + " --code " +
                                     Code(sdir, stores_[s]),
                                 tmp_.str());
        ASSERT_EQ(enrol.code, 0) << enrol.err;
        kiosks_[s][k] = std::make_unique<KioskNode>(kdir);
        ASSERT_TRUE(kiosks_[s][k]->StartSync(stores_[s].port(), 50, /*tls=*/true));
      }
    }
    // The chain-wide deal reaches every kiosk: head office -> store -> kiosk.
    for (auto& store : kiosks_) {
      for (auto& node : store) {
        ASSERT_TRUE(WaitFor([&] { return node->ledger().GetDeal(kChainDeal, now_).ok(); }))
            << node->client().status().last_error;
      }
    }
  }

  std::string Code(const std::string& dir, const StoreProcess& server) {
    return EnrollCode(dir, server.port(), tmp_.str());
  }

  std::string Hdir() const { return tmp_.File("hq"); }
  std::string Sdir(int s) const { return tmp_.File("store" + std::to_string(s)); }

  json HqTallies() {
    HttpResult r = Http(HttpTarget{hq_.port(), true, pin_}, "GET", "/v1/tallies", admin_);
    EXPECT_EQ(r.status, 200) << r.body << r.error;
    return r.status == 200 ? json::parse(r.body) : json();
  }
  json HqDeal() {
    json t = HqTallies();
    if (!t.is_object()) return {};
    for (const json& d : t["deals"]) {
      if (d["id"] == kChainDeal) return d;
    }
    return {};
  }

  base::Result<ledger::SignUpReceipt> SignUp(int s, int k, int phone) {
    return SignUpAt(*kiosks_[s][k], kChainDeal, phone);
  }

  // Sum of participants of the chain deal over the CSV's store rows.
  int64_t CsvParticipants(std::string* csv_out) {
    HttpResult r = Http(HttpTarget{hq_.port(), true, pin_}, "GET", "/v1/report.csv", admin_);
    EXPECT_EQ(r.status, 200) << r.body << r.error;
    *csv_out = r.body;
    std::istringstream in(r.body);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line.rfind("deal,title,store,store_name,participants", 0), 0u) << line;
    int64_t sum = 0;
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::stringstream row(line);
      for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
      if (cells.size() < 5 || cells[0] != std::to_string(kChainDeal)) continue;
      sum += std::stoll(cells[4]);
    }
    return sum;
  }

  int64_t LedgerVouchers() {
    int64_t n = 0;
    for (auto& store : kiosks_) {
      for (auto& node : store) n += *node->ledger().CountVouchers();
    }
    return n;
  }

  ScopedTempDir tmp_;
  std::string admin_, pin_;
  int64_t now_ = 0;
  StoreProcess hq_;
  StoreProcess stores_[2];
  std::unique_ptr<KioskNode> kiosks_[2][2];
};

}  // namespace gb::test
