#include "drivers/escpos/qr.h"

#include <gtest/gtest.h>

#include <string>

namespace gb::escpos {
namespace {

// 151 characters, all from the Base45 alphabet, like a signed voucher.
std::string VoucherText() {
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  std::string s = "GB1:";
  for (int i = 0; s.size() < 151; ++i) s += alphabet[static_cast<std::size_t>(i * 7 % 45)];
  return s;
}

TEST(QrTest, AlphanumericSetIsBase45Alphabet) {
  EXPECT_TRUE(IsQrAlphanumeric("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"));
  EXPECT_FALSE(IsQrAlphanumeric("abc"));
  EXPECT_FALSE(IsQrAlphanumeric("A#"));
}

TEST(QrTest, VoucherFitsVersion6InAlphanumericMode) {
  auto m = EncodeQrModules(VoucherText(), QrEcLevel::kM);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  // Version 6 (17 + 4 * 6 modules) holds 154 alphanumeric characters at level M.
  EXPECT_EQ(m->width(), 41);
  EXPECT_EQ(m->height(), 41);
  // The same length in byte mode needs a larger version.
  std::string lower = VoucherText();
  lower[4] = 'a';
  auto b = EncodeQrModules(lower, QrEcLevel::kM);
  ASSERT_TRUE(b.ok());
  EXPECT_GT(b->width(), 41);
}

TEST(QrTest, FinderPatternIsInTheCorner) {
  auto m = EncodeQrModules("HELLO", QrEcLevel::kM);
  ASSERT_TRUE(m.ok());
  for (int i = 0; i < 7; ++i) {
    EXPECT_TRUE(m->Get(i, 0));
    EXPECT_TRUE(m->Get(0, i));
  }
  EXPECT_FALSE(m->Get(1, 1));
  EXPECT_TRUE(m->Get(3, 3));
}

TEST(QrTest, EmptyAndOversizedTextFail) {
  EXPECT_EQ(EncodeQrModules("", QrEcLevel::kM).status().reason(), "qr_empty");
  auto big = EncodeQrModules(std::string(3000, 'x'), QrEcLevel::kM);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().reason(), "qr_too_long");
  EXPECT_EQ(EncodeQrModules(std::string(8000, '1'), QrEcLevel::kL).status().reason(),
            "qr_too_long");
}

TEST(QrTest, RasterHasFourModuleQuietZone) {
  auto m = EncodeQrModules("HELLO", QrEcLevel::kM);
  ASSERT_TRUE(m.ok());
  const Bitmap r = RasterizeQr(*m, 4);
  EXPECT_EQ(r.width(), (m->width() + 8) * 4);
  EXPECT_EQ(r.Crop(0, 0, 16, r.height()).CountInk(), 0);
  EXPECT_EQ(r.Crop(r.width() - 16, 0, 16, r.height()).CountInk(), 0);
  EXPECT_EQ(r.Crop(0, 0, r.width(), 16).CountInk(), 0);
  EXPECT_EQ(r.Crop(0, r.height() - 16, r.width(), 16).CountInk(), 0);
  EXPECT_EQ(r.CountInk(), m->CountInk() * 16);
  EXPECT_TRUE(r.Get(16, 16));
}

TEST(QrTest, ModuleSizeIsAboutHalfAMillimetre) {
  EXPECT_EQ(PreferredQrModuleDots(*FindProfileByName("generic-58mm")), 4);
  EXPECT_EQ(PreferredQrModuleDots(*FindProfileByName("epson-tm-t88v")), 4);
  PrinterProfile p300 = *FindProfileByName("generic-80mm");
  p300.dpi = 300;
  EXPECT_EQ(PreferredQrModuleDots(p300), 6);
}

TEST(QrTest, LargeCodesShrinkToFitThePaper) {
  const PrinterProfile p = *FindProfileByName("generic-58mm");
  const std::string text(600, 'x');
  auto m = EncodeQrModules(text, QrEcLevel::kM);
  ASSERT_TRUE(m.ok());
  ASSERT_GT((m->width() + 8) * 4, 384);  // 4 dots would not fit
  ASSERT_LE((m->width() + 8) * 3, 384);  // 3 dots do
  auto r = RenderQrForProfile(text, p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->width(), (m->width() + 8) * 3);
  EXPECT_EQ(r->height(), r->width());
}

TEST(QrTest, TooWideEvenAtTwoDotsFails) {
  PrinterProfile narrow = *FindProfileByName("generic-58mm");
  narrow.width_dots = 96;
  auto r = RenderQrForProfile(VoucherText(), narrow);  // (41 + 8) * 2 = 98 > 96
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "qr_too_wide");
  EXPECT_EQ(*FitQrModuleDots(41, *FindProfileByName("generic-58mm")), 4);
  narrow.width_dots = 98;
  EXPECT_EQ(*FitQrModuleDots(41, narrow), 2);
}

}  // namespace
}  // namespace gb::escpos
