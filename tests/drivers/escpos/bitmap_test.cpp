#include "drivers/escpos/bitmap.h"

#include <gtest/gtest.h>

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
