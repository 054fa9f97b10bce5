#include "sync/client/stores.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "sync/protocol/event.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::sync_client {
namespace {

using ledger::testing::LedgerFixture;

TEST(CursorFileTest, AMissingFileIsAFreshCursor) {
  test::ScopedTempDir dir;
  CursorFile f(dir.File("sync-cursor.json"));
  auto c = f.Load();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, SyncCursor{});
}

TEST(CursorFileTest, RoundTripsWithMode0600) {
  test::ScopedTempDir dir;
  CursorFile f(dir.File("sync-cursor.json"));
  SyncCursor c;
  c.acked_seq = 41;
  c.poisoned.push_back({17, "sign_up", 400, "bad_payload", "events[0].payload.voucher: bad \xff", 9});
  ASSERT_TRUE(f.Save(c).ok());
  auto back = CursorFile(dir.File("sync-cursor.json")).Load();
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->acked_seq, 41);
  ASSERT_EQ(back->poisoned.size(), 1u);
  EXPECT_EQ(back->poisoned[0].message, "events[0].payload.voucher: bad \xef\xbf\xbd");
  struct stat st {};
  ASSERT_EQ(::stat(dir.File("sync-cursor.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(CursorFileTest, AMalformedFileIsNamedAndLeftAlone) {
  test::ScopedTempDir dir;
  const std::string path = dir.File("sync-cursor.json");
  for (const char* text : {"garbage", "[]", R"({"acked_seq":-1})", R"({"acked_seq":"3"})",
                           R"({"acked_seq":3,"poisoned":{}})",
                           R"({"acked_seq":3,"poisoned":[{"seq":1}]})"}) {
    std::ofstream(path) << text;
    auto c = CursorFile(path).Load();
    ASSERT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.status().reason(), "bad_cursor_file") << text;
    EXPECT_NE(c.status().message().find(path), std::string::npos);
    std::ifstream in(path);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), text);
  }
}

TEST_F(LedgerFixture, LedgerOutboxGivesValidProtocolEventsOfTheKiosksOrigin) {
  ledger::Ledger l = OpenOrDie();
  ASSERT_TRUE(l.PutDeal(rules::testing::SampleDeal(), rules::DealState::kOpen,
                        rules::testing::kOpens).ok());
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
}  // namespace gb::sync_client
