// Golden-image comparison for colour screenshots of the UI (tests/support's
// golden.h handles the printer's grey images only).
//
// GB_UPDATE_GOLDEN=1 rewrites the golden PNG and the test reports itself
// skipped, so a rewrite is never mistaken for a pass. Otherwise at most
// kMaxDifferingFraction of the pixels may differ by more than
// kChannelTolerance in some channel (FreeType or SDL updates move a few
// anti-aliased edges). On a mismatch the actual image is written under the
// test temp dir and its path is in the failure message.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/geometry.h"

namespace gb::ui::test {

inline constexpr int kChannelTolerance = 8;
inline constexpr double kMaxDifferingFraction = 0.005;

enum class GoldenOutcome { kMatched, kRewritten };

// `pixels` are ARGB8888 words of a size.width x size.height image;
// `relative` is a path under the source tree. Adds gtest failures on a
// mismatch or when the golden cannot be read.
GoldenOutcome CompareRgbaGolden(const std::vector<std::uint32_t>& pixels, Size size,
                                const std::string& relative);

// The image at half size, each pixel the rounded mean of a 2x2 block per
// channel (goldens of whole screens are stored so, to keep the repository
// small). REQUIRES: px holds size.width x size.height words.
std::vector<std::uint32_t> HalfSize(const std::vector<std::uint32_t>& px, Size size);

// Writes ARGB8888 pixels as a PNG; false (with a gtest failure) on error.
bool WriteRgbaPng(const std::vector<std::uint32_t>& pixels, Size size, const std::string& path);

}  // namespace gb::ui::test

#define GB_EXPECT_RGBA_GOLDEN(pixels, size, relative)                      \
  do {                                                                     \
    if (::gb::ui::test::CompareRgbaGolden((pixels), (size), (relative)) == \
        ::gb::ui::test::GoldenOutcome::kRewritten) {                       \
      GTEST_SKIP() << "golden image rewritten: " << (relative);            \
    }                                                                      \
  } while (false)
