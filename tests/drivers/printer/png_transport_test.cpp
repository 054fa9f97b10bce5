#include "drivers/printer/png_transport.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/base/file_util.h"
#include "drivers/escpos/builder.h"
#include "drivers/printer/escpos_printer.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::printer {
namespace {

class PngTransportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }
  EscposPrinter Printer() {
    return EscposPrinter(
        [this]() -> base::Result<std::unique_ptr<Transport>> {
          GB_ASSIGN_OR_RETURN(auto t, PngTransport::Create(tmp_.str(), profile_));
          return std::unique_ptr<Transport>(std::move(t));
        },
        profile_);
  }
  void Touch(const std::string& name) {
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File(name), "", 0644, base::Overwrite::kYes).ok());
  }
  test::ScopedTempDir tmp_;
  escpos::PrinterProfile profile_ = *escpos::FindProfileByName("generic-58mm");
};

TEST_F(PngTransportTest, StatusFollowsTheConditionFiles) {
  EscposPrinter p = Printer();
  struct Row {
    const char* file;
    const char* reason;
  };
  for (const Row& r : {Row{"paper-out", "paper_out"}, Row{"cover-open", "cover_open"},
                       Row{"offline", "offline"}}) {
    Touch(r.file);
    auto got = p.Check();
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_FALSE(got->ready) << r.file;
    EXPECT_EQ(got->reason, r.reason);
    std::filesystem::remove(tmp_.File(r.file));
  }
  Touch("paper-low");
  auto low = p.Check();
  ASSERT_TRUE(low.ok());
  EXPECT_TRUE(low->ready);
  EXPECT_NE(low->detail.find("paper low"), std::string::npos) << low->detail;
}

TEST_F(PngTransportTest, EachJobBecomesAPngAndStatusQueriesStayOutOfIt) {
  EscposPrinter p = Printer();
  escpos::Builder b(profile_);
  b.Initialize().Text("HELLO").Feed(1).Cut();
  ASSERT_TRUE(p.Check().ok());
  ASSERT_TRUE(p.Print(b.bytes()).ok());
  ASSERT_TRUE(p.Reset().ok());
  ASSERT_TRUE(p.Check().ok());
  ASSERT_TRUE(p.Print(b.bytes()).ok());
  EXPECT_TRUE(std::filesystem::exists(tmp_.File("0001.png")));
  EXPECT_TRUE(std::filesystem::exists(tmp_.File("0002.png")));
  EXPECT_EQ(base::ReadFile(tmp_.File("0001.escpos")).value(),
            std::string(b.bytes().begin(), b.bytes().end()))
      << "the stored job is exactly the job: no status query, no reset";
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("0001.log")));
}

TEST_F(PngTransportTest, UnknownCommandsAreLoggedNotIgnored) {
  EscposPrinter p = Printer();
  const std::vector<uint8_t> job{0x1b, 0x40, 'A', 0x1b, 0x7e, 0x01, 0x0a, 0x1d, 0x56, 0x42, 0x00};
  ASSERT_TRUE(p.Print(job).ok());
  auto log = base::ReadFile(tmp_.File("0001.log"));
  ASSERT_TRUE(log.ok()) << "an unknown command leaves a log beside the page";
  EXPECT_FALSE(log->empty());
}

TEST_F(PngTransportTest, NoPaperNoPage) {
  EscposPrinter p = Printer();
  Touch("paper-out");
  const std::vector<uint8_t> job{0x1b, 0x40, 'A', 0x0a};
  EXPECT_EQ(p.Print(job).reason(), "offline");
  EXPECT_FALSE(std::filesystem::exists(tmp_.File("0001.png")));
}

}  // namespace
}  // namespace gb::printer
