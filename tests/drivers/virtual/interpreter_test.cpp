#include "drivers/virtual/interpreter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "drivers/escpos/builder.h"

namespace gb::virtual_printer {
namespace {

using Bytes = std::vector<std::uint8_t>;

escpos::PrinterProfile Profile(std::string_view name) { return *escpos::FindProfileByName(name); }

Rendering Interpret(const Bytes& bytes, std::string_view profile = "generic-58mm") {
  return Interpreter(Profile(profile)).Run(bytes);
}

std::string AllDiagnostics(const Rendering& r) {
  std::string s;
  for (const Diagnostic& d : r.diagnostics) s += d.ToString() + "\n";
  return s;
}

escpos::Bitmap RandomBitmap(int w, int h, unsigned seed) {
  std::mt19937 rng(seed);
  escpos::Bitmap b(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) b.Set(x, y, (rng() & 1) != 0);
  }
  return b;
}

// The bounding box of ink: {x0, y0, x1, y1} (exclusive), or all -1 if none.
std::array<int, 4> InkBox(const escpos::Bitmap& b) {
  std::array<int, 4> box{-1, -1, -1, -1};
  for (int y = 0; y < b.height(); ++y) {
    for (int x = 0; x < b.width(); ++x) {
      if (!b.Get(x, y)) continue;
      if (box[0] < 0) box = {x, y, x + 1, y + 1};
      box = {std::min(box[0], x), std::min(box[1], y), std::max(box[2], x + 1),
             std::max(box[3], y + 1)};
    }
  }
  return box;
}

TEST(InterpreterTest, RasterFromBuilderComesBackPixelForPixel) {
  escpos::Builder b(Profile("generic-58mm"));
  const escpos::Bitmap img = RandomBitmap(100, 50, 1);
  b.Initialize().Raster(img);
  const Rendering r = Interpret(b.bytes());
  ASSERT_TRUE(r.diagnostics.empty()) << AllDiagnostics(r);
  ASSERT_EQ(r.pages.size(), 1u);
  const escpos::Bitmap& page = r.pages[0].image;
  EXPECT_EQ(page.width(), 384);
  EXPECT_EQ(page.height(), 50);
  EXPECT_EQ(page.Crop(0, 0, 100, 50), img);
  EXPECT_EQ(page.CountInk(), img.CountInk());
}

TEST(InterpreterTest, BandedRasterIsReassembledAndCentered) {
  escpos::Builder b(Profile("generic-cn-58mm"));  // 128-row bands
  const escpos::Bitmap img = RandomBitmap(64, 700, 2);
  b.SetAlign(escpos::Align::kCenter).Raster(img);
  const Rendering r = Interpret(b.bytes(), "generic-cn-58mm");
  ASSERT_TRUE(r.diagnostics.empty()) << AllDiagnostics(r);
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_EQ(r.pages[0].image.Crop((384 - 64) / 2, 0, 64, 700), img);
}

TEST(InterpreterTest, RasterTallerThanBandLimitIsReported) {
  escpos::Builder b(Profile("generic-58mm"));  // 255-row bands
  b.Raster(escpos::Bitmap(8, 200));
  const Rendering r = Interpret(b.bytes(), "generic-cn-58mm");  // 128-row printer
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].offset, 0u);
  EXPECT_NE(r.diagnostics[0].message.find("128-row limit"), std::string::npos);
}

TEST(InterpreterTest, TextIsDrawnInTheCellAndAligned) {
  Bytes left{'H', 0x0A};
  const auto box = InkBox(Interpret(left).pages[0].image);
  EXPECT_GE(box[0], 0);
  EXPECT_LE(box[2], 12);
  EXPECT_LE(box[3], 24);
  Bytes center{0x1B, 0x61, 0x01, 'H', 0x0A};
  const auto cbox = InkBox(Interpret(center).pages[0].image);
  EXPECT_EQ(cbox[0], box[0] + (384 - 12) / 2);
  Bytes right{0x1B, 0x61, 0x02, 'H', 0x0A};
  EXPECT_EQ(InkBox(Interpret(right).pages[0].image)[0], box[0] + 384 - 12);
}

TEST(InterpreterTest, LineFeedAdvancesByTheLinePitch) {
  const Rendering r = Interpret({'A', 0x0A, 'A', 0x0A, 0x0A});
  EXPECT_EQ(r.pages[0].image.height(), 90);
  const escpos::Bitmap& p = r.pages[0].image;
  EXPECT_EQ(p.Crop(0, 0, 12, 30), p.Crop(0, 30, 12, 30));
  EXPECT_EQ(p.Crop(0, 60, 384, 30).CountInk(), 0);
}

TEST(InterpreterTest, DoubleSizeDoublesTheGlyph) {
  const auto normal = InkBox(Interpret({'H', 0x0A}).pages[0].image);
  const auto dbl = InkBox(Interpret({0x1D, 0x21, 0x11, 'H', 0x0A}).pages[0].image);
  EXPECT_EQ(dbl[2] - dbl[0], 2 * (normal[2] - normal[0]));
  EXPECT_EQ(dbl[3] - dbl[1], 2 * (normal[3] - normal[1]));
  const auto tall = InkBox(Interpret({0x1D, 0x21, 0x01, 'H', 0x0A}).pages[0].image);
  EXPECT_EQ(tall[2] - tall[0], normal[2] - normal[0]);
  EXPECT_EQ(tall[3] - tall[1], 2 * (normal[3] - normal[1]));
}

TEST(InterpreterTest, BoldAddsInkAndEscAtResetsIt) {
  const int normal = Interpret({'H', 0x0A}).pages[0].image.CountInk();
  EXPECT_GT(Interpret({0x1B, 0x45, 0x01, 'H', 0x0A}).pages[0].image.CountInk(), normal);
  EXPECT_EQ(Interpret({0x1B, 0x45, 0x01, 0x1B, 0x40, 'H', 0x0A}).pages[0].image.CountInk(), normal);
}

TEST(InterpreterTest, LongLinesWrapLikeAPrinter) {
  Bytes line(33, 'W');  // 32 cells fit 384 dots
  line.push_back(0x0A);
  const Rendering r = Interpret(line);
  EXPECT_EQ(r.pages[0].image.height(), 60);
}

TEST(InterpreterTest, EscDPrintsTheLineAsTheFirstFedLine) {
  EXPECT_EQ(Interpret({'A', 0x1B, 0x64, 0x01}).pages[0].image.height(), 30);
  EXPECT_EQ(Interpret({'A', 0x1B, 0x64, 0x03}).pages[0].image.height(), 90);
  EXPECT_EQ(Interpret({0x1B, 0x64, 0x02}).pages[0].image.height(), 60);
}

TEST(InterpreterTest, CutsSplitPages) {
  escpos::Builder b(Profile("generic-58mm"));
  b.Initialize().Text("one").Feed(1).Cut().Text("two").Feed(1).Cut(escpos::CutKind::kFull);
  const Rendering r = Interpret(b.bytes());
  ASSERT_TRUE(r.diagnostics.empty()) << AllDiagnostics(r);
  ASSERT_EQ(r.pages.size(), 2u);
  EXPECT_TRUE(r.pages[0].cut);
  EXPECT_TRUE(r.pages[1].cut);
  EXPECT_NE(r.pages[0].image, r.pages[1].image);
}

TEST(InterpreterTest, JobWithoutCutKeepsItsPage) {
  const Rendering r = Interpret({'A', 0x0A});
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_FALSE(r.pages[0].cut);
  EXPECT_TRUE(Interpret({}).pages.empty());
}

TEST(InterpreterTest, StatusRequestsDrawNothing) {
  const Rendering r = Interpret({0x10, 0x04, 0x01, 0x10, 0x04, 0x04});
  EXPECT_TRUE(r.diagnostics.empty()) << AllDiagnostics(r);
  EXPECT_TRUE(r.pages.empty());
}

TEST(InterpreterTest, UnknownCommandsAreReportedWithOffsetAndBytes) {
  const Rendering r = Interpret({'A', 0x1B, 'Z', 0x0A, 0x1D, 0x99, 0x07, 'B', 0x0A});
  ASSERT_EQ(r.diagnostics.size(), 3u) << AllDiagnostics(r);
  EXPECT_EQ(r.diagnostics[0].offset, 1u);
  EXPECT_EQ(r.diagnostics[0].hex, "1B 5A");
  EXPECT_NE(r.diagnostics[0].message.find("ESC Z"), std::string::npos);
  EXPECT_EQ(r.diagnostics[1].offset, 4u);
  EXPECT_EQ(r.diagnostics[1].hex, "1D 99");
  EXPECT_EQ(r.diagnostics[2].offset, 6u);
  EXPECT_EQ(r.diagnostics[2].hex, "07");
  EXPECT_EQ(r.diagnostics[0].ToString(), "@1 [1B 5A] unsupported command ESC Z");
}

TEST(InterpreterTest, TruncatedRasterIsReportedAndDropped) {
  Bytes job{'A', 0x0A, 0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x0A, 0x00, 0xFF, 0xFF};
  const Rendering r = Interpret(job);
  ASSERT_EQ(r.diagnostics.size(), 1u) << AllDiagnostics(r);
  EXPECT_EQ(r.diagnostics[0].offset, 2u);
  EXPECT_NE(r.diagnostics[0].message.find("truncated"), std::string::npos);
  EXPECT_EQ(r.pages[0].image.height(), 30);  // only the text line
}

TEST(InterpreterTest, NonAsciiRunIsOneDiagnostic) {
  const Rendering r = Interpret({'a', 0xD0, 0x9F, 0xD1, 0x80, 'b', 0x0A});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].offset, 1u);
  EXPECT_EQ(r.diagnostics[0].hex, "D0 9F D1 80");
}

TEST(InterpreterTest, UnprintedLineAtEndIsReported) {
  const Rendering r = Interpret({'a', 'b'});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("not printed"), std::string::npos);
  EXPECT_TRUE(r.pages.empty());
}

TEST(InterpreterTest, CommandsThatNeedLineStartAreReported) {
  const Rendering r = Interpret({'a', 0x1D, 0x56, 0x42, 0x00});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("GS V while text is pending"), std::string::npos);
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_GT(r.pages[0].image.CountInk(), 0);
}

TEST(InterpreterTest, NativeQrOnPrinterWithoutItIsDrawnAndReported) {
  escpos::Builder b(Profile("epson-tm-t20"));
  ASSERT_TRUE(b.NativeQr("HELLO").ok());
  const Rendering ok = Interpret(b.bytes(), "epson-tm-t20");
  EXPECT_TRUE(ok.diagnostics.empty()) << AllDiagnostics(ok);
  const Rendering r = Interpret(b.bytes(), "generic-80mm");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("no native QR"), std::string::npos);
  EXPECT_EQ(r.pages[0].image, ok.pages[0].image);
}

TEST(InterpreterTest, QrPrintWithoutStoredDataIsReported) {
  const Rendering r = Interpret({0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}, "epson-tm-t20");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("qr_empty"), std::string::npos);
}

TEST(InterpreterTest, DiagnosticsAreCapped) {
  const Rendering r = Interpret(Bytes(5000, 0x07));
  EXPECT_EQ(r.diagnostics.size(), Interpreter::kMaxDiagnostics + 1);
  EXPECT_NE(r.diagnostics.back().message.find("4800 more"), std::string::npos);
}

}  // namespace
}  // namespace gb::virtual_printer
