// Every outbox event the ledger writes passes the store server's own check
// (protocol::ValidatePayload): sign-ups, cancellations, deposits and
// redemptions, exactly as they would travel in a batch.
#include "sync/protocol/event.h"
#include "sync/protocol/printer_event.h"
#include "tests/kiosk/ledger/till_fixture.h"

namespace gb::ledger {
namespace {

using testing::kJoin;
using testing::kStop;
using testing::TillFixture;

TEST_F(TillFixture, EveryTillEventIsAValidSyncPayload) {
  SignUpReceipt a = Join(42, 1);
  SignUpReceipt b = Join(42, 2);
  SignUpReceipt c = Join(43, 3);
  SignUpReceipt d = Join(43, 4);
  TillRequest deposit = At(c.pledge_id, kJoin + 1, "till-1");
  deposit.staff = "\xd0\x92\xd0\xb5\xd1\x80\xd0\xb0";  // a member's name travels too
  ASSERT_TRUE(l().PayDeposit(deposit).ok());
  ASSERT_TRUE(l().CancelPledge(At(d.pledge_id, kJoin + 2)).ok());
  ASSERT_TRUE(l().CancelPledge(At(b.pledge_id, kJoin + 3)).ok());
  Join(42, 5);
  ASSERT_TRUE(l().RecordPrinterState("paper_out", 2, kJoin + 4).ok());
  ASSERT_TRUE(l().RecordPrinterState("Bad Reason!", 0, kJoin + 5).ok());  // sent as "error"
  TillRequest redeem_at = At(a.pledge_id, kStop + 1, "Sofa & Co. Store 12");
  redeem_at.staff = std::string(64, 'V');  // the longest name the store takes
  ASSERT_TRUE(l().Redeem(redeem_at).ok());
  redeem_at.staff = std::string(65, 'V');
  EXPECT_EQ(l().Redeem(redeem_at).status().reason(), "bad_staff");
  redeem_at.staff = "Ve\nra";  // the store would refuse it: refused before anything moves
  EXPECT_EQ(l().Redeem(redeem_at).status().reason(), "bad_staff");

  auto events = l().OutboxAfter(0, 100);
  ASSERT_TRUE(events.ok());
  std::map<std::string, int> seen;
  for (size_t i = 0; i < events->size(); ++i) {
    const OutboxEvent& e = (*events)[i];
    protocol::Event wire{"kiosk-1", e.seq, e.type, e.at, nlohmann::json::parse(e.payload)};
    base::Status s = protocol::ValidatePayload(wire, "events[" + std::to_string(i) + "]");
    EXPECT_TRUE(s.ok()) << e.type << ": " << s.ToString();
    ++seen[e.type];
  }
  EXPECT_EQ(seen, (std::map<std::string, int>{{"sign_up", 5},
                                               {"deposit", 1},
                                               {"cancel", 2},
                                               {"printer", 2},
                                               {"redeem", 1}}));
  std::vector<std::string> printer_states;
  for (const OutboxEvent& e : *events) {
    if (e.type == "printer") {
      auto p = protocol::ParsePrinterPayload(nlohmann::json::parse(e.payload), "p");
      ASSERT_TRUE(p.ok()) << p.status().ToString();
      printer_states.push_back(p->state + "/" + std::to_string(p->held));
    }
  }
  EXPECT_EQ(printer_states, (std::vector<std::string>{"paper_out/2", "error/0"}));
  auto redeem = protocol::ParseRedeemPayload(nlohmann::json::parse(events->back().payload), "p");
  ASSERT_TRUE(redeem.ok());
  EXPECT_TRUE(redeem->offline);
  EXPECT_EQ(redeem->serial, a.serial);
  EXPECT_EQ(redeem->staff, std::string(64, 'V'));
}

}  // namespace
}  // namespace gb::ledger
