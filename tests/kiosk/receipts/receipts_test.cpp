// Every receipt layout, in every language, rendered by the virtual printer:
// no unknown command, the QR scans back to its exact text, and the pixels
// match the golden images (which a person has looked at).
#include "kiosk/receipts/receipts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <set>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "drivers/virtual/interpreter.h"
#include "kiosk/receipts/layout.h"
#include "tests/core/rules/sample_deal.h"
#include "tests/kiosk/receipts/drawn_words.h"
#include "tests/kiosk/receipts/receipts_fixture.h"
#include "tests/support/golden.h"
#include "tests/support/qr_scan.h"

namespace gb::receipts {
namespace {

using rules::testing::kOpens;
using fixture::Rasterizer;
using fixture::RecordingRasterizer;
using fixture::SampleVoucher;
using fixture::kStore;
using fixture::UseLongTitles;

enum class Layout { kVoucher, kUnlocked, kReprint, kCancel, kRedeem, kShelf, kDeposit, kRefund, kRefundFailed };

struct Case {
  Layout layout;
  i18n::Lang lang;
  const char* profile;
  const char* golden;
  bool long_title = false;
};

std::string Name(const Case& c) {
  return std::string(c.golden).substr(0, std::string(c.golden).size() - 4);
}

virtual_printer::Rendering Render(const Case& c) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName(c.profile);
  escpos::Builder b(profile);
  const i18n::Catalog& words = i18n::Catalog::For(c.lang);
  Context ctx{b, Rasterizer(), words, kStore};
  rules::Deal deal = rules::testing::SampleDeal();
  if (c.long_title) UseLongTitles(deal);
  voucher::Voucher v = SampleVoucher();
  base::Status s;
  switch (c.layout) {
    case Layout::kVoucher:
    case Layout::kReprint:
      s = AppendVoucherReceipt(ctx, {deal, rules::DealState::kOpen, {7, 0}, 7,
                                     voucher::Encode(v), voucher::ShortCode(v), kOpens + 3600, 0,
                                     false, c.layout == Layout::kReprint});
      break;
    case Layout::kUnlocked:  // the price now, and the date to redeem by
      s = AppendVoucherReceipt(ctx, {deal, rules::DealState::kUnlocked, {12, 0}, 12,
                                     voucher::Encode(v), voucher::ShortCode(v), kOpens + 3600, 0,
                                     false, false});
      break;
    case Layout::kCancel:
      s = AppendCancellationSlip(ctx, {deal, voucher::ShortCode(v), 5990, kOpens + 7200, false});
      break;
    case Layout::kRedeem:
      s = AppendRedemptionSlip(ctx, {deal, voucher::ShortCode(v),
                                     rules::SettleRedemption(deal, 25, 59900, 5990),
                                     rules::testing::kStop + 60, "Till 2", false});
      break;
    case Layout::kShelf:
      s = AppendShelfCard(ctx, {deal, {7, 1}});
      break;
    case Layout::kDeposit:
      s = AppendDepositReceipt(ctx, {deal, voucher::ShortCode(v), 5990, kOpens + 5400, "till-2",
                                     false});
      break;
    case Layout::kRefund:
    case Layout::kRefundFailed:
      s = AppendRefundSlip(ctx, {deal, voucher::ShortCode(v), 5990, kOpens + 9000, "till-2",
                                 c.layout == Layout::kRefundFailed, false});
      break;
  }
  EXPECT_TRUE(s.ok()) << s.ToString();
  return virtual_printer::Interpreter(profile).Run(b.bytes());
}

class ReceiptsTest : public ::testing::TestWithParam<Case> {};

TEST_P(ReceiptsTest, PrintsCleanlyScansAndMatchesGolden) {
  const Case& c = GetParam();
  virtual_printer::Rendering r = Render(c);
  for (const auto& d : r.diagnostics) ADD_FAILURE() << d.ToString();
  ASSERT_EQ(r.pages.size(), 1u) << "one cut ends each layout";
  const int width = escpos::FindProfileByName(c.profile)->width_dots;
  virtual_printer::GrayImage image = virtual_printer::ComposeJobImage(r.pages, width);

  std::vector<std::string> codes = virtual_printer::ScanQrCodes(image);
  if (c.layout == Layout::kVoucher || c.layout == Layout::kReprint ||
      c.layout == Layout::kUnlocked) {
    EXPECT_EQ(codes, std::vector<std::string>{voucher::Encode(SampleVoucher())});
  } else if (c.layout == Layout::kShelf) {
    EXPECT_EQ(codes, std::vector<std::string>{"GBD1:42"});
  } else {
    EXPECT_TRUE(codes.empty());
  }
  GB_EXPECT_GOLDEN(image, std::string("tests/kiosk/receipts/golden/") + c.golden);
}

using L = Layout;
using i18n::Lang;
INSTANTIATE_TEST_SUITE_P(
    Layouts, ReceiptsTest,
    ::testing::Values(Case{L::kVoucher, Lang::kEn, "generic-58mm", "voucher_en_384.png"},
                      Case{L::kVoucher, Lang::kRu, "generic-58mm", "voucher_ru_384.png"},
                      Case{L::kVoucher, Lang::kZh, "generic-58mm", "voucher_zh_384.png"},
                      Case{L::kVoucher, Lang::kEn, "generic-80mm", "voucher_en_576.png"},
                      Case{L::kVoucher, Lang::kRu, "generic-80mm", "voucher_ru_576.png"},
                      Case{L::kVoucher, Lang::kZh, "generic-80mm", "voucher_zh_576.png"},
                      Case{L::kUnlocked, Lang::kEn, "generic-58mm", "unlocked_en_384.png"},
                      Case{L::kUnlocked, Lang::kRu, "generic-80mm", "unlocked_ru_576.png"},
                      Case{L::kUnlocked, Lang::kZh, "generic-58mm", "unlocked_zh_384.png"},
                      Case{L::kReprint, Lang::kEn, "generic-58mm", "reprint_en_384.png"},
                      Case{L::kReprint, Lang::kRu, "generic-58mm", "reprint_ru_384.png"},
                      Case{L::kReprint, Lang::kZh, "generic-80mm", "reprint_zh_576.png"},
                      Case{L::kCancel, Lang::kEn, "generic-58mm", "cancel_en_384.png"},
                      Case{L::kCancel, Lang::kRu, "generic-80mm", "cancel_ru_576.png"},
                      Case{L::kCancel, Lang::kZh, "generic-58mm", "cancel_zh_384.png"},
                      Case{L::kRedeem, Lang::kEn, "generic-58mm", "redeem_en_384.png"},
                      Case{L::kRedeem, Lang::kRu, "generic-58mm", "redeem_ru_384.png"},
                      Case{L::kRedeem, Lang::kZh, "generic-80mm", "redeem_zh_576.png"},
                      Case{L::kShelf, Lang::kEn, "generic-80mm", "shelf_en_576.png"},
                      Case{L::kShelf, Lang::kRu, "generic-58mm", "shelf_ru_384.png"},
                      Case{L::kShelf, Lang::kZh, "generic-80mm", "shelf_zh_576.png"},
                      Case{L::kDeposit, Lang::kEn, "generic-58mm", "deposit_en_384.png"},
                      Case{L::kDeposit, Lang::kRu, "generic-80mm", "deposit_ru_576.png"},
                      Case{L::kDeposit, Lang::kZh, "generic-80mm", "deposit_zh_576.png"},
                      Case{L::kRefund, Lang::kEn, "generic-80mm", "refund_en_576.png"},
                      Case{L::kRefundFailed, Lang::kRu, "generic-58mm", "refund_ru_384.png"},
                      Case{L::kRefundFailed, Lang::kZh, "generic-58mm", "refund_zh_384.png"},
                      Case{L::kShelf, Lang::kEn, "generic-58mm", "shelf_long_en_384.png", true},
                      Case{L::kShelf, Lang::kRu, "generic-58mm", "shelf_long_ru_384.png", true},
                      Case{L::kShelf, Lang::kZh, "generic-58mm", "shelf_long_zh_384.png", true},
                      Case{L::kVoucher, Lang::kRu, "generic-58mm", "voucher_long_ru_384.png", true},
                      Case{L::kCancel, Lang::kZh, "generic-58mm", "cancel_long_zh_384.png", true},
                      Case{L::kDeposit, Lang::kEn, "generic-58mm", "deposit_long_en_384.png", true}),
    [](const auto& p) { return Name(p.param); });

TEST(ReceiptsReprintTest, AReprintSaysSoAtTopAndBottom) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  escpos::Builder b(profile);
  Context ctx{b, Rasterizer(), i18n::Catalog::For(i18n::Lang::kEn), kStore};
  rules::Deal deal = rules::testing::SampleDeal();
  voucher::Voucher v = SampleVoucher();
  VoucherReceipt r{deal, rules::DealState::kOpen, {7, 0}, 7, voucher::Encode(v),
                   voucher::ShortCode(v), kOpens, 0, false, true};
  ASSERT_TRUE(AppendVoucherReceipt(ctx, r).ok());
  const std::string mark = layout::ReprintMark(i18n::Catalog::For(i18n::Lang::kEn));
  EXPECT_EQ(mark, "***\u00A0REPRINT\u00A0***") << "its stars kept on its lines";
  // Drawn large at the top and at body size at the bottom.
  const std::string top = drawn::ReprintMark("generic-58mm");
  const std::string bottom = drawn::Line("generic-58mm", mark, {escpos::Align::kCenter, true});
  EXPECT_TRUE(drawn::Contains(b.bytes(), top));
  EXPECT_TRUE(drawn::Contains(b.bytes(), bottom));

  escpos::Builder original(profile);
  RecordingRasterizer orecorder;
  Context octx{original, orecorder, i18n::Catalog::For(i18n::Lang::kEn), kStore};
  r.reprint = false;
  ASSERT_TRUE(AppendVoucherReceipt(octx, r).ok());
  EXPECT_EQ(orecorder.drawn.find("REPRINT"), std::string::npos);
  EXPECT_FALSE(drawn::Contains(original.bytes(), top));
  EXPECT_FALSE(drawn::Contains(original.bytes(), bottom));
}

TEST(ReceiptsTest, VoucherReceiptStatesTheTermsInWords) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-80mm");
  escpos::Builder b(profile);
  RecordingRasterizer recorder;
  Context ctx{b, recorder, i18n::Catalog::For(i18n::Lang::kEn), kStore};
  rules::Deal deal = rules::testing::SampleDeal();
  deal.deposit = {rules::DepositKind::kPercent, 1000, 86400};
  voucher::Voucher v = SampleVoucher();
  // Named, not a temporary in the loop's list: before C++23 a temporary in a
  // range-for initializer dies before the loop body runs.
  const std::string short_code = voucher::ShortCode(v);
  ASSERT_TRUE(AppendVoucherReceipt(ctx, {deal, rules::DealState::kOpen, {7, 0}, 7,
                                         voucher::Encode(v), short_code, kOpens, 5990, true,
                                         false})
                  .ok());
  // Words sent as text plus words drawn as images (lines with "€").
  std::string bytes = std::string(b.bytes().begin(), b.bytes().end()) + recorder.drawn;
  for (const char* want : {"You are #7", "3 more needed", "599.00", "Can fall to: ", "499.00",
                           "Needs 10 people by", "fee of 2.5%", "You may cancel until",
                           "deposit of", "59.90", "this voucher is void", "Issued offline",
                           "Bring this to the till once the deal unlocks.",
                           "Scan it at the kiosk to check or cancel.", short_code.c_str()}) {
    EXPECT_NE(bytes.find(want), std::string::npos) << want;
  }
  EXPECT_EQ(bytes.find("Price now"), std::string::npos) << "no price \"now\" before it unlocks";
}

// The words of a voucher receipt for this deal and tally.
std::string VoucherWords(const rules::Deal& deal, rules::DealState state, rules::Tally tally,
                         i18n::Lang lang = i18n::Lang::kEn) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-80mm");
  escpos::Builder b(profile);
  RecordingRasterizer recorder;
  Context ctx{b, recorder, i18n::Catalog::For(lang), kStore};
  voucher::Voucher v = SampleVoucher();
  EXPECT_TRUE(AppendVoucherReceipt(ctx, {deal, state, tally, 7, voucher::Encode(v),
                                         voucher::ShortCode(v), kOpens, 0, false, false})
                  .ok());
  return std::string(b.bytes().begin(), b.bytes().end()) + recorder.drawn;
}

TEST(ReceiptsTest, PriceNowOnlyOnceUnlockedAndNoFeeOfNothing) {
  rules::Deal deal = rules::testing::SampleDeal();
  const std::string unlocked = VoucherWords(deal, rules::DealState::kUnlocked, {10, 0});
  EXPECT_NE(unlocked.find("Price now: "), std::string::npos);
  EXPECT_NE(unlocked.find("The deal is unlocked: bring this to the till by"), std::string::npos);
  EXPECT_EQ(unlocked.find("once the deal unlocks"), std::string::npos);
  // An unlocked deal cannot fail: no threshold to reach, no "void if fewer".
  EXPECT_EQ(unlocked.find("Needs 10 people by"), std::string::npos);
  EXPECT_EQ(unlocked.find("this voucher is void"), std::string::npos);
  const std::string open = VoucherWords(deal, rules::DealState::kOpen, {7, 0});
  EXPECT_NE(open.find("Needs 10 people by"), std::string::npos);
  EXPECT_NE(open.find("this voucher is void"), std::string::npos);
  deal.fee_bp = 0;
  for (i18n::Lang lang : i18n::kAllLangs) {
    const std::string words = VoucherWords(deal, rules::DealState::kOpen, {7, 0}, lang);
    const std::string zero = i18n::Catalog::For(lang).Percent(0);
    EXPECT_EQ(words.find(i18n::Catalog::For(lang).Text("receipt.fee", {{"fee", zero}})),
              std::string::npos)
        << i18n::LangCode(lang) << ": a fee of 0% is no fee";
    EXPECT_NE(words.find(i18n::Catalog::For(lang).Text("receipt.next_check")), std::string::npos);
  }
}

// Draws with the real fonts and remembers, for each text, how many lines it
// took at its height.
class LineCountingRasterizer final : public escpos::TextRasterizer {
 public:
  base::Result<escpos::Bitmap> Render(std::string_view utf8, int px_height, bool bold,
                                      int max_width) const override {
    base::Result<escpos::Bitmap> r = Rasterizer().Render(utf8, px_height, bold, max_width);
    if (r.ok()) lines.emplace_back(std::string(utf8), r->height() / px_height);
    return r;
  }
  mutable std::vector<std::pair<std::string, int>> lines;
};

// Big headings that do not fit the paper at double size step down a size
// rather than split a word ("ПОЛУЧЕН/О", "ОТМЕНЕН/О", "ПОВТОРН/АЯ").
TEST(ReceiptsTest, HeadingsStepDownInsteadOfSplittingAWord) {
  rules::Deal deal = rules::testing::SampleDeal();
  voucher::Voucher v = SampleVoucher();
  for (const char* profile_name : {"generic-58mm", "generic-80mm"}) {
    for (i18n::Lang lang : {i18n::Lang::kRu, i18n::Lang::kEn}) {
      const escpos::PrinterProfile profile = *escpos::FindProfileByName(profile_name);
      escpos::Builder b(profile);
      LineCountingRasterizer counter;
      Context ctx{b, counter, i18n::Catalog::For(lang), kStore};
      ASSERT_TRUE(AppendVoucherReceipt(ctx, {deal, rules::DealState::kOpen, {7, 0}, 7,
                                             voucher::Encode(v), voucher::ShortCode(v), kOpens, 0,
                                             false, true})
                      .ok());
      ASSERT_TRUE(AppendCancellationSlip(ctx, {deal, "7-7-12345", 5990, kOpens, true}).ok());
      ASSERT_TRUE(AppendDepositReceipt(ctx, {deal, "7-7-12345", 5990, kOpens, "till-2", true}).ok());
      ASSERT_TRUE(
          AppendRefundSlip(ctx, {deal, "7-7-12345", 5990, kOpens, "till-2", true, true}).ok());
      std::set<std::string> headings;
      for (const auto& [text, n] : counter.lines) {
        const bool one_word = text.find(' ') == std::string::npos;
        if (one_word) {
          EXPECT_EQ(n, 1) << profile_name << ": \"" << text << "\" was split";
        }
        const i18n::Catalog& w = i18n::Catalog::For(lang);
        for (const char* key : {"slip.cancelled", "slip.deposit", "slip.refunded"}) {
          if (text == w.Text(key)) {
            headings.insert(key);
            // Each word of the heading is on one line: as many lines as words at most.
            EXPECT_LE(n, 1 + static_cast<int>(std::count(text.begin(), text.end(), ' ')))
                << profile_name << ": \"" << text << "\"";
          }
        }
      }
      if (lang == i18n::Lang::kRu) {
        EXPECT_EQ(headings.size(), 3u) << profile_name;
      }
    }
  }
}

}  // namespace
}  // namespace gb::receipts
