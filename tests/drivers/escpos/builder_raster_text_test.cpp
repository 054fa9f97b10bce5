// Builder::RasterText: text of any script drawn at a size of its own, each
// line of it aligned on its own as text lines are.
#include <gtest/gtest.h>

#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

#include "drivers/escpos/builder.h"

namespace gb::escpos {
namespace {

// Two lines of 30 rows: the first inked 100 dots wide, the second 16.
class TwoLineRasterizer : public TextRasterizer {
 public:
  base::Result<Bitmap> Render(std::string_view, int px_height, bool bold,
                              int max_width) const override {
    asked = {px_height, bold, max_width};
    if (fail) return base::Status::Internal("ttf_failed", "fake failure");
    Bitmap b(100, 2 * px_height);
    b.FillRect(0, 5, 100, 3, true);
    b.FillRect(0, px_height + 5, 16, 3, true);
    return b;
  }
  mutable std::tuple<int, bool, int> asked{};
  bool fail = false;
};

// (stride in bytes, rows) of each GS v 0 block of a job.
std::vector<std::pair<int, int>> Rasters(const std::vector<std::uint8_t>& job) {
  std::vector<std::pair<int, int>> out;
  for (std::size_t i = 0; i + 7 < job.size();) {
    if (job[i] == 0x1D && job[i + 1] == 'v') {
      const int stride = job[i + 4] + 256 * job[i + 5];
      const int rows = job[i + 6] + 256 * job[i + 7];
      out.emplace_back(stride, rows);
      i += 8 + static_cast<std::size_t>(stride * rows);
    } else {
      ++i;
    }
  }
  return out;
}

TEST(BuilderRasterTextTest, DrawsEvenAsciiAtTheGivenSizeBoldAsSetAcrossThePaper) {
  Builder b(*FindProfileByName("generic-58mm"));
  TwoLineRasterizer r;
  b.SetBold(true).SetSize(true, true);  // the size of text does not apply
  const std::size_t before = b.bytes().size();
  ASSERT_TRUE(b.RasterText("Hi", r, 45).ok());
  EXPECT_EQ(r.asked, std::make_tuple(45, true, 384));
  EXPECT_EQ(b.bytes()[before], 0x1D) << "an image, not the letters H and i";
  EXPECT_EQ(Rasters(b.bytes()), (std::vector<std::pair<int, int>>{{13, 90}}))
      << "left-aligned: one image";
}

TEST(BuilderRasterTextTest, CentredLinesAreSentOneByOneTrimmedToTheirInk) {
  Builder b(*FindProfileByName("generic-58mm"));
  TwoLineRasterizer r;
  b.SetAlign(Align::kCenter);
  ASSERT_TRUE(b.RasterText("two lines", r, 30).ok());
  // 100 dots of ink: 13 bytes; 16 dots: 2 bytes. The printer centres each.
  EXPECT_EQ(Rasters(b.bytes()), (std::vector<std::pair<int, int>>{{13, 30}, {2, 30}}));
}

TEST(BuilderRasterTextTest, AFailureAppendsNothing) {
  Builder b(*FindProfileByName("generic-58mm"));
  TwoLineRasterizer r;
  r.fail = true;
  EXPECT_EQ(b.RasterText("x", r, 30).reason(), "ttf_failed");
  EXPECT_TRUE(b.bytes().empty());
}

}  // namespace
}  // namespace gb::escpos
