// rotate-key end to end with real processes on 127.0.0.1: groupbuy-store over
// TLS, a kiosk enrolled by code and syncing with its real client, then
// groupbuy-provision rotate-key. The kiosk keeps its id and history and gets
// a new token (the old one stops working); vouchers of the old key stay valid; a rotation cut short (store unreachable) leaves
// a kiosk that refuses to start until rotate-key is run again.
#include <gtest/gtest.h>

#include <ctime>

#include "core/base/file_util.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

std::string LastLine(std::string out) {
  while (!out.empty() && out.back() == '\n') out.pop_back();
  const size_t nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

class RotateProcessTest : public SyncProcessTest {
 protected:
  void SetUp() override {
    SyncProcessTest::SetUp();
    ASSERT_TRUE(server_.Start(Sdir(), /*tls=*/true)) << server_.Output();
    port_ = server_.port();
    CliRun code = Provision("enroll-code --dir " + Sdir() + " --address 127.0.0.1:" +
                                std::to_string(port_),
                            tmp_.str());
    ASSERT_EQ(code.code, 0) << code.err;
    CliRun enrol =
        Provision("enroll --kiosk-dir " + Kdir() + " --code " + LastLine(code.out), tmp_.str());
    ASSERT_EQ(enrol.code, 0) << enrol.err;
    auto dir = config::KioskDir::Open(Kdir());
    ASSERT_TRUE(dir.ok());
    pin_ = dir->settings().server->cert_sha256;
  }

  std::string Kdir() const { return tmp_.File("kiosk"); }

  // Signs up phone n at the kiosk and waits until the store has it.
  std::string SignUpAndSync(int n) {
    KioskNode node(Kdir());
    EXPECT_TRUE(node.StartSync(port_, 50, /*tls=*/true));
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = Phone(n);
    r.now = static_cast<int64_t>(std::time(nullptr));
    auto receipt = node.ledger().SignUp(r);
    EXPECT_TRUE(receipt.ok()) << receipt.status().ToString();
    node.client().Wake();
    EXPECT_TRUE(WaitFor([&] { return node.client().status().acked_seq >= n; }))
        << node.client().status().last_error;
    EXPECT_TRUE(node.client().status().poisoned.empty());
    return receipt.ok() ? receipt->voucher_text : "";
  }

  json Keys() {
    HttpResult r = Http(HttpTarget{port_, true, pin_}, "GET", "/v1/state", admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body)["kiosks"] : json::array();
  }

  uint16_t port_ = 0;  // of the fixture's server_, kept over restarts
  std::string pin_;
};

TEST_F(RotateProcessTest, AKioskGetsANewKeyAndKeepsItsIdHistoryAndOldVouchers) {
  const std::string old_voucher = SignUpAndSync(1);
  ASSERT_FALSE(old_voucher.empty());
  auto before = config::KioskDir::Open(Kdir());
  ASSERT_TRUE(before.ok());
  const std::string kiosk_id = before->settings().kiosk_id;
  const uint32_t old_key = before->settings().key_id;
  const std::string old_pub = *base::ReadFile(Kdir() + "/signing.pub");
  const std::string old_token = before->settings().server->token;

  CliRun rotate = Provision("rotate-key --kiosk-dir " + Kdir(), tmp_.str());
  ASSERT_EQ(rotate.code, 0) << rotate.err;
  EXPECT_NE(rotate.out.find("key id " + std::to_string(old_key) + " is retired"),
            std::string::npos)
      << rotate.out;
  auto after = config::KioskDir::Open(Kdir());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->settings().kiosk_id, kiosk_id);
  EXPECT_NE(after->settings().key_id, old_key);
  EXPECT_NE(*base::ReadFile(Kdir() + "/signing.pub"), old_pub);
  EXPECT_FALSE(std::filesystem::exists(Kdir() + "/signing.key.next"));
  // The token rotated with the key: a copy of the old one is refused.
  EXPECT_NE(after->settings().server->token, old_token);
  EXPECT_EQ(Http(HttpTarget{port_, true, pin_}, "GET", "/v1/state", old_token).status, 401);

  // Same ledger, new token: the next sign-up goes out under the new key,
  // and the store counts both.
  const std::string new_voucher = SignUpAndSync(2);
  ASSERT_FALSE(new_voucher.empty());
  ASSERT_FALSE(SignUpAndSync(3).empty());
  const json deal = ServerDeal(42, /*tls=*/true, pin_);
  EXPECT_EQ(deal["by_kiosk"][kiosk_id]["committed"], 3) << deal.dump();
  EXPECT_TRUE(WaitFor([&] { return ServerDeal(42, true, pin_)["state"] == "unlocked"; }));
  // Every till hears of both keys, the old one revoked from the rotation on.
  int old_seen = 0, new_seen = 0;
  for (const json& k : Keys()) {
    if (k["key_id"] == old_key) {
      ++old_seen;
      EXPECT_EQ(k["kiosk_id"], kiosk_id);
      EXPECT_TRUE(k["revoked_at"].is_number_integer()) << k.dump();
    }
    if (k["key_id"] == after->settings().key_id) {
      ++new_seen;
      EXPECT_TRUE(k["revoked_at"].is_null()) << k.dump();
    }
  }
  EXPECT_EQ(old_seen, 1);
  EXPECT_EQ(new_seen, 1);
  // The old key's voucher is still good at a till (a look, nothing written).
  HttpResult look = Http(HttpTarget{port_, true, pin_}, "POST", "/v1/redeem",
                         after->settings().server->token,
                         json{{"voucher", old_voucher}, {"place", "till"}, {"dry_run", true}}.dump());
  EXPECT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(json::parse(look.body)["verdict"], "VALID") << look.body;
  EXPECT_EQ(json::parse(look.body)["key_id"], old_key) << look.body;
}

TEST_F(RotateProcessTest, ARotationCutShortStopsTheKioskUntilItIsRunAgain) {
  ASSERT_EQ(server_.Stop(), 0);
  CliRun cut = Provision("rotate-key --kiosk-dir " + Kdir(), tmp_.str());
  EXPECT_NE(cut.code, 0);
  EXPECT_NE(cut.err.find("did not take the new key"), std::string::npos) << cut.err;
  ASSERT_TRUE(std::filesystem::exists(Kdir() + "/signing.key.next"));
  const std::string staged = *base::ReadFile(Kdir() + "/signing.key.next");
  auto dir = config::KioskDir::Open(Kdir());
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(dir->LoadIdentity().status().reason(), "rotation_unfinished");

  ASSERT_TRUE(server_.Start(Sdir(), true, {"--listen", "127.0.0.1:" + std::to_string(port_)}))
      << server_.Output();
  CliRun again = Provision("rotate-key --kiosk-dir " + Kdir(), tmp_.str());
  ASSERT_EQ(again.code, 0) << again.err;
  // The staged key is the one the kiosk now signs with.
  EXPECT_EQ(*base::ReadFile(Kdir() + "/signing.key"), staged);
  // And a second run asks for another new key: rotation is repeatable.
  CliRun third = Provision("rotate-key --kiosk-dir " + Kdir(), tmp_.str());
  ASSERT_EQ(third.code, 0) << third.err;
  EXPECT_NE(*base::ReadFile(Kdir() + "/signing.key"), staged);
  EXPECT_FALSE(SignUpAndSync(1).empty());
}

TEST_F(RotateProcessTest, SignUpsNotYetSentStopARotationUntilTheyAreSent) {
  {
    // A sign-up taken while the kiosk could not sync: still in its outbox.
    KioskNode node(Kdir());
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = Phone(1);
    r.now = static_cast<int64_t>(std::time(nullptr));
    ASSERT_TRUE(node.ledger().SignUp(r).ok());
  }
  CliRun early = Provision("rotate-key --kiosk-dir " + Kdir(), tmp_.str());
  EXPECT_EQ(early.code, 1);
  EXPECT_NE(early.err.find("outbox_not_sent"), std::string::npos) << early.err;
  EXPECT_FALSE(std::filesystem::exists(Kdir() + "/signing.key.next"));
  // Once the store has it (and the next one), the rotation goes ahead and
  // the store counts both: nothing of the old key was lost.
  ASSERT_FALSE(SignUpAndSync(2).empty());
  CliRun rotate = Provision("rotate-key --kiosk-dir " + Kdir(), tmp_.str());
  ASSERT_EQ(rotate.code, 0) << rotate.err;
  auto dir = config::KioskDir::Open(Kdir());
  ASSERT_TRUE(dir.ok());
  const json deal = ServerDeal(42, /*tls=*/true, pin_);
  EXPECT_EQ(deal["by_kiosk"][dir->settings().kiosk_id]["committed"], 2) << deal.dump();
}

TEST_F(RotateProcessTest, TheAdminCannotRotateAKioskKeyAndAStandaloneKioskIsTold) {
  HttpResult r = Http(HttpTarget{port_, true, pin_}, "POST", "/v1/rotate-key", admin_,
                      json{{"public_key", std::string(64, 'a')}}.dump());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("kiosk_only"), std::string::npos) << r.body;
  CliRun init = Provision("init-kiosk --dir " + tmp_.File("alone") + " --store-name A", tmp_.str());
  ASSERT_EQ(init.code, 0) << init.err;
  CliRun alone = Provision("rotate-key --kiosk-dir " + tmp_.File("alone"), tmp_.str());
  EXPECT_NE(alone.code, 0);
  EXPECT_NE(alone.err.find("not_enrolled"), std::string::npos) << alone.err;
}

}  // namespace
}  // namespace gb::test
