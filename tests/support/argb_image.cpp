#include "tests/support/argb_image.h"

#include <SDL.h>
#include <SDL_image.h>

#include <bit>

namespace gb::test {
namespace {

// xwd writes its header as big-endian 32-bit fields (XWDFileHeader).
uint32_t Be32(const std::string& b, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

enum Field : size_t {
  kHeaderSize = 0,
  kFormat = 2,
  kWidth = 4,
  kHeight = 5,
  kByteOrder = 7,
  kBitsPerPixel = 11,
  kBytesPerLine = 12,
  kVisualClass = 13,
  kRedMask = 14,
  kGreenMask = 15,
  kBlueMask = 16,
  kColours = 19,
  kFieldCount = 25
};
constexpr uint32_t kZPixmap = 2;
constexpr uint32_t kTrueColor = 4;
constexpr uint32_t kDirectColor = 5;   // what SDL's window may get on Xvfb
constexpr size_t kXwdColourSize = 12;  // XWDColor: pixel, red, green, blue, flags, pad

// A DirectColor pixel's channels are indexes into the colour map that xwd
// dumps after the header; the map's 16-bit values are the colours shown.
uint32_t Mapped(const std::string& b, size_t map_at, uint32_t colours, uint32_t index,
                size_t channel) {
  if (index >= colours) return index;
  const size_t at = map_at + index * kXwdColourSize + 4 + channel * 2;
  return static_cast<unsigned char>(b[at]);  // the high byte of the 16-bit value
}

uint32_t Channel(uint32_t pixel, uint32_t mask) {
  return mask == 0 ? 0 : (pixel & mask) >> std::countr_zero(mask);
}

base::Status Bad(const std::string& why) {
  return base::Status::InvalidArgument("xwd_format", "not an xwd dump this test reads: " + why);
}

}  // namespace

base::Result<ArgbImage> DecodeXwd(const std::string& b) {
  if (b.size() < kFieldCount * 4) return Bad("shorter than its header");
  auto field = [&](Field f) { return Be32(b, f * 4); };
  const uint32_t visual = field(kVisualClass);
  if (field(kFormat) != kZPixmap || (visual != kTrueColor && visual != kDirectColor)) {
    return Bad("format " + std::to_string(field(kFormat)) + ", visual class " +
               std::to_string(visual) + " (not a TrueColor or DirectColor ZPixmap)");
  }
  const uint32_t bpp = field(kBitsPerPixel);
  if (bpp != 32 && bpp != 24) return Bad(std::to_string(bpp) + " bits a pixel");
  ArgbImage img;
  img.width = static_cast<int>(field(kWidth));
  img.height = static_cast<int>(field(kHeight));
  const size_t stride = field(kBytesPerLine);
  const size_t map_at = field(kHeaderSize);
  const uint32_t colours = field(kColours);
  const size_t data = map_at + colours * kXwdColourSize;
  const size_t bytes = bpp / 8;
  if (b.size() < data + stride * static_cast<size_t>(img.height) ||
      stride < bytes * static_cast<size_t>(img.width)) {
    return Bad("fewer pixels than its size says");
  }
  const bool msb_first = field(kByteOrder) == 1;
  const uint32_t masks[] = {field(kRedMask), field(kGreenMask), field(kBlueMask)};
  img.pixels.reserve(static_cast<size_t>(img.width) * static_cast<size_t>(img.height));
  for (size_t y = 0; y < static_cast<size_t>(img.height); ++y) {
    for (size_t x = 0; x < static_cast<size_t>(img.width); ++x) {
      const size_t at = data + y * stride + x * bytes;
      uint32_t v = 0;
      for (size_t i = 0; i < bytes; ++i) {
        const uint32_t byte = static_cast<unsigned char>(b[at + i]);
        v = msb_first ? (v << 8) | byte : v | (byte << (8 * i));
      }
      uint32_t rgb[3];
      for (size_t c = 0; c < 3; ++c) {
        rgb[c] = Channel(v, masks[c]);
        if (visual == kDirectColor) rgb[c] = Mapped(b, map_at, colours, rgb[c], c);
      }
      img.pixels.push_back(0xFF000000u | rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
    }
  }
  return img;
}

base::Result<ArgbImage> LoadPng(const std::string& path) {
  SDL_Surface* loaded = IMG_Load(path.c_str());
  if (loaded == nullptr) return base::Status::IoError("png_load", path + ": " + IMG_GetError());
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  if (argb == nullptr) return base::Status::Internal("png_convert", SDL_GetError());
  ArgbImage img{argb->w, argb->h, {}};
  img.pixels.resize(static_cast<size_t>(argb->w) * static_cast<size_t>(argb->h));
  for (int y = 0; y < argb->h; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(static_cast<const uint8_t*>(argb->pixels) +
                                                        static_cast<ptrdiff_t>(y) * argb->pitch);
    std::copy(row, row + argb->w, img.pixels.begin() + static_cast<ptrdiff_t>(y) * argb->w);
  }
  SDL_FreeSurface(argb);
  return img;
}

base::Status SavePng(const ArgbImage& image, const std::string& path) {
  // SDL only reads the pixels: the cast drops a const it never uses.
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormatFrom(const_cast<uint32_t*>(image.pixels.data()),
                                                      image.width, image.height, 32,
                                                      image.width * 4, SDL_PIXELFORMAT_ARGB8888);
  if (s == nullptr) return base::Status::Internal("png_surface", SDL_GetError());
  const int rc = IMG_SavePNG(s, path.c_str());
  SDL_FreeSurface(s);
  if (rc != 0) return base::Status::IoError("png_save", path + ": " + IMG_GetError());
  return base::Status::Ok();
}

double SameColourShare(const ArgbImage& a, const ArgbImage& b) {
  if (a.width != b.width || a.height != b.height || a.pixels.empty()) return 0;
  size_t same = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) {
    if ((a.pixels[i] & 0xFFFFFFu) == (b.pixels[i] & 0xFFFFFFu)) ++same;
  }
  return static_cast<double>(same) / static_cast<double>(a.pixels.size());
}

}  // namespace gb::test
