#include "drivers/printer/file_transport.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/base/file_util.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::printer {
namespace {

TEST(FileTransportTest, AppendsToAnExistingNodeAndNeverCreatesOne) {
  test::ScopedTempDir dir;
  ASSERT_TRUE(dir.ok());
  const std::string path = dir.File("lp0");
  EXPECT_EQ(FileTransport::Open(path).status().reason(), "no_device");
  ASSERT_TRUE(base::WriteFileAtomic(path, "old", 0644, base::Overwrite::kNo).ok());
  {
    auto t = FileTransport::Open(path);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    const std::vector<uint8_t> bytes{'n', 'e', 'w'};
    ASSERT_TRUE((*t)->Write(bytes, 100).ok());
    std::array<uint8_t, 4> buf{};
    EXPECT_EQ((*t)->Read(buf, 10).value(), 0u) << "no way back";
    EXPECT_EQ((*t)->Describe(), "file " + path);
  }
  EXPECT_EQ(base::ReadFile(path).value(), "oldnew");
}

TEST(FileTransportTest, AFullPipeTimesOutInsteadOfHanging) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string path = "/proc/self/fd/" + std::to_string(fds[1]);
  auto t = FileTransport::Open(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  std::vector<uint8_t> big(1 << 20, 0x41);  // more than a pipe holds, and nobody reads
  EXPECT_EQ((*t)->Write(big, 50).reason(), "timeout");
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace
}  // namespace gb::printer
