#include "drivers/escpos/realtime_status.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

namespace gb::escpos {
namespace {

TEST(RealtimeStatusTest, RequestsAreDleEotN) {
  EXPECT_EQ(StatusRequest(StatusQuery::kPrinter), (std::array<std::uint8_t, 3>{0x10, 0x04, 0x01}));
  EXPECT_EQ(StatusRequest(StatusQuery::kOfflineCause),
            (std::array<std::uint8_t, 3>{0x10, 0x04, 0x02}));
  EXPECT_EQ(StatusRequest(StatusQuery::kErrorCause),
            (std::array<std::uint8_t, 3>{0x10, 0x04, 0x03}));
  EXPECT_EQ(StatusRequest(StatusQuery::kPaperSensor),
            (std::array<std::uint8_t, 3>{0x10, 0x04, 0x04}));
}

TEST(RealtimeStatusTest, AllClearRepliesMeanReady) {
  PrinterStatus s;
  for (StatusQuery q : {StatusQuery::kPrinter, StatusQuery::kOfflineCause, StatusQuery::kErrorCause,
                        StatusQuery::kPaperSensor}) {
    ASSERT_TRUE(ApplyStatusReply(q, 0x12, &s).ok());
  }
  EXPECT_EQ(s, PrinterStatus{});
  EXPECT_EQ(Describe(s), "ready");
}

TEST(RealtimeStatusTest, PrinterReplyBit3IsOffline) {
  PrinterStatus s;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPrinter, 0x1A, &s).ok());
  EXPECT_FALSE(s.online);
  EXPECT_FALSE(s.drawer_pin3_high);
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPrinter, 0x16, &s).ok());
  EXPECT_TRUE(s.online);
  EXPECT_TRUE(s.drawer_pin3_high);
}

TEST(RealtimeStatusTest, OfflineCauseReportsCoverPaperEndAndError) {
  PrinterStatus cover;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kOfflineCause, 0x16, &cover).ok());
  EXPECT_TRUE(cover.cover_open);
  EXPECT_FALSE(cover.paper_out);

  PrinterStatus paper;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kOfflineCause, 0x32, &paper).ok());
  EXPECT_TRUE(paper.paper_out);
  EXPECT_FALSE(paper.cover_open);

  PrinterStatus err;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kOfflineCause, 0x5A, &err).ok());
  EXPECT_TRUE(err.error);
  EXPECT_TRUE(err.feed_button);
}

TEST(RealtimeStatusTest, ErrorCauseBits) {
  PrinterStatus s;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kErrorCause, 0x1A, &s).ok());
  EXPECT_TRUE(s.cutter_error);
  EXPECT_FALSE(s.unrecoverable_error);
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kErrorCause, 0x72, &s).ok());
  EXPECT_FALSE(s.cutter_error);
  EXPECT_TRUE(s.unrecoverable_error);
  EXPECT_TRUE(s.auto_recoverable_error);
}

TEST(RealtimeStatusTest, PaperSensorNearEndAndEnd) {
  PrinterStatus low;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPaperSensor, 0x1E, &low).ok());
  EXPECT_TRUE(low.paper_near_end);
  EXPECT_FALSE(low.paper_out);
  EXPECT_EQ(Describe(low), "ready, paper low");

  PrinterStatus out;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPaperSensor, 0x7E, &out).ok());
  EXPECT_TRUE(out.paper_near_end);
  EXPECT_TRUE(out.paper_out);

  // A clone that sets only one bit of each pair.
  PrinterStatus clone;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPaperSensor, 0x36, &clone).ok());
  EXPECT_TRUE(clone.paper_near_end);
  EXPECT_TRUE(clone.paper_out);
}

TEST(RealtimeStatusTest, PaperEndFromEitherQueryIsNotClearedByTheOther) {
  PrinterStatus s;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPaperSensor, 0x72, &s).ok());
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kOfflineCause, 0x12, &s).ok());
  EXPECT_TRUE(s.paper_out);
}

TEST(RealtimeStatusTest, WrongFixedBitsAreRejectedAndLeaveStatusAlone) {
  for (int bad : {0x00, 0x13, 0x02, 0x10, 0x92, 0xFF}) {
    SCOPED_TRACE(bad);
    PrinterStatus s;
    s.cover_open = true;
    base::Status st =
        ApplyStatusReply(StatusQuery::kOfflineCause, static_cast<std::uint8_t>(bad), &s);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.reason(), "bad_status_reply");
    EXPECT_EQ(st.code(), base::Code::kCorruption);
    EXPECT_TRUE(s.cover_open);
  }
}

TEST(RealtimeStatusTest, DescribeListsEveryProblem) {
  PrinterStatus s;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPrinter, 0x1A, &s).ok());
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kOfflineCause, 0x36, &s).ok());
  EXPECT_EQ(Describe(s), "offline: cover open, paper out");

  PrinterStatus cut;
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kPrinter, 0x1A, &cut).ok());
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kOfflineCause, 0x52, &cut).ok());
  ASSERT_TRUE(ApplyStatusReply(StatusQuery::kErrorCause, 0x1A, &cut).ok());
  EXPECT_EQ(Describe(cut), "offline: cutter jammed");
}

}  // namespace
}  // namespace gb::escpos

namespace gb::escpos {
namespace {

TEST(RealtimeStatusEncodeTest, EncodedRepliesParseBackToTheSameStatus) {
  const StatusQuery queries[] = {StatusQuery::kPrinter, StatusQuery::kOfflineCause,
                                 StatusQuery::kErrorCause, StatusQuery::kPaperSensor};
  // Every combination of the fields each query reports.
  for (int mask = 0; mask < 512; ++mask) {
    PrinterStatus s;
    s.online = (mask & 1) == 0;
    s.drawer_pin3_high = (mask & 2) != 0;
    s.cover_open = (mask & 4) != 0;
    s.feed_button = (mask & 8) != 0;
    s.paper_out = (mask & 16) != 0;
    s.error = (mask & 32) != 0;
    s.cutter_error = (mask & 64) != 0;
    s.unrecoverable_error = (mask & 128) != 0;
    s.paper_near_end = (mask & 256) != 0;
    PrinterStatus back;
    for (StatusQuery q : queries) {
      ASSERT_TRUE(ApplyStatusReply(q, EncodeStatusReply(q, s), &back).ok()) << mask;
    }
    EXPECT_EQ(back, s) << mask;
  }
  EXPECT_EQ(EncodeStatusReply(StatusQuery::kPrinter, PrinterStatus{}), 0x12);
}

}  // namespace
}  // namespace gb::escpos
