// The till's slips say what was paid or given back, and why.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "kiosk/receipts/receipts.h"
#include "tests/core/rules/sample_deal.h"
#include "tests/kiosk/receipts/receipts_fixture.h"

namespace gb::receipts {
namespace {

using fixture::RecordingRasterizer;
using fixture::kStore;
using rules::testing::kOpens;

// The words of a till slip: sent as text plus those drawn as images.
std::string SlipWords(i18n::Lang lang, const std::function<base::Status(const Context&)>& draw) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-80mm");
  escpos::Builder b(profile);
  RecordingRasterizer recorder;
  Context ctx{b, recorder, i18n::Catalog::For(lang), kStore};
  base::Status s = draw(ctx);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return std::string(b.bytes().begin(), b.bytes().end()) + recorder.drawn;
}

TEST(TillSlipsTest, TheDepositReceiptSaysWhatWasPaidAndWhenItComesBack) {
  rules::Deal deal = rules::testing::SampleDeal();
  std::string words = SlipWords(i18n::Lang::kEn, [&](const Context& ctx) {
    return AppendDepositReceipt(ctx, {deal, "7-7-12345", 5990, kOpens, "till-2", false});
  });
  for (const char* want : {"DEPOSIT PAID", "Deposit received: ", "59.90", "7-7-12345",
                           "you cancel before", "till-2", "Sofa Oslo"}) {
    EXPECT_NE(words.find(want), std::string::npos) << want;
  }
}

TEST(TillSlipsTest, TheRefundSlipSaysWhyAndHowMuch) {
  rules::Deal deal = rules::testing::SampleDeal();
  std::string cancelled = SlipWords(i18n::Lang::kEn, [&](const Context& ctx) {
    return AppendRefundSlip(ctx, {deal, "7-7-12345", 5990, kOpens, "till-2", false, false});
  });
  EXPECT_NE(cancelled.find("You cancelled"), std::string::npos);
  EXPECT_NE(cancelled.find("Given back: "), std::string::npos);
  EXPECT_NE(cancelled.find("59.90"), std::string::npos);
  std::string failed = SlipWords(i18n::Lang::kRu, [&](const Context& ctx) {
    return AppendRefundSlip(ctx, {deal, "7-7-12345", 5990, kOpens, "till-2", true, true});
  });
  EXPECT_NE(failed.find("Сделка не состоялась"), std::string::npos);
  EXPECT_NE(failed.find("ПОВТОРНАЯ ПЕЧАТЬ"), std::string::npos);
}

}  // namespace
}  // namespace gb::receipts
