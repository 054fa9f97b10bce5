// ServerTill's staff sessions over a real ledger file and a scripted store
// server: a staff member whose PIN was right at the pad is signed in at the
// store, the session goes with every money call, and the store's refusals
// of staff reach the screens by their own reasons.
#include "tests/kiosk/shell/server_till_fixture.h"

namespace gb::shell {
namespace {

using namespace testing;  // NOLINT: the fixture's names

const std::string kSession(64, 'c');

json Refusal(const std::string& reason) {
  return json{{"error", reason}, {"message", "the store says no"}};
}


class ServerTillStaffTest : public ServerTillTest {};

TEST_F(ServerTillStaffTest, ASignedInMembersSessionGoesWithEveryMoneyCall) {
  ledger::SignUpReceipt a = Join(43, 1);  // reserved: 59.90 to pay
  ServerTill t = Make();
  server_.replies.push_back(Ok({{"session", kSession}, {"name", "Vera"}, {"role", "manager"},
                                {"idle_seconds", 900}, {"max_seconds", 43200}}));
  t.StaffSignedIn("Vera", "24681357");
  ASSERT_EQ(server_.targets, std::vector<std::string>{"/v1/staff/session"});
  EXPECT_EQ(server_.asked[0], (json{{"name", "Vera"}, {"pin", "24681357"}}));
  EXPECT_EQ(server_.sessions[0], "") << "signing in needs no session";
  server_.replies.push_back(Ok({{"verdict", "PAID"}, {"key_id", 1}, {"serial", 1},
                                {"deal_id", 43}, {"amount_minor", 5990}, {"at", kLater},
                                {"place", "till-1"}}));
  ASSERT_TRUE(t.TakeDeposit(a.voucher_text, kLater).ok());
  ASSERT_EQ(server_.targets.size(), 2u);
  EXPECT_EQ(server_.targets[1], "/v1/deposit");
  EXPECT_EQ(server_.sessions[1], kSession);
}

TEST_F(ServerTillStaffTest, AStoreThatRefusesTheSignInLeavesNoSessionBehind) {
  const std::string other = OtherKioskVoucher(43);
  ServerTill t = Make();
  server_.replies.push_back(Ok({{"session", kSession}, {"name", "Vera"}, {"role", "manager"}}));
  t.StaffSignedIn("Vera", "24681357");
  // Ann follows at the same till, but the store does not know her PIN:
  // Vera's session must not act for her.
  server_.replies.push_back(sync_client::HttpReply{401, Refusal("wrong_pin").dump(), ""});
  t.StaffSignedIn("Ann", "13572468");
  server_.replies.push_back(
      sync_client::HttpReply{401, Refusal("staff_session_required").dump(), ""});
  auto r = t.TakeDeposit(other, kLater);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "staff_session_required");
  EXPECT_EQ(server_.sessions.back(), "");
  // Unreachable: offline mode, no session either.
  t.StaffSignedIn("Vera", "24681357");  // no reply scripted: unreachable
  EXPECT_EQ(server_.targets.back(), "/v1/staff/session");
}

TEST_F(ServerTillStaffTest, ACashiersRefundRefusedByTheStoreSaysSo) {
  const std::string other = OtherKioskVoucher(43);
  ServerTill t = Make();
  server_.replies.push_back(Ok({{"session", kSession}, {"name", "Ann"}, {"role", "cashier"}}));
  t.StaffSignedIn("Ann", "13572468");
  server_.replies.push_back(sync_client::HttpReply{403, Refusal("role_required").dump(), ""});
  auto r = t.GiveRefund(other, kLater);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "role_required");
  EXPECT_EQ(r.status().code(), base::Code::kPermissionDenied);
  server_.replies.push_back(
      sync_client::HttpReply{401, Refusal("staff_session_expired").dump(), ""});
  EXPECT_EQ(t.GiveRefund(other, kLater).status().reason(), "staff_session_expired");
  // The kiosk's token itself refused stays the kiosk's problem.
  server_.replies.push_back(sync_client::HttpReply{401, Refusal("unauthenticated").dump(), ""});
  EXPECT_EQ(t.GiveRefund(other, kLater).status().reason(), "server_refused");
}

}  // namespace
}  // namespace gb::shell
