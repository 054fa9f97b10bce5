// Golden images of the printer test page (drivers/escpos/test_page.h) at 384
// and 576 dots. GB_UPDATE_GOLDEN=1 rewrites the files under
// tests/drivers/golden/; otherwise at most 0.5% of the pixels may differ
// (FreeType or font package updates move a few anti-aliasing thresholds).
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>

#include "drivers/escpos/builder.h"
#include "drivers/escpos/test_page.h"
#include "drivers/text/ttf_rasterizer.h"
#include "drivers/virtual/interpreter.h"
#include "drivers/virtual/png_codec.h"
#include "kiosk/base/file_util.h"
#include "tests/drivers/virtual/qr_scan.h"
#include "tests/drivers/virtual/voucher_text.h"

namespace gb::virtual_printer {
namespace {

struct GoldenCase {
  const char* profile;
  const char* file;
  friend std::ostream& operator<<(std::ostream& os, const GoldenCase& c) { return os << c.profile; }
};

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

GrayImage RenderTestPage(const escpos::PrinterProfile& profile) {
  auto rasterizer = text::TtfRasterizer::Create();
  EXPECT_TRUE(rasterizer.ok()) << rasterizer.status().ToString();
  if (!rasterizer.ok()) return {};
  escpos::Builder b(profile);
  const base::Status s = escpos::AppendTestPage(b, **rasterizer, VoucherText());
  EXPECT_TRUE(s.ok()) << s.ToString();
  const Rendering r = Interpreter(profile).Run(b.bytes());
  for (const Diagnostic& d : r.diagnostics) ADD_FAILURE() << d.ToString();
  EXPECT_EQ(r.pages.size(), 1u);
  return ComposeJobImage(r.pages, profile.width_dots);
}

TEST_P(GoldenTest, TestPageMatchesGoldenImage) {
  const GoldenCase& c = GetParam();
  const escpos::PrinterProfile profile = *escpos::FindProfileByName(c.profile);
  const GrayImage actual = RenderTestPage(profile);
  ASSERT_EQ(actual.width, profile.width_dots);

  // The QR code on the page must scan, whatever the golden file says.
  EXPECT_EQ(ScanQrCodes(actual), std::vector<std::string>{VoucherText()});

  const std::string path = std::string(GB_SOURCE_DIR) + "/tests/drivers/golden/" + c.file;
  auto png = EncodePng(actual);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  const char* update = std::getenv("GB_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    const base::Status s = base::WriteFileAtomic(path, *png, 0644, base::Overwrite::kYes);
    ASSERT_TRUE(s.ok()) << s.ToString();
    GTEST_SKIP() << "golden image rewritten: " << path;
  }

  auto golden_bytes = base::ReadFile(path);
  ASSERT_TRUE(golden_bytes.ok()) << golden_bytes.status().ToString()
                                 << " (run with GB_UPDATE_GOLDEN=1 to create it)";
  auto golden = DecodePng(*golden_bytes);
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  const std::string actual_path = ::testing::TempDir() + "actual_" + c.file;
  const auto keep_actual = [&] {
    (void)base::WriteFileAtomic(actual_path, *png, 0644, base::Overwrite::kYes);
    return "actual rendering written to " + actual_path;
  };
  ASSERT_EQ(actual.width, golden->width) << keep_actual();
  ASSERT_EQ(actual.height, golden->height) << keep_actual();
  std::size_t differing = 0;
  for (std::size_t i = 0; i < actual.pixels.size(); ++i) {
    if ((actual.pixels[i] < 128) != (golden->pixels[i] < 128)) ++differing;
  }
  const std::size_t allowed = actual.pixels.size() / 200;  // 0.5%
  EXPECT_LE(differing, allowed) << differing << " of " << actual.pixels.size() << " pixels differ; "
                                << keep_actual();
}

INSTANTIATE_TEST_SUITE_P(Widths, GoldenTest,
                         ::testing::Values(GoldenCase{"generic-58mm", "test_page_384.png"},
                                           GoldenCase{"generic-80mm", "test_page_576.png"}),
                         [](const auto& p) { return std::string(p.param.profile).substr(8); });

}  // namespace
}  // namespace gb::virtual_printer
