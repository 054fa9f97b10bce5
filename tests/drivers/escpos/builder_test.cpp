#include "drivers/escpos/builder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "drivers/escpos/qr.h"

namespace gb::escpos {
namespace {

using Bytes = std::vector<std::uint8_t>;

PrinterProfile Profile(std::string_view name) {
  auto p = FindProfileByName(name);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return *p;
}

// Records calls and returns a w x h image with a diagonal, or a failure.
class FakeRasterizer : public TextRasterizer {
 public:
  base::Result<Bitmap> Render(std::string_view utf8, int px_height, bool bold,
                              int max_width) const override {
    calls.push_back({std::string(utf8), px_height, bold, max_width});
    if (fail) return base::Status::Internal("ttf_failed", "fake failure");
    Bitmap b(16, px_height);
    for (int i = 0; i < 16; ++i) b.Set(i, i, true);
    return b;
  }
  struct Call {
    std::string text;
    int px_height;
    bool bold;
    int max_width;
  };
  mutable std::vector<Call> calls;
  bool fail = false;
};

class BuilderTest : public ::testing::Test {
 protected:
  Builder b{Profile("generic-58mm")};
};

TEST_F(BuilderTest, InitializeIsEscAt) {
  b.Initialize();
  EXPECT_EQ(b.bytes(), (Bytes{0x1B, 0x40}));
}

TEST_F(BuilderTest, AlignBoldAndSizeAreSingleCommands) {
  b.SetAlign(Align::kCenter).SetAlign(Align::kRight).SetAlign(Align::kLeft);
  b.SetBold(true).SetBold(false);
  b.SetSize(true, true).SetSize(true, false).SetSize(false, true).SetSize(false, false);
  EXPECT_EQ(b.bytes(), (Bytes{0x1B, 0x61, 0x01, 0x1B, 0x61, 0x02, 0x1B, 0x61, 0x00,  //
                              0x1B, 0x45, 0x01, 0x1B, 0x45, 0x00,                    //
                              0x1D, 0x21, 0x11, 0x1D, 0x21, 0x10, 0x1D, 0x21, 0x01,  //
                              0x1D, 0x21, 0x00}));
}

TEST_F(BuilderTest, TextThenFeedIsTextAndEscD) {
  b.Text("Hi").Feed(3);
  EXPECT_EQ(b.bytes(), (Bytes{'H', 'i', 0x1B, 0x64, 0x03}));
}

TEST_F(BuilderTest, TextReplacesControlAndNonAsciiBytes) {
  b.Text("a\nb\x1B\xC3");
  EXPECT_EQ(b.bytes(), (Bytes{'a', '?', 'b', '?', '?'}));
}

TEST_F(BuilderTest, FeedClampsToOneByte) {
  b.Feed(300).Feed(-2);
  EXPECT_EQ(b.bytes(), (Bytes{0x1B, 0x64, 0xFF, 0x1B, 0x64, 0x00}));
}

TEST_F(BuilderTest, CutEndsPendingLineThenUsesProfileBytes) {
  b.Text("x").Cut().Cut(CutKind::kFull);
  EXPECT_EQ(b.bytes(), (Bytes{'x', 0x0A, 0x1D, 0x56, 0x42, 0x00, 0x1D, 0x56, 0x41, 0x00}));
}

TEST(BuilderProfileTest, CutWithoutCutterFeedsToTearBar) {
  Builder cn(Profile("generic-cn-58mm"));
  cn.Cut();
  EXPECT_EQ(cn.bytes(), (Bytes{0x1B, 0x64, 0x04}));
}

TEST_F(BuilderTest, TinyRasterIsOneGsV0Block) {
  Bitmap img(10, 2);
  img.Set(0, 0, true);
  img.Set(9, 0, true);
  img.Set(1, 1, true);
  b.Raster(img);
  EXPECT_EQ(b.bytes(), (Bytes{0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00,  //
                              0x80, 0x40, 0x40, 0x00}));
}

TEST_F(BuilderTest, CenteredRasterMovesHalfThePaddingToTheLeft) {
  Bitmap img(10, 1);  // padded to 16 dots: 6 dots of white
  img.Set(0, 0, true);
  b.SetAlign(Align::kCenter).Raster(img).SetAlign(Align::kRight).Raster(img);
  EXPECT_EQ(b.bytes(), (Bytes{0x1B, 0x61, 0x01, 0x1D, 0x76, 0x30, 0x00,
                              0x02, 0x00, 0x01, 0x00, 0x10, 0x00,  // ink at x = 3
                              0x1B, 0x61, 0x02, 0x1D, 0x76, 0x30, 0x00,
                              0x02, 0x00, 0x01, 0x00, 0x02, 0x00}));  // ink at x = 6
}

TEST_F(BuilderTest, RasterAfterTextEndsTheLineFirst) {
  b.Text("a").Raster(Bitmap(8, 1));
  EXPECT_EQ(b.bytes(), (Bytes{'a', 0x0A, 0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00}));
}

TEST_F(BuilderTest, EmptyRasterSendsNothing) {
  b.Raster(Bitmap(0, 10)).Raster(Bitmap(10, 0));
  EXPECT_TRUE(b.bytes().empty());
}

// Counts GS v 0 headers and returns their row counts, walking the blocks.
std::vector<int> BandRows(const Bytes& bytes) {
  std::vector<int> rows;
  std::size_t i = 0;
  while (i + 8 <= bytes.size()) {
    EXPECT_EQ(bytes[i], 0x1D);
    EXPECT_EQ(bytes[i + 1], 0x76);
    const std::size_t stride = bytes[i + 4] | (std::size_t{bytes[i + 5]} << 8);
    const std::size_t n = bytes[i + 6] | (std::size_t{bytes[i + 7]} << 8);
    rows.push_back(static_cast<int>(n));
    i += 8 + stride * n;
  }
  EXPECT_EQ(i, bytes.size());
  return rows;
}

TEST_F(BuilderTest, TallRasterIsSplitIntoBandsAtTheProfileLimit) {
  Bitmap img(8, 600);
  for (int y = 0; y < 600; ++y) img.Set(y % 8, y, true);
  b.Raster(img);
  EXPECT_EQ(BandRows(b.bytes()), (std::vector<int>{255, 255, 90}));
  // The second band starts with row 255, whose dot is at x = 255 % 8 = 7.
  EXPECT_EQ(b.bytes()[8 + 255 + 8], 0x01);
}

TEST(BuilderProfileTest, CheapPrinterGetsSmallerBands) {
  Builder cn(Profile("generic-cn-58mm"));
  cn.Raster(Bitmap(16, 300));
  EXPECT_EQ(BandRows(cn.bytes()), (std::vector<int>{128, 128, 44}));
}

TEST_F(BuilderTest, RasterWiderThanPaperIsCroppedOnTheRight) {
  Bitmap img(600, 1);
  img.Set(383, 0, true);
  img.Set(384, 0, true);
  b.Raster(img);
  const Bytes& out = b.bytes();
  ASSERT_EQ(out.size(), 8u + 48u);
  EXPECT_EQ(out[4], 48);  // 384 dots
  EXPECT_EQ(out[8 + 47], 0x01);
}

TEST_F(BuilderTest, AsciiTextLineUsesResidentFont) {
  FakeRasterizer r;
  ASSERT_TRUE(b.TextLine("Total 12.50", r).ok());
  EXPECT_TRUE(r.calls.empty());
  Bytes want{'T', 'o', 't', 'a', 'l', ' ', '1', '2', '.', '5', '0', 0x0A};
  EXPECT_EQ(b.bytes(), want);
}

TEST_F(BuilderTest, TextLineStartsOnItsOwnLine) {
  FakeRasterizer r;
  b.Text("a");
  ASSERT_TRUE(b.TextLine("b", r).ok());
  EXPECT_EQ(b.bytes(), (Bytes{'a', 0x0A, 'b', 0x0A}));
}

TEST_F(BuilderTest, NonAsciiTextLineIsRasterisedAtLinePitch) {
  FakeRasterizer r;
  b.SetBold(true);
  b.Take();
  ASSERT_TRUE(b.TextLine("Привет", r).ok());
  ASSERT_EQ(r.calls.size(), 1u);
  EXPECT_EQ(r.calls[0].text, "Привет");
  EXPECT_EQ(r.calls[0].px_height, 30);
  EXPECT_TRUE(r.calls[0].bold);
  EXPECT_EQ(r.calls[0].max_width, 384);
  EXPECT_EQ(BandRows(b.bytes()), (std::vector<int>{30}));
}

TEST_F(BuilderTest, DoubleSizeRasterLineIsStretched) {
  FakeRasterizer r;
  b.SetSize(true, true);
  b.Take();
  ASSERT_TRUE(b.TextLine("团购", r).ok());
  EXPECT_EQ(r.calls[0].px_height, 60);
  EXPECT_EQ(r.calls[0].max_width, 192);
  EXPECT_EQ(b.bytes()[4], 4);  // 16 dots stretched to 32 = 4 bytes
}

TEST_F(BuilderTest, RasterizerFailureAppendsNothing) {
  FakeRasterizer r;
  r.fail = true;
  base::Status s = b.TextLine("é", r);
  EXPECT_EQ(s.reason(), "ttf_failed");
  EXPECT_TRUE(b.bytes().empty());
}

TEST(BuilderProfileTest, NativeQrIsModelSizeLevelStorePrint) {
  Builder t20(Profile("epson-tm-t20"));
  ASSERT_TRUE(t20.NativeQr("AB").ok());
  EXPECT_EQ(t20.bytes(), (Bytes{0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,  //
                                0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x04,        //
                                0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,        //
                                0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31, 0x50, 0x30, 'A',
                                'B',  0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}));
}

TEST_F(BuilderTest, NativeQrNeedsProfileSupport) {
  base::Status s = b.NativeQr("AB");
  EXPECT_EQ(s.code(), base::Code::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "native_qr_unsupported");
  EXPECT_TRUE(b.bytes().empty());
}

TEST_F(BuilderTest, RasterQrSendsTheRenderedSymbol) {
  ASSERT_TRUE(b.RasterQr("HELLO").ok());
  auto want = RenderQrForProfile("HELLO", b.profile());
  ASSERT_TRUE(want.ok());
  ASSERT_EQ(BandRows(b.bytes()), (std::vector<int>{want->height()}));
  const Bytes data(b.bytes().begin() + 8, b.bytes().end());
  EXPECT_EQ(data, want->bytes());
}

TEST_F(BuilderTest, EmptyQrTextFails) {
  EXPECT_EQ(b.RasterQr("").reason(), "qr_empty");
  EXPECT_TRUE(b.bytes().empty());
}

TEST_F(BuilderTest, TakeEmptiesTheBuilder) {
  b.Initialize().Text("x");
  EXPECT_EQ(b.Take().size(), 3u);
  EXPECT_TRUE(b.bytes().empty());
  b.Cut();  // the line was taken with the bytes: no LF now
  EXPECT_EQ(b.bytes(), (Bytes{0x1D, 0x56, 0x42, 0x00}));
}

}  // namespace
}  // namespace gb::escpos
