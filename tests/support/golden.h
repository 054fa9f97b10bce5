// Golden-image comparison for rendered receipts and screens.
//
// GB_UPDATE_GOLDEN=1 rewrites the golden file (the test then reports itself
// skipped, so a rewrite is never mistaken for a pass); otherwise at most 0.5%
// of the pixels may differ in black/white (FreeType or font updates move a
// few anti-aliasing thresholds). On a mismatch the actual image is written
// beside the test's temp dir and its path is in the failure message.
#pragma once

#include <string>

#include "drivers/virtual/gray_image.h"

namespace gb::test {

enum class GoldenResult { kMatched, kRewritten };

// `relative` is a path under the source tree, e.g. "tests/drivers/golden/x.png".
// Adds gtest failures on a mismatch; returns kRewritten when asked to rewrite.
GoldenResult CompareWithGolden(const virtual_printer::GrayImage& actual,
                               const std::string& relative);

}  // namespace gb::test

// Use in a TEST body: compares and skips the test when the golden was rewritten.
#define GB_EXPECT_GOLDEN(image, relative)                                           \
  do {                                                                              \
    if (::gb::test::CompareWithGolden((image), (relative)) ==                       \
        ::gb::test::GoldenResult::kRewritten) {                                     \
      GTEST_SKIP() << "golden image rewritten: " << (relative);                     \
    }                                                                               \
  } while (false)
