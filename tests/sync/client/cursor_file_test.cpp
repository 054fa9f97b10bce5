// CursorFile: the kiosk's (and the uplink's) acknowledged-up-to cursor on
// disk, durable, private and never silently reset.
#include "sync/client/cursor_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "tests/support/scoped_temp_dir.h"

namespace gb::sync_client {
namespace {

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
  c.poisoned.push_back(
      {17, "sign_up", 400, "bad_payload", "events[0].payload.voucher: bad \xff", 9});
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
  for (const char* text :
       {"garbage", "[]", R"({"acked_seq":-1})", R"({"acked_seq":"3"})",
        R"({"acked_seq":3,"poisoned":{}})", R"({"acked_seq":3,"poisoned":[{"seq":1}]})"}) {
    std::ofstream(path) << text;
    auto c = CursorFile(path).Load();
    ASSERT_FALSE(c.ok()) << text;
    EXPECT_EQ(c.status().reason(), "bad_cursor_file") << text;
    EXPECT_NE(c.status().message().find(path), std::string::npos);
    std::ifstream in(path);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), text);
  }
}

}  // namespace
}  // namespace gb::sync_client
