#include "core/base/file_util.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "tests/support/scoped_temp_dir.h"

namespace gb::base {
namespace {

class FileUtilTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }
  test::ScopedTempDir tmp_;
  const std::string dir_ = tmp_.str();
};

int Mode(const std::string& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0);
  return static_cast<int>(st.st_mode & 0777);
}

TEST_F(FileUtilTest, SecretsAreWrittenWithTheirModeDespiteUmask) {
  mode_t old = ::umask(0);
  Status s = WriteFileAtomic(dir_ + "/secret", "k", 0600, Overwrite::kNo);
  ::umask(old);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Mode(dir_ + "/secret"), 0600);
  EXPECT_TRUE(CheckSecretMode(dir_ + "/secret").ok());
  ASSERT_EQ(::chmod((dir_ + "/secret").c_str(), 0640), 0);
  EXPECT_EQ(CheckSecretMode(dir_ + "/secret").reason(), "insecure_mode");
}

TEST_F(FileUtilTest, RefusesToOverwriteUnlessAsked) {
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/f", "one", 0644, Overwrite::kNo).ok());
  Status again = WriteFileAtomic(dir_ + "/f", "two", 0644, Overwrite::kNo);
  EXPECT_EQ(again.reason(), "file_exists");
  EXPECT_EQ(ReadFile(dir_ + "/f").value(), "one");
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/f", "two", 0644, Overwrite::kYes).ok());
  EXPECT_EQ(ReadFile(dir_ + "/f").value(), "two");
  // No temporary files are left behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_)) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST_F(FileUtilTest, ErrorsNameThePath) {
  auto missing = ReadFile(dir_ + "/nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "file_missing");
  EXPECT_NE(missing.status().message().find(dir_ + "/nope"), std::string::npos);
  Status no_dir = WriteFileAtomic(dir_ + "/no/such/dir/f", "x", 0600, Overwrite::kNo);
  EXPECT_FALSE(no_dir.ok());
  EXPECT_NE(no_dir.message().find("no/such/dir"), std::string::npos);
}

TEST_F(FileUtilTest, MakeDirsLeavesAnExistingFolderAlone) {
  ASSERT_EQ(::chmod(dir_.c_str(), 0755), 0);
  ASSERT_TRUE(MakeDirs(dir_, 0700).ok());
  EXPECT_EQ(Mode(dir_), 0755);
  ASSERT_TRUE(MakeDirs(dir_ + "/a/b", 0700).ok());
  EXPECT_EQ(Mode(dir_ + "/a/b"), 0700);
}

}  // namespace
}  // namespace gb::base
