// Golden images of the printer test page (drivers/escpos/test_page.h) at 384
// and 576 dots; see tests/support/golden.h for the tolerance and for
// GB_UPDATE_GOLDEN=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>

#include "core/base/file_util.h"
#include "drivers/escpos/builder.h"
#include "drivers/escpos/test_page.h"
#include "drivers/text/ttf_rasterizer.h"
#include "drivers/virtual/interpreter.h"
#include "drivers/virtual/png_codec.h"
#include "tests/drivers/virtual/voucher_text.h"
#include "tests/support/golden.h"
#include "tests/support/qr_scan.h"

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

  GB_EXPECT_GOLDEN(actual, std::string("tests/drivers/golden/") + c.file);
}

INSTANTIATE_TEST_SUITE_P(Widths, GoldenTest,
                         ::testing::Values(GoldenCase{"generic-58mm", "test_page_384.png"},
                                           GoldenCase{"generic-80mm", "test_page_576.png"}),
                         [](const auto& p) { return std::string(p.param.profile).substr(8); });

}  // namespace
}  // namespace gb::virtual_printer
