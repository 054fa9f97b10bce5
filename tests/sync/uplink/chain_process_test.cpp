// A head office, two stores and two kiosks in each, all real: groupbuy-store
// processes on 127.0.0.1 (the head office over TLS, as stores always reach
// it), provisioned by groupbuy-provision (init-hq, link-store), kiosks with
// their real sync threads. A chain-wide deal unlocks on the sum over both
// stores and every kiosk hears of it; the CSV report adds up to the kiosks'
// ledgers; a store cut off from its head office catches up without loss or
// double counting.
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "sync/store/hq_link.h"
#include "tests/sync/uplink/chain_fixture.h"

namespace gb::test {
namespace {

TEST_F(ChainProcessTest, AChainWideDealUnlocksOnTheSumOverStoresAtEveryKiosk) {
  // One sign-up per kiosk: each store alone has 2 of the 4 needed.
  for (int s = 0; s < 2; ++s) {
    for (int k = 0; k < 2; ++k) ASSERT_TRUE(SignUp(s, k, s * 10 + k).ok());
  }
  const auto last_sign_up = std::chrono::steady_clock::now();
  // Reported, not asserted (timings belong to benchmarks): how long the
  // unlock took to reach every kiosk of both stores.
  EXPECT_TRUE(WaitFor([&] {
    for (auto& store : kiosks_) {
      for (auto& node : store) {
        auto d = node->ledger().GetDeal(kChainDeal, now_);
        if (!d.ok() || d->state != rules::DealState::kUnlocked) return false;
      }
    }
    return true;
  }));
  std::printf("chain unlock reached all 4 kiosks %.2f s after the last sign-up\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - last_sign_up)
                  .count());
  ASSERT_TRUE(WaitFor([&] { return HqDeal()["committed"] == 4; })) << HqTallies().dump();
  const json deal = HqDeal();
  EXPECT_EQ(deal["state"], "unlocked");
  EXPECT_EQ(deal["chain"], true);
  ASSERT_EQ(deal["by_store"].size(), 2u) << deal.dump();
  for (const auto& [id, row] : deal["by_store"].items()) EXPECT_EQ(row["committed"], 2) << id;
  // Each store hears of the unlock and reports the deal unlocked in turn.
  EXPECT_TRUE(WaitFor([&] {
    json d = HqDeal();
    for (const auto& [id, row] : d["by_store"].items()) {
      if (row["state"] != "unlocked") return false;
    }
    return d["by_store"].size() == 2;
  })) << HqDeal().dump();
  for (auto& store : kiosks_) {
    for (auto& node : store) {
      EXPECT_TRUE(WaitFor([&] {
        auto d = node->ledger().GetDeal(kChainDeal, now_);
        return d.ok() && d->state == rules::DealState::kUnlocked && d->tally.committed == 4;
      })) << node->origin() << " " << node->client().status().last_error;
    }
  }
  std::string csv;
  EXPECT_EQ(CsvParticipants(&csv), LedgerVouchers()) << csv;
  EXPECT_EQ(LedgerVouchers(), 4);
  // Counts travel, people do not: no phone hash or voucher reached the head office.
  HttpResult state = Http(HttpTarget{hq_.port(), true, pin_}, "GET", "/v1/state", admin_);
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(state.body.find("phone"), std::string::npos);
  EXPECT_EQ(state.body.find("GB1"), std::string::npos);
}

TEST_F(ChainProcessTest, AStoreCutOffFromHeadOfficeCatchesUpWithoutDoubleCounting) {
  ASSERT_TRUE(SignUp(0, 0, 1).ok());
  ASSERT_TRUE(WaitFor([&] { return HqDeal()["committed"] == 1; }));
  // The other store has heard of it (head office -> store -> kiosk).
  ASSERT_TRUE(WaitFor([&] {
    auto d = kiosks_[1][1]->ledger().GetDeal(kChainDeal, now_);
    return d.ok() && d->tally.committed == 1;
  }));
  const uint16_t port = hq_.port();
  ASSERT_EQ(hq_.Stop(), 0) << hq_.Output();
  // The stores keep serving their kiosks while the head office is away.
  ASSERT_TRUE(SignUp(0, 1, 2).ok());
  ASSERT_TRUE(SignUp(1, 0, 3).ok());
  ASSERT_TRUE(SignUp(1, 1, 4).ok());
  ASSERT_TRUE(WaitFor([&] {
    auto d = kiosks_[1][1]->ledger().GetDeal(kChainDeal, now_);
    return d.ok() && d->tally.committed == 3;  // its store's 2 + the 1 heard before the cut
  }));
  ASSERT_TRUE(hq_.Start(Hdir(), true, {"--listen", "127.0.0.1:" + std::to_string(port)}))
      << hq_.Output();
  ASSERT_TRUE(WaitFor([&] { return HqDeal()["committed"] == 4; })) << HqTallies().dump();
  EXPECT_EQ(HqDeal()["state"], "unlocked");
  // Let several more snapshot rounds pass: the count must stay exactly 4.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(HqDeal()["committed"], 4);
  std::string csv;
  EXPECT_EQ(CsvParticipants(&csv), 4) << csv;
  for (auto& store : kiosks_) {
    for (auto& node : store) {
      EXPECT_TRUE(WaitFor([&] {
        auto d = node->ledger().GetDeal(kChainDeal, now_);
        return d.ok() && d->state == rules::DealState::kUnlocked && d->tally.committed == 4;
      })) << node->origin();
    }
  }
}

TEST_F(ChainProcessTest, TheHeadOfficeStopsAChainDealAndEveryKioskStopsSignUps) {
  // Before the stop a shopper may cancel.
  auto first = SignUp(0, 0, 1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ledger::TillRequest cancel{first->pledge_id, static_cast<int64_t>(std::time(nullptr)), "till-1",
                             "en"};
  ASSERT_TRUE(kiosks_[0][0]->ledger().CancelPledge(cancel).ok());
  kiosks_[0][0]->client().Wake();
  auto second = SignUp(1, 0, 2);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(WaitFor([&] {
    json d = HqDeal();
    return d["committed"] == 1 && d["cancelled"] == 1;  // the chain's totals (issue #6)
  })) << HqTallies().dump();

  HttpTarget to{hq_.port(), true, pin_};
  std::string store_token;
  {
    auto link = store::ReadHqLink(Sdir(0));
    ASSERT_TRUE(link.ok() && link->has_value());
    store_token = (*link)->token;
  }
  EXPECT_EQ(Http(to, "POST", "/v1/deals/stop", store_token, R"({"deal_id":77})").status, 403);
  HttpResult stop = Http(to, "POST", "/v1/deals/stop", admin_, R"({"deal_id":77})");
  const auto stopped = std::chrono::steady_clock::now();
  ASSERT_EQ(stop.status, 200) << stop.body << stop.error;
  const int64_t stop_at = json::parse(stop.body)["stopped_at"].get<int64_t>();
  EXPECT_EQ(Http(to, "POST", "/v1/deals/stop", admin_, R"({"deal_id":77})").status, 409);
  // Head office -> stores -> kiosks: every kiosk's ledger has the stop.
  EXPECT_TRUE(WaitFor([&] {
    for (auto& store : kiosks_) {
      for (auto& node : store) {
        auto d = node->ledger().GetDeal(kChainDeal, stop_at);
        if (!d.ok() || d->deal.stopped_early_at != stop_at) return false;
      }
    }
    return true;
  }));
  std::printf("chain stop reached all 4 kiosks %.2f s after POST /v1/deals/stop\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - stopped).count());
  for (int s = 0; s < 2; ++s) {
    for (int k = 0; k < 2; ++k) {
      base::Status refused = SignUp(s, k, 10 + s * 2 + k).status();
      EXPECT_FALSE(refused.ok()) << "kiosk " << s << k << " still takes sign-ups";
      EXPECT_EQ(refused.reason(), "after_stop") << refused.ToString();
    }
  }
  // After the stop nothing changes: the other store's pledge cannot be cancelled.
  ledger::TillRequest late{second->pledge_id, static_cast<int64_t>(std::time(nullptr)), "till-1",
                           "en"};
  EXPECT_FALSE(kiosks_[1][0]->ledger().CancelPledge(late).ok());
  // The head office's own view: stopped, and still the one pledge.
  json deal = HqDeal();
  EXPECT_EQ(deal["stopped_early_at"], stop_at) << deal.dump();
  EXPECT_EQ(deal["committed"], 1);
  EXPECT_EQ(deal["cancelled"], 1);
}

TEST_F(ChainProcessTest, TheHeadOfficePausesAChainDealEverywhereAndResumesIt) {
  HttpTarget to{hq_.port(), true, pin_};
  auto every_kiosk = [&](bool paused) {
    for (auto& store : kiosks_) {
      for (auto& node : store) {
        auto d = node->ledger().GetDeal(kChainDeal, static_cast<int64_t>(std::time(nullptr)));
        if (!d.ok() || d->deal.paused != paused) return false;
      }
    }
    return true;
  };
  HttpResult pause = Http(to, "POST", "/v1/deals/pause", admin_, R"({"deal_id":77})");
  const auto paused_at = std::chrono::steady_clock::now();
  ASSERT_EQ(pause.status, 200) << pause.body << pause.error;
  EXPECT_TRUE(WaitFor([&] { return every_kiosk(true); }));
  std::printf("chain pause reached all 4 kiosks %.2f s after POST /v1/deals/pause\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - paused_at).count());
  for (int s = 0; s < 2; ++s) {
    for (int k = 0; k < 2; ++k) {
      base::Status refused = SignUp(s, k, 20 + s * 2 + k).status();
      EXPECT_EQ(refused.reason(), "paused") << "kiosk " << s << k << ": " << refused.ToString();
    }
  }
  EXPECT_EQ(HqDeal()["paused"], true);
  HttpResult resume = Http(to, "POST", "/v1/deals/resume", admin_, R"({"deal_id":77})");
  const auto resumed_at = std::chrono::steady_clock::now();
  ASSERT_EQ(resume.status, 200) << resume.body << resume.error;
  EXPECT_TRUE(WaitFor([&] { return every_kiosk(false); }));
  std::printf("chain resume reached all 4 kiosks %.2f s after POST /v1/deals/resume\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - resumed_at).count());
  for (int s = 0; s < 2; ++s) {
    for (int k = 0; k < 2; ++k) {
      EXPECT_TRUE(SignUp(s, k, 30 + s * 2 + k).ok()) << "kiosk " << s << k;
    }
  }
  EXPECT_TRUE(WaitFor([&] { return HqDeal()["committed"] == 4; })) << HqTallies().dump();
}

TEST_F(ChainProcessTest, TheHeadOfficeSeesEachStoresKiosksOfflineAndBack) {
  std::string store_id[2];
  for (int s = 0; s < 2; ++s) {
    auto link = store::ReadHqLink(Sdir(s));
    ASSERT_TRUE(link.ok() && link->has_value());
    store_id[s] = (*link)->store_id;
  }
  auto store_row = [&](int s) {
    const json t = HqTallies();  // kept: the loop must not range over a temporary's member
    for (const json& row : t.value("stores", json::array())) {
      if (row["id"] == store_id[s]) return row;
    }
    return json::object();
  };
  for (int s = 0; s < 2; ++s) {
    EXPECT_TRUE(WaitFor([&] {
      json row = store_row(s);
      return row.value("kiosks_enrolled", 0) == 2 && row["kiosks_offline"] == json::array();
    })) << HqTallies()["stores"].dump();
  }
  const std::string quiet = kiosks_[1][1]->origin();
  const int64_t before = static_cast<int64_t>(std::time(nullptr));
  kiosks_[1][1]->StopSync();
  const auto cut = std::chrono::steady_clock::now();
  EXPECT_TRUE(WaitFor([&] { return store_row(1)["kiosks_offline"].size() == 1; }))
      << store_row(1).dump();
  std::printf("kiosk offline shown at head office %.2f s after it stopped syncing "
              "(offline after 2 s of silence)\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - cut).count());
  json row = store_row(1);
  ASSERT_EQ(row["kiosks_offline"].size(), 1u) << row.dump();
  EXPECT_EQ(row["kiosks_offline"][0]["kiosk_id"], quiet);
  const int64_t since = row["kiosks_offline"][0]["since"].get<int64_t>();
  EXPECT_GE(since, before - 1);
  EXPECT_LE(since, static_cast<int64_t>(std::time(nullptr)));
  EXPECT_EQ(row["kiosks_enrolled"], 2);
  EXPECT_EQ(store_row(0)["kiosks_offline"], json::array());  // the other store's are fine
  // Ids and times only: no phone, name or voucher went up with them.
  const std::string body = HqTallies()["stores"].dump();
  EXPECT_EQ(body.find("phone"), std::string::npos);
  EXPECT_EQ(body.find("GB1"), std::string::npos);
  // It syncs again: the head office hears it is back.
  ASSERT_TRUE(kiosks_[1][1]->StartSync(stores_[1].port(), 50, /*tls=*/true));
  const auto back = std::chrono::steady_clock::now();
  EXPECT_TRUE(WaitFor([&] { return store_row(1)["kiosks_offline"] == json::array(); }))
      << store_row(1).dump();
  std::printf("kiosk back online at head office %.2f s after it synced again\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - back).count());
}

TEST_F(ChainProcessTest, APrinterInTroubleAtAKioskShowsAtTheHeadOfficeUntilItIsFixed) {
  KioskNode& node = *kiosks_[1][0];
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  ASSERT_TRUE(node.ledger().RecordPrinterState("paper_out", 2, now).ok());
  node.client().Wake();
  const auto sent = std::chrono::steady_clock::now();
  auto printers = [&] { return HqTallies()["printers"]; };
  EXPECT_TRUE(WaitFor([&] { return printers().size() == 1; })) << HqTallies().dump();
  std::printf("printer trouble shown at head office %.2f s after the kiosk noted it\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count());
  const json p = printers();
  ASSERT_EQ(p.size(), 1u) << p.dump();
  EXPECT_EQ(p[0]["kiosk_id"], node.origin());
  EXPECT_EQ(p[0]["state"], "paper_out");
  EXPECT_EQ(p[0]["held"], 2);
  EXPECT_EQ(p[0]["since"], now);
  EXPECT_EQ(p[0]["name"], "Store1 · " + node.origin());
  // Fixed: the store's next report clears it.
  ASSERT_TRUE(node.ledger().RecordPrinterState("ok", 0, now + 1).ok());
  node.client().Wake();
  EXPECT_TRUE(WaitFor([&] { return printers().empty(); })) << HqTallies().dump();
}

TEST_F(ChainProcessTest, TheReportIsForTheAdminAndLinkingIsChecked) {
  std::string token;
  {
    auto link = store::ReadHqLink(Sdir(0));
    ASSERT_TRUE(link.ok() && link->has_value());
    token = (*link)->token;
  }
  HttpTarget to{hq_.port(), true, pin_};
  EXPECT_EQ(Http(to, "GET", "/v1/report.csv", token).status, 403);
  EXPECT_EQ(Http(to, "GET", "/v1/report.csv").status, 401);
  CliRun again = Provision("link-store --hq-dir " + Hdir() + " --store-dir " + Sdir(0) +
                               " --address 127.0.0.1:" + std::to_string(hq_.port()),
                           tmp_.str());
  EXPECT_NE(again.code, 0);
  EXPECT_NE(again.err.find("already"), std::string::npos) << again.err;
  CliRun wrong = Provision("link-store --hq-dir " + Sdir(1) + " --store-dir " + Sdir(0),
                           tmp_.str());
  EXPECT_NE(wrong.code, 0);
  EXPECT_NE(wrong.err.find("not a head office"), std::string::npos) << wrong.err;

  // By code: a used code, a store's code and a head office's code for a
  // kiosk are each refused with their reason, and nothing is written.
  const std::string spare = Sdir(2);
  ASSERT_EQ(Provision("init-store --dir " + spare + " --name Spare --listen 127.0.0.1:0",
                      tmp_.str())
                .code,
            0);
  const std::string code = Code(Hdir(), hq_);
  const std::string kdir = tmp_.File("kiosk-at-hq");
  CliRun kiosk = Provision("enroll --kiosk-dir " + kdir + " --code " + code, tmp_.str());
  EXPECT_NE(kiosk.code, 0);
  EXPECT_NE(kiosk.err.find("not_a_store"), std::string::npos) << kiosk.err;
  CliRun store_code = Provision(
      "link-store --store-dir " + spare + " --code " + Code(Sdir(1), stores_[1]), tmp_.str());
  EXPECT_NE(store_code.code, 0);
  EXPECT_NE(store_code.err.find("not_a_head_office"), std::string::npos) << store_code.err;
  EXPECT_FALSE(std::filesystem::exists(store::HqLinkPath(spare)));
  // The head office's code was refused unused above, so it links the spare store once.
  CliRun first = Provision("link-store --store-dir " + spare + " --code " + code, tmp_.str());
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("linked to head office \"Chain\""), std::string::npos) << first.out;
  ASSERT_EQ(Provision("init-store --dir " + Sdir(3) + " --name Other --listen 127.0.0.1:0",
                      tmp_.str())
                .code,
            0);
  CliRun reused =
      Provision("link-store --store-dir " + Sdir(3) + " --code " + code, tmp_.str());
  EXPECT_NE(reused.code, 0);
  EXPECT_NE(reused.err.find("code_used"), std::string::npos) << reused.err;
  auto link = store::ReadHqLink(spare);
  ASSERT_TRUE(link.ok() && link->has_value());
  EXPECT_EQ((*link)->store_id.rfind("store-", 0), 0u);
  EXPECT_EQ((*link)->cert_sha256, pin_);
  // The head office knows the spare store by name, as a store.
  EXPECT_NE(HqTallies().dump().find((*link)->store_id), std::string::npos) << HqTallies().dump();
}

}  // namespace
}  // namespace gb::test
