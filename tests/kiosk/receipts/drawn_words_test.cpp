// drawn::Line and friends find exactly the lines a receipt draws, so the
// tests that use them (queue, till, journeys) can fail.
#include "tests/kiosk/receipts/drawn_words.h"

#include <gtest/gtest.h>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "kiosk/receipts/receipts.h"
#include "tests/core/rules/sample_deal.h"
#include "tests/kiosk/receipts/receipts_fixture.h"

namespace gb::receipts {
namespace {

// The helper the queue and journey tests use finds exactly the drawn line.
TEST(DrawnWordsTest, FindsTheCodeAndTheReprintMarkOfAVoucherAndNothingElse) {
  const voucher::Voucher v = fixture::SampleVoucher();
  for (const char* profile_name : {"generic-58mm", "generic-80mm"}) {
    for (bool reprint : {false, true}) {
      const escpos::PrinterProfile profile = *escpos::FindProfileByName(profile_name);
      escpos::Builder b(profile);
      Context ctx{b, fixture::Rasterizer(), i18n::Catalog::For(i18n::Lang::kEn), fixture::kStore};
      ASSERT_TRUE(AppendVoucherReceipt(ctx, {rules::testing::SampleDeal(),
                                             rules::DealState::kOpen, {7, 0}, 7,
                                             voucher::Encode(v), voucher::ShortCode(v),
                                             rules::testing::kOpens, 0, false, reprint})
                      .ok());
      EXPECT_TRUE(drawn::Contains(b.bytes(), drawn::CodeLine(profile_name, voucher::ShortCode(v))));
      EXPECT_FALSE(drawn::Contains(b.bytes(), drawn::CodeLine(profile_name, "7-7-00000")));
      EXPECT_EQ(drawn::Contains(b.bytes(), drawn::ReprintMark(profile_name)), reprint);
      EXPECT_TRUE(drawn::Contains(b.bytes(), drawn::Heading(profile_name, fixture::kStore.name)));
    }
  }
}

}  // namespace
}  // namespace gb::receipts
