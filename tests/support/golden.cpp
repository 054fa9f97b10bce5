#include "tests/support/golden.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/base/file_util.h"
#include "drivers/virtual/png_codec.h"

namespace gb::test {

GoldenResult CompareWithGolden(const virtual_printer::GrayImage& actual,
                               const std::string& relative) {
  const std::string path = std::string(GB_SOURCE_DIR) + "/" + relative;
  auto png = virtual_printer::EncodePng(actual);
  if (!png.ok()) {
    ADD_FAILURE() << png.status().ToString();
    return GoldenResult::kMatched;
  }
  const char* update = std::getenv("GB_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    base::Status s = base::WriteFileAtomic(path, *png, 0644, base::Overwrite::kYes);
    if (!s.ok()) ADD_FAILURE() << s.ToString();
    return GoldenResult::kRewritten;
  }
  const std::string actual_path =
      ::testing::TempDir() + "actual_" + std::filesystem::path(relative).filename().string();
  auto keep_actual = [&] {
    (void)base::WriteFileAtomic(actual_path, *png, 0644, base::Overwrite::kYes);
    return "actual rendering written to " + actual_path;
  };
  auto golden_bytes = base::ReadFile(path);
  if (!golden_bytes.ok()) {
    ADD_FAILURE() << golden_bytes.status().ToString()
                  << " (run with GB_UPDATE_GOLDEN=1 to create it); " << keep_actual();
    return GoldenResult::kMatched;
  }
  auto golden = virtual_printer::DecodePng(*golden_bytes);
  if (!golden.ok()) {
    ADD_FAILURE() << golden.status().ToString();
    return GoldenResult::kMatched;
  }
  if (actual.width != golden->width || actual.height != golden->height) {
    ADD_FAILURE() << "size " << actual.width << "x" << actual.height << " but golden is "
                  << golden->width << "x" << golden->height << "; " << keep_actual();
    return GoldenResult::kMatched;
  }
  size_t differing = 0;
  for (size_t i = 0; i < actual.pixels.size(); ++i) {
    if ((actual.pixels[i] < 128) != (golden->pixels[i] < 128)) ++differing;
  }
  const size_t allowed = actual.pixels.size() / 200;  // 0.5%
  EXPECT_LE(differing, allowed) << differing << " of " << actual.pixels.size()
                                << " pixels differ from " << relative << "; " << keep_actual();
  return GoldenResult::kMatched;
}

}  // namespace gb::test
