#include "core/base/log.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "tests/support/scoped_temp_dir.h"

namespace gb::base {
namespace {

TEST(LogTest, JournalLinesStartWithTheirSyslogPriority) {
  EXPECT_EQ(FormatLogLine(LogPriority::kError, "groupbuy-store: error: x", true),
            "<3>groupbuy-store: error: x\n");
  EXPECT_EQ(FormatLogLine(LogPriority::kWarning, "w", true), "<4>w\n");
  EXPECT_EQ(FormatLogLine(LogPriority::kInfo, "i", true), "<6>i\n");
}

TEST(LogTest, PlainLinesOutsideTheJournal) {
  EXPECT_EQ(FormatLogLine(LogPriority::kError, "groupbuy-kiosk: no display", false),
            "groupbuy-kiosk: no display\n");
}

TEST(LogTest, OneEventIsOneLine) {
  // An error text with a newline in it would otherwise make a second,
  // unprefixed journal entry at the default priority.
  EXPECT_EQ(FormatLogLine(LogPriority::kWarning, "a\nb\r\nc", true), "<4>a b  c\n");
}

TEST(LogTest, JournalStreamMustNameThisVeryFile) {
  test::ScopedTempDir tmp;
  ASSERT_TRUE(tmp.ok());
  const int fd = ::open(tmp.File("err").c_str(), O_WRONLY | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  struct stat st {};
  ASSERT_EQ(::fstat(fd, &st), 0);
  const std::string dev = std::to_string(st.st_dev);
  const std::string ino = std::to_string(st.st_ino);
  EXPECT_TRUE(IsJournalStream((dev + ":" + ino).c_str(), fd));
  EXPECT_FALSE(IsJournalStream((dev + ":" + std::to_string(st.st_ino + 1)).c_str(), fd));
  EXPECT_FALSE(IsJournalStream(nullptr, fd));
  EXPECT_FALSE(IsJournalStream("", fd));
  EXPECT_FALSE(IsJournalStream("garbage", fd));
  ::close(fd);
}

}  // namespace
}  // namespace gb::base
