// A store database damaged by hand or by a failing disk gives a Corruption
// status naming the row, never an exception that would end the server.
#include <gtest/gtest.h>

#include "core/sqlite/sqlite.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::store {
namespace {

class CorruptRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  void Doctor(const std::string& sql) {
    auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE(raw->Exec(sql).ok());
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
};

TEST_F(CorruptRowsTest, ARevisionThatIsNotANumberIsCorruptionNotACrash) {
  ASSERT_TRUE(db_->Revision().ok());
  Doctor("UPDATE meta SET value='12abc' WHERE key='revision'");
  auto rev = db_->Revision();
  ASSERT_FALSE(rev.ok());
  EXPECT_EQ(rev.status().code(), base::Code::kCorruption);
  EXPECT_EQ(rev.status().reason(), "db_corrupt");
  EXPECT_NE(rev.status().message().find("meta.revision"), std::string::npos);
}

TEST_F(CorruptRowsTest, AHeadOfficeRevisionThatIsNotANumberIsCorruptionNotACrash) {
  EXPECT_EQ(db_->ChainRevision().value(), 0);  // no row yet
  Doctor("INSERT OR REPLACE INTO meta(key, value) VALUES ('hq_revision', '')");
  auto rev = db_->ChainRevision();
  ASSERT_FALSE(rev.ok());
  EXPECT_EQ(rev.status().reason(), "db_corrupt");
}

}  // namespace
}  // namespace gb::store
