#include "drivers/escpos/bitmap.h"

#include <gtest/gtest.h>

#include <random>
#include <utility>

namespace gb::escpos {
namespace {

TEST(BitmapTest, NewBitmapIsWhiteAndPaddedToWholeBytes) {
  Bitmap b(10, 3);
  EXPECT_EQ(b.width(), 10);
  EXPECT_EQ(b.height(), 3);
  EXPECT_EQ(b.stride(), 2);
  EXPECT_EQ(b.bytes().size(), 6u);
  EXPECT_EQ(b.CountInk(), 0);
}

TEST(BitmapTest, PixelsArePackedMostSignificantBitFirst) {
  Bitmap b(10, 2);
  b.Set(0, 0, true);
  b.Set(9, 0, true);
  b.Set(1, 1, true);
  EXPECT_EQ(b.bytes(), (std::vector<std::uint8_t>{0x80, 0x40, 0x40, 0x00}));
  EXPECT_TRUE(b.Get(9, 0));
  EXPECT_FALSE(b.Get(8, 0));
  b.Set(0, 0, false);
  EXPECT_EQ(b.Row(0)[0], 0x00);
}

TEST(BitmapTest, OutOfRangeAccessIsIgnored) {
  Bitmap b(4, 4);
  b.Set(-1, 0, true);
  b.Set(4, 0, true);
  b.Set(0, 4, true);
  EXPECT_EQ(b.CountInk(), 0);
  EXPECT_FALSE(b.Get(100, 100));
  EXPECT_EQ(Bitmap(-3, 5).width(), 0);
}

TEST(BitmapTest, BlitOrsInkAndClipsAtEdges) {
  Bitmap dst(8, 8);
  dst.Set(0, 0, true);
  Bitmap src(3, 3);
  src.FillRect(0, 0, 3, 3, true);
  src.Set(1, 1, false);
  dst.Blit(src, 6, 6);         // only the top-left 2x2 of src lands
  EXPECT_TRUE(dst.Get(0, 0));  // white src pixels do not erase
  EXPECT_TRUE(dst.Get(6, 6));
  EXPECT_TRUE(dst.Get(7, 6));
  EXPECT_FALSE(dst.Get(7, 7));  // src (1,1) is white
  EXPECT_EQ(dst.CountInk(), 4);
  dst.Blit(src, -2, -2);  // only src (2,2) lands, at (0,0)
  EXPECT_EQ(dst.CountInk(), 4);
}

TEST(BitmapTest, ScaledMakesBlocks) {
  Bitmap b(2, 1);
  b.Set(1, 0, true);
  const Bitmap s = b.Scaled(3, 2);
  EXPECT_EQ(s.width(), 6);
  EXPECT_EQ(s.height(), 2);
  EXPECT_EQ(s.CountInk(), 6);
  EXPECT_FALSE(s.Get(2, 0));
  EXPECT_TRUE(s.Get(3, 1));
}

TEST(BitmapTest, CropClipsToImage) {
  Bitmap b(16, 4);
  b.Set(10, 2, true);
  const Bitmap c = b.Crop(8, 1, 100, 100);
  EXPECT_EQ(c.width(), 8);
  EXPECT_EQ(c.height(), 3);
  EXPECT_TRUE(c.Get(2, 1));
  EXPECT_EQ(c.CountInk(), 1);
  EXPECT_TRUE(b.Crop(20, 0, 5, 5).empty());
}

// The byte-wise crop is the pixel-wise one, at every offset and width.
TEST(BitmapTest, CropEqualsCopyingPixelByPixel) {
  std::mt19937 rng(17);
  Bitmap b(37, 5);
  for (int y = 0; y < 5; ++y) {
    for (int x = 0; x < 37; ++x) b.Set(x, y, rng() % 2 == 0);
  }
  for (int x = 0; x < 37; ++x) {
    for (int w = 1; x + w <= 37; ++w) {
      Bitmap want(w, 3);
      for (int y = 0; y < 3; ++y) {
        for (int i = 0; i < w; ++i) want.Set(i, y, b.Get(x + i, y + 1));
      }
      ASSERT_EQ(b.Crop(x, 1, w, 3), want) << "x " << x << " w " << w;
    }
  }
}

TEST(BitmapTest, InkColumnsSpanTheInkOfTheRowsAsked) {
  Bitmap b(40, 4);
  EXPECT_EQ(b.InkColumns(0, 4), (std::pair{0, 0})) << "blank";
  b.Set(9, 1, true);
  b.Set(30, 2, true);
  EXPECT_EQ(b.InkColumns(0, 4), (std::pair{9, 31}));
  EXPECT_EQ(b.InkColumns(0, 2), (std::pair{9, 10}));
  EXPECT_EQ(b.InkColumns(2, 99), (std::pair{30, 31}));
  b.Set(0, 3, true);
  b.Set(39, 3, true);
  EXPECT_EQ(b.InkColumns(3, 4), (std::pair{0, 40}));
}

TEST(BitmapTest, ResizeHeightAddsWhiteRowsAndEqualityComparesPixels) {
  Bitmap a(9, 1);
  a.Set(8, 0, true);
  a.ResizeHeight(3);
  EXPECT_EQ(a.height(), 3);
  EXPECT_EQ(a.CountInk(), 1);
  Bitmap b(9, 3);
  EXPECT_NE(a, b);
  b.Set(8, 0, true);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace gb::escpos

namespace gb::escpos {
namespace {

// The byte-wise fast paths of Blit, Scaled and FillRect against dot-by-dot
// references, for every shift and random widths.
TEST(BitmapFastPathTest, MatchDotByDotReferences) {
  std::mt19937 gen(99);
  auto rng = [&gen](int n = 1 << 30) { return static_cast<int>(gen() % static_cast<unsigned>(n)); };
  for (int round = 0; round < 300; ++round) {
    const int w = 1 + rng(70), h = 1 + rng(5);
    Bitmap src(w, h);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) src.Set(x, y, rng(3) == 0);
    }
    const int dw = w + rng(20), dx = rng(dw - w + 1);
    Bitmap fast(dw, h + 2), slow(dw, h + 2);
    fast.Set(0, 0, true);
    slow.Set(0, 0, true);
    fast.Blit(src, dx, 1);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        if (src.Get(x, y)) slow.Set(x + dx, y + 1, true);
      }
    }
    ASSERT_EQ(fast, slow) << "blit w=" << w << " dx=" << dx;

    const int sy = 1 + rng(3);
    Bitmap scaled = src.Scaled(2, sy), ref(2 * w, h * sy);
    for (int y = 0; y < h * sy; ++y) {
      for (int x = 0; x < 2 * w; ++x) ref.Set(x, y, src.Get(x / 2, y / sy));
    }
    ASSERT_EQ(scaled, ref) << "scaled w=" << w << " sy=" << sy;

    const int fx = rng(w), fw = rng(w + 3);
    Bitmap filled = src, fref = src;
    filled.FillRect(fx, 0, fw, h, true);
    for (int y = 0; y < h; ++y) {
      for (int x = fx; x < fx + fw; ++x) fref.Set(x, y, true);
    }
    ASSERT_EQ(filled, fref) << "fill x=" << fx << " w=" << fw;
    EXPECT_EQ(filled.CountInk(), fref.CountInk());
  }
}

}  // namespace
}  // namespace gb::escpos
