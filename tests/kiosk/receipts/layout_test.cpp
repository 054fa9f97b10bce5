// The receipts' typography: one typeface for the whole of a receipt (no line
// in the printer's resident font), headings at the largest size at which no
// word is split, figures that keep their unit, and a line for what comes next.
#include "kiosk/receipts/layout.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "drivers/escpos/commands.h"
#include "tests/core/rules/sample_deal.h"
#include "tests/kiosk/receipts/receipts_fixture.h"

namespace gb::receipts {
namespace {

using fixture::Rasterizer;
using fixture::RecordingRasterizer;
using fixture::SampleVoucher;
using fixture::kStore;
using rules::testing::kOpens;

// Bytes of a job that the printer would draw with its resident font: every
// printable byte outside the commands the receipts send (ESC @, ESC a, ESC E,
// ESC d, GS !, GS v 0 with its image, LF) and before the final cut.
size_t ResidentTextBytes(const std::vector<uint8_t>& job, const escpos::PrinterProfile& profile) {
  const size_t cut = profile.partial_cut.size();
  size_t end = job.size() >= cut ? job.size() - cut : 0;
  size_t text = 0;
  for (size_t i = 0; i < end;) {
    const uint8_t c = job[i];
    if (c == escpos::cmd::kEsc && i + 1 < end) {
      i += job[i + 1] == '@' ? 2u : 3u;
    } else if (c == escpos::cmd::kGs && i + 7 < end && job[i + 1] == 'v') {
      const size_t stride = job[i + 4] + 256u * job[i + 5];
      const size_t rows = job[i + 6] + 256u * job[i + 7];
      i += 8 + stride * rows;
    } else if (c == escpos::cmd::kGs) {
      i += 3;
    } else {
      if (c >= 0x20 && c <= 0x7E) ++text;
      ++i;
    }
  }
  return text;
}

using Draw = std::function<base::Status(const Context&, const rules::Deal&)>;

// Every kind of receipt, as the kiosk and the till print them.
std::vector<std::pair<std::string, Draw>> AllReceipts() {
  static const voucher::Voucher v = SampleVoucher();
  static const std::string text = voucher::Encode(v);
  static const std::string code = voucher::ShortCode(v);
  return {
      {"voucher",
       [](const Context& c, const rules::Deal& d) {
         return AppendVoucherReceipt(c, {d, rules::DealState::kOpen, {7, 0}, 7, text, code,
                                         kOpens, 5990, true, false});
       }},
      {"reprint",
       [](const Context& c, const rules::Deal& d) {
         return AppendVoucherReceipt(c, {d, rules::DealState::kUnlocked, {12, 0}, 7, text, code,
                                         kOpens, 0, false, true});
       }},
      {"cancellation",
       [](const Context& c, const rules::Deal& d) {
         return AppendCancellationSlip(c, {d, code, 5990, kOpens, true});
       }},
      {"redemption",
       [](const Context& c, const rules::Deal& d) {
         return AppendRedemptionSlip(
             c, {d, code, rules::SettleRedemption(d, 25, 59900, 5990), kOpens, "Till 2", true});
       }},
      {"deposit",
       [](const Context& c, const rules::Deal& d) {
         return AppendDepositReceipt(c, {d, code, 5990, kOpens, "till-2", true});
       }},
      {"refund",
       [](const Context& c, const rules::Deal& d) {
         return AppendRefundSlip(c, {d, code, 5990, kOpens, "till-2", true, true});
       }},
      {"shelf", [](const Context& c,
                   const rules::Deal& d) { return AppendShelfCard(c, {d, {7, 1}}); }},
  };
}

TEST(ReceiptLayoutTest, EveryReceiptIsDrawnInOneTypefaceWithNoResidentFontText) {
  for (const char* profile_name : {"generic-58mm", "generic-80mm"}) {
    const escpos::PrinterProfile profile = *escpos::FindProfileByName(profile_name);
    for (i18n::Lang lang : i18n::kAllLangs) {
      for (const auto& [kind, draw] : AllReceipts()) {
        escpos::Builder b(profile);
        RecordingRasterizer recorder;
        Context ctx{b, recorder, i18n::Catalog::For(lang), kStore};
        ASSERT_TRUE(draw(ctx, rules::testing::SampleDeal()).ok()) << kind;
        EXPECT_EQ(ResidentTextBytes(b.bytes(), profile), 0u)
            << profile_name << " " << i18n::LangCode(lang) << " " << kind;
        // The store's name is drawn, not sent as text.
        EXPECT_NE(recorder.drawn.find(kStore.name), std::string::npos) << kind;
      }
    }
  }
}

// The walker above counts text: a builder that sends text is caught.
TEST(ReceiptLayoutTest, ResidentTextIsCounted) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  escpos::Builder b(profile);
  b.Initialize().SetAlign(escpos::Align::kCenter).SetBold(true);
  ASSERT_TRUE(b.TextLine("Code 7-7", Rasterizer()).ok());
  ASSERT_TRUE(b.RasterText("Code 7-7", Rasterizer(), 30).ok());
  b.Cut();
  EXPECT_EQ(ResidentTextBytes(b.bytes(), profile), 8u);
}

// The width of text on one line at px, as the receipts' typeface draws it.
int Width(std::string_view text, int px) {
  return Rasterizer().Render(text, px, true, 1 << 16)->width();
}

// The widest word of text at px.
int WidestWord(std::string_view text, int px) {
  int widest = 0;
  size_t i = 0;
  while (i <= text.size()) {
    size_t end = std::min(text.find(' ', i), text.size());
    if (end > i) widest = std::max(widest, Width(text.substr(i, end - i), px));
    i = end + 1;
  }
  return widest;
}

// Headings that would split a word at double size step down exactly as far
// as they must: every word fits the paper at the size chosen, and some word
// would not at the size above it.
TEST(ReceiptLayoutTest, HeadingsFitThePaperWidthOrStepDownASize) {
  const std::vector<std::string> headings = {
      "***\u00A0ПОВТОРНАЯ ПЕЧАТЬ\u00A0***", "ОТМЕНЕНО", "ПОЛУЧЕНО", "ЗАЛОГ ВНЕСЁН", "ЗАЛОГ ВОЗВРАЩЁН",
      "***\u00A0REPRINT\u00A0***", "CANCELLED", "DEPOSIT RETURNED", "Вы №7", "Sofa & Co. Store 12",
      "Журнальный столик «Фьорд» из массива дуба со стеклянной столешницей и полкой",
      "Coffee table Fjord, solid oak with a glass top and a magazine shelf below",
      // A title word too wide for the paper at twice the body size.
      "Кресло высокопроизводительное"};
  int stepped = 0;
  for (const char* profile_name : {"generic-58mm", "generic-80mm"}) {
    const escpos::PrinterProfile profile = *escpos::FindProfileByName(profile_name);
    escpos::Builder b(profile);
    b.SetBold(true);
    Context ctx{b, Rasterizer(), i18n::Catalog::For(i18n::Lang::kRu), kStore};
    for (const std::string& text : headings) {
      const int px = layout::FittedSize(ctx, text, layout::kHuge);
      EXPECT_LE(WidestWord(text, px), profile.width_dots) << profile_name << " " << text << " at "
                                                          << px;
      if (px > layout::kBody) {
        auto drawn = Rasterizer().Render(text, px, true, profile.width_dots);
        ASSERT_TRUE(drawn.ok());
        EXPECT_LE(drawn->height() / px, layout::kMaxLargeLines) << profile_name << " " << text;
      }
      if (px == layout::kLarge) {
        EXPECT_TRUE(WidestWord(text, layout::kHuge) > profile.width_dots ||
                    Rasterizer().Render(text, layout::kHuge, true, profile.width_dots)->height() >
                        layout::kMaxLargeLines * layout::kHuge)
            << text;
        ++stepped;
      } else if (px == layout::kBody) {
        EXPECT_TRUE(WidestWord(text, layout::kLarge) > profile.width_dots ||
                    Rasterizer().Render(text, layout::kLarge, true, profile.width_dots)->height() >
                        layout::kMaxLargeLines * layout::kLarge)
            << text;
        ++stepped;
      }
    }
  }
  // The long word stepped down on both papers.
  EXPECT_GE(stepped, 2);
}

TEST(ReceiptLayoutTest, ChineseHeadingsStayOnOneLineOrLeaveNoLoneCharacter) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  escpos::Builder b(profile);
  b.SetBold(true);
  Context ctx{b, Rasterizer(), i18n::Catalog::For(i18n::Lang::kZh), kStore};
  // Six characters fit one line at twice the body size.
  EXPECT_EQ(layout::FittedSize(ctx, "您是第 7 位", layout::kHuge), layout::kHuge);
  const std::string title = "峡湾实木橡木咖啡桌，钢化玻璃桌面，下方带杂志架，适合小客厅";
  const int px = layout::FittedSize(ctx, title, layout::kHuge);
  auto drawn = Rasterizer().Render(title, px, true, profile.width_dots);
  ASSERT_TRUE(drawn.ok());
  const int lines = drawn->height() / px;
  if (lines > 1) {
    const escpos::Bitmap last = drawn->Crop(0, (lines - 1) * px, drawn->width(), px);
    int right = 0;
    for (int y = 0; y < last.height(); ++y) {
      for (int x = 0; x < last.width(); ++x) {
        if (last.Get(x, y)) right = std::max(right, x);
      }
    }
    EXPECT_GE(right * 3, profile.width_dots) << "the last line of " << px << " px is too short";
  }
}

// Centred lines are centred one by one, as text would be: a wrapped line's
// ink is in the middle of the paper, not at the left of a centred block.
TEST(ReceiptLayoutTest, CentredRasterLinesAreEachCentred) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  escpos::Builder b(profile);
  b.SetAlign(escpos::Align::kCenter);
  // Two lines of very different widths.
  ASSERT_TRUE(b.RasterText("Принесите этот чек на кассу, когда сделка состоится.", Rasterizer(), 30)
                  .ok());
  std::vector<int> widths;  // of each GS v 0 image, in bytes per row
  const std::vector<uint8_t>& job = b.bytes();
  for (size_t i = 0; i + 7 < job.size(); ++i) {
    if (job[i] == escpos::cmd::kGs && job[i + 1] == 'v') {
      const size_t stride = job[i + 4] + 256u * job[i + 5];
      const size_t rows = job[i + 6] + 256u * job[i + 7];
      widths.push_back(static_cast<int>(stride));
      i += 7 + stride * rows;
    }
  }
  ASSERT_GE(widths.size(), 2u) << "one image per line";
  EXPECT_NE(widths.front(), widths.back()) << "each line trimmed to its own ink";
}

// The receipts say what comes next, in every language.
TEST(ReceiptLayoutTest, SlipsSayWhatComesNext) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-80mm");
  rules::Deal deal = rules::testing::SampleDeal();
  for (i18n::Lang lang : i18n::kAllLangs) {
    const i18n::Catalog& w = i18n::Catalog::For(lang);
    auto words = [&](const Draw& draw) {
      escpos::Builder b(profile);
      RecordingRasterizer recorder;
      Context ctx{b, recorder, w, kStore};
      EXPECT_TRUE(draw(ctx, deal).ok());
      return recorder.drawn;
    };
    const std::string refund = words([](const Context& c, const rules::Deal& d) {
      return AppendCancellationSlip(c, {d, "7-7-12345", 5990, kOpens, false});
    });
    EXPECT_NE(refund.find(w.Text("slip.cancelled_next_refund")), std::string::npos);
    const std::string nothing = words([](const Context& c, const rules::Deal& d) {
      return AppendCancellationSlip(c, {d, "7-7-12345", 0, kOpens, false});
    });
    EXPECT_NE(nothing.find(w.Text("slip.cancelled_next")), std::string::npos);
    EXPECT_EQ(nothing.find(w.Text("slip.cancelled_next_refund")), std::string::npos);
    const std::string deposit = words([](const Context& c, const rules::Deal& d) {
      return AppendDepositReceipt(c, {d, "7-7-12345", 5990, kOpens, "till-2", false});
    });
    EXPECT_NE(deposit.find(w.Text("slip.deposit_next")), std::string::npos);
  }
}

// "499,00 €" never leaves its sign alone on the next line.
TEST(ReceiptLayoutTest, MoneyKeepsItsUnitOnItsLine) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  escpos::Builder b(profile);
  Context ctx{b, Rasterizer(), i18n::Catalog::For(i18n::Lang::kRu), kStore};
  const std::string money = layout::Money(ctx, 49900, "EUR");
  EXPECT_EQ(money, "499,00\u00A0€");
  EXPECT_EQ(layout::Percent(ctx, 250), "2,5\u00A0%");
  // On 58 mm "Может снизиться до: 499,00 €" used to wrap before "€".
  auto drawn = Rasterizer().Render("Может снизиться до: " + money, 30, false, profile.width_dots);
  ASSERT_TRUE(drawn.ok());
  const int lines = drawn->height() / 30;
  if (lines > 1) {
    const int sign = Rasterizer().Render("€", 30, false, 384)->CountInk();
    EXPECT_GT(drawn->Crop(0, 30, drawn->width(), 30).CountInk(), 3 * sign)
        << "the figure moved down with its sign";
  }
}

}  // namespace
}  // namespace gb::receipts
