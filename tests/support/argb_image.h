// ArgbImage: a screen's pixels as a test sees them, to compare what a real
// X11 window shows (an xwd dump, taken from outside the program) with the
// frame the program says it drew (its own PNG screenshot).
//
// DecodeXwd reads what `xwd -silent` writes for a window of 24 or 32 bits a
// pixel, TrueColor or DirectColor (through its colour map), the visuals
// Xvfb -screen 0 WxHx24 offers; other formats are an InvalidArgument
// "xwd_format". PNGs go through SDL2_image.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace gb::test {

struct ArgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint32_t> pixels;  // 0xAARRGGBB, row by row
};

base::Result<ArgbImage> DecodeXwd(const std::string& bytes);
base::Result<ArgbImage> LoadPng(const std::string& path);
base::Status SavePng(const ArgbImage& image, const std::string& path);

// The share of pixels whose colour (alpha ignored) is the same in both, from
// 0 to 1; 0 when the sizes differ.
double SameColourShare(const ArgbImage& a, const ArgbImage& b);

}  // namespace gb::test
