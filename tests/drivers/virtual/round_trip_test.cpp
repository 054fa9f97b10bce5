// Voucher QR codes survive builder -> bytes -> virtual printer -> PNG -> zbar,
// on the raster path at both paper widths and on the native GS ( k path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <ostream>
#include <string>

#include "core/base/file_util.h"
#include "drivers/escpos/builder.h"
#include "drivers/text/ttf_rasterizer.h"
#include "drivers/virtual/interpreter.h"
#include "drivers/virtual/png_codec.h"
#include "drivers/virtual/png_printer.h"
#include "tests/drivers/virtual/voucher_text.h"
#include "tests/support/qr_scan.h"

namespace gb::virtual_printer {
namespace {

using Clock = std::chrono::steady_clock;

enum class Path { kRaster, kNative };

struct RoundTripCase {
  const char* profile;
  Path path;
  friend std::ostream& operator<<(std::ostream& os, const RoundTripCase& c) {
    return os << c.profile << (c.path == Path::kRaster ? " raster" : " native");
  }
};

std::vector<std::uint8_t> VoucherJob(const escpos::PrinterProfile& profile, Path path,
                                     const std::string& text) {
  escpos::Builder b(profile);
  b.Initialize().SetAlign(escpos::Align::kCenter).Text("VOUCHER").Feed(1);
  const base::Status s = path == Path::kRaster ? b.RasterQr(text) : b.NativeQr(text);
  EXPECT_TRUE(s.ok()) << s.ToString();
  b.Feed(2).Cut();
  return b.Take();
}

// Decodes the PNG bytes back so the test covers the file format too.
GrayImage ThroughPng(const GrayImage& image) {
  auto png = EncodePng(image);
  EXPECT_TRUE(png.ok()) << png.status().ToString();
  auto back = DecodePng(png.ok() ? *png : std::string());
  EXPECT_TRUE(back.ok()) << back.status().ToString();
  return back.ok() ? *back : GrayImage{};
}

class RoundTripTest : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(RoundTripTest, VoucherQrDecodesToTheExactText) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName(GetParam().profile);
  const std::string text = VoucherText();
  ASSERT_EQ(text.size(), 151u);
  const Rendering r = Interpreter(profile).Run(VoucherJob(profile, GetParam().path, text));
  for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.ToString();
  ASSERT_EQ(r.pages.size(), 1u);
  const GrayImage image = ThroughPng(ComposeJobImage(r.pages, profile.width_dots));
  EXPECT_EQ(ScanQrCodes(image), std::vector<std::string>{text});

  // The symbol is square: 41 modules (version 6) and a quiet zone, at 4 dots
  // per module, below the title line.
  const escpos::Bitmap page = r.pages[0].image.Crop(0, 30, profile.width_dots, 10000);
  int x0 = page.width(), x1 = -1, y0 = page.height(), y1 = -1;
  for (int y = 0; y < page.height(); ++y) {
    for (int x = 0; x < page.width(); ++x) {
      if (!page.Get(x, y)) continue;
      x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
    }
  }
  EXPECT_EQ(x1 - x0 + 1, 41 * 4);
  EXPECT_EQ(y1 - y0 + 1, 41 * 4);
  EXPECT_EQ(y0, 16);  // the 4-module quiet zone above the symbol
  EXPECT_EQ(x0, (profile.width_dots - 49 * 4) / 2 + 16);
}

INSTANTIATE_TEST_SUITE_P(Paths, RoundTripTest,
                         ::testing::Values(RoundTripCase{"generic-58mm", Path::kRaster},
                                           RoundTripCase{"generic-80mm", Path::kRaster},
                                           RoundTripCase{"epson-tm-t88v", Path::kRaster},
                                           RoundTripCase{"epson-tm-t20", Path::kNative},
                                           RoundTripCase{"epson-tm-t88v", Path::kNative}),
                         [](const auto& p) {
                           std::string name = p.param.profile;
                           for (char& c : name) c = (c == '-') ? '_' : c;
                           return name + (p.param.path == Path::kRaster ? "_raster" : "_native");
                         });

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[512];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

TEST(RoundTripCliTest, ZbarimgReadsThePngPrinterFile) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  const std::string dir = ::testing::TempDir() + "gb_round_trip_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  auto printer = PngPrinter::Create(dir, profile);
  ASSERT_TRUE(printer.ok()) << printer.status().ToString();
  auto report = printer->Print(VoucherJob(profile, Path::kRaster, VoucherText()));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const std::string out = RunCommand("zbarimg --raw -q --nodbus '" + report->png_path + "'");
  EXPECT_EQ(out, VoucherText() + "\n");
  std::filesystem::remove_all(dir);
}

// Not a benchmark: catches a regression that would make printing visibly slow
// at the kiosk (budgets are about 20 times what this machine needs in Debug).
TEST(RoundTripTimingTest, VoucherReceiptIsQuickToBuildAndRender) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-80mm");
  auto rasterizer = text::TtfRasterizer::Create();
  ASSERT_TRUE(rasterizer.ok());
  const auto t0 = Clock::now();
  escpos::Builder b(profile);
  b.Initialize().SetAlign(escpos::Align::kCenter).SetBold(true).SetSize(true, true);
  ASSERT_TRUE(b.TextLine("GROUP BUY", **rasterizer).ok());
  b.SetSize(false, false).SetBold(false);
  ASSERT_TRUE(b.TextLine("Рис 5 кг x 3 = 37.50", **rasterizer).ok());
  ASSERT_TRUE(b.TextLine("团购成功", **rasterizer).ok());
  ASSERT_TRUE(b.RasterQr(VoucherText()).ok());
  b.Feed(2).Cut();
  const auto t1 = Clock::now();
  const Rendering r = Interpreter(profile).Run(b.bytes());
  const auto t2 = Clock::now();
  auto png = EncodePng(ComposeJobImage(r.pages, profile.width_dots));
  ASSERT_TRUE(png.ok());
  const auto t3 = Clock::now();
  const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf(
      "voucher receipt: build %.2f ms (%zu bytes), interpret %.2f ms, PNG %.2f ms (%zu bytes)\n",
      ms(t1 - t0), b.bytes().size(), ms(t2 - t1), ms(t3 - t2), png->size());
  EXPECT_LT(ms(t1 - t0), 500);
  EXPECT_LT(ms(t2 - t1), 500);
  EXPECT_LT(ms(t3 - t2), 500);
}

}  // namespace
}  // namespace gb::virtual_printer
