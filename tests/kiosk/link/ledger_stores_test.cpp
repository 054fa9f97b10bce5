#include "kiosk/link/ledger_stores.h"

#include <gtest/gtest.h>

#include "sync/protocol/event.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::link {
namespace {

using ledger::testing::LedgerFixture;

TEST_F(LedgerFixture, LedgerOutboxGivesValidProtocolEventsOfTheKiosksOrigin) {
  ledger::Ledger l = OpenOrDie();
  ASSERT_TRUE(
      l.PutDeal(rules::testing::SampleDeal(), rules::DealState::kOpen, rules::testing::kOpens)
          .ok());
  for (int i = 1; i <= 3; ++i) {
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = ledger::testing::Phone(i);
    r.now = rules::testing::kOpens + i;
    ASSERT_TRUE(l.SignUp(r).ok());
  }
  auto reader = ledger::Ledger::Open(path_, ledger::testing::TestIdentity().WithoutKey());
  ASSERT_TRUE(reader.ok());
  LedgerOutbox outbox(std::move(reader).value());
  auto events = outbox.After(1, 10);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 2u);
  for (size_t i = 0; i < events->size(); ++i) {
    const protocol::Event& e = (*events)[i];
    EXPECT_EQ(e.origin, "kiosk-1");
    EXPECT_EQ(e.seq, static_cast<int64_t>(i) + 2);
    EXPECT_EQ(e.type, "sign_up");
    EXPECT_TRUE(protocol::ValidatePayload(e, "events[0]").ok());
  }
  auto limited = outbox.After(0, 1);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 1u);
}

}  // namespace
}  // namespace gb::link
