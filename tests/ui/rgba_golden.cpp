#include "tests/ui/rgba_golden.h"

#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace gb::ui::test {
namespace {

int ChannelDelta(std::uint32_t a, std::uint32_t b) {
  int worst = 0;
  for (int shift = 0; shift < 32; shift += 8) {
    const int ca = static_cast<int>((a >> shift) & 0xFF);
    const int cb = static_cast<int>((b >> shift) & 0xFF);
    worst = std::max(worst, std::abs(ca - cb));
  }
  return worst;
}

}  // namespace

bool WriteRgbaPng(const std::vector<std::uint32_t>& pixels, Size size, const std::string& path) {
  // The pixels stay owned by the vector; the surface only borrows them.
  SDL_Surface* s =
      SDL_CreateRGBSurfaceWithFormatFrom(const_cast<std::uint32_t*>(pixels.data()), size.width,
                                         size.height, 32, size.width * 4, SDL_PIXELFORMAT_ARGB8888);
  if (s == nullptr) {
    ADD_FAILURE() << "SDL_CreateRGBSurfaceWithFormatFrom: " << SDL_GetError();
    return false;
  }
  const int rc = IMG_SavePNG(s, path.c_str());
  SDL_FreeSurface(s);
  if (rc != 0) ADD_FAILURE() << "IMG_SavePNG " << path << ": " << IMG_GetError();
  return rc == 0;
}

GoldenOutcome CompareRgbaGolden(const std::vector<std::uint32_t>& pixels, Size size,
                                const std::string& relative) {
  const std::string golden = std::string(GB_SOURCE_DIR) + "/" + relative;
  const char* update = std::getenv("GB_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    WriteRgbaPng(pixels, size, golden);
    return GoldenOutcome::kRewritten;
  }
  SDL_Surface* loaded = IMG_Load(golden.c_str());
  if (loaded == nullptr) {
    ADD_FAILURE() << "cannot read golden " << golden << ": " << IMG_GetError()
                  << " (GB_UPDATE_GOLDEN=1 writes it)";
    return GoldenOutcome::kMatched;
  }
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  if (argb == nullptr) {
    ADD_FAILURE() << "SDL_ConvertSurfaceFormat: " << SDL_GetError();
    return GoldenOutcome::kMatched;
  }
  std::size_t differing = 0;
  const bool same_size = argb->w == size.width && argb->h == size.height;
  if (same_size) {
    for (int y = 0; y < size.height; ++y) {
      const auto* row = reinterpret_cast<const std::uint32_t*>(
          static_cast<const std::uint8_t*>(argb->pixels) + y * argb->pitch);
      for (int x = 0; x < size.width; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(size.width) +
                              static_cast<std::size_t>(x);
        if (ChannelDelta(row[x], pixels[i]) > kChannelTolerance) ++differing;
      }
    }
  }
  SDL_FreeSurface(argb);
  const double fraction =
      static_cast<double>(differing) / (static_cast<double>(size.width) * size.height);
  if (!same_size || fraction > kMaxDifferingFraction) {
    const std::string actual = ::testing::TempDir() + "/" +
                               std::filesystem::path(relative).filename().string() + ".actual.png";
    WriteRgbaPng(pixels, size, actual);
    ADD_FAILURE() << relative << (same_size ? "" : " has another size") << ": " << differing
                  << " pixels differ (" << fraction * 100 << "%); actual image: " << actual;
  }
  return GoldenOutcome::kMatched;
}

std::vector<std::uint32_t> HalfSize(const std::vector<std::uint32_t>& px, Size size) {
  const int w = size.width / 2;
  const int h = size.height / 2;
  std::vector<std::uint32_t> out(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      std::uint32_t sum[4] = {0, 0, 0, 0};
      for (int dy = 0; dy < 2; ++dy) {
        for (int dx = 0; dx < 2; ++dx) {
          const std::uint32_t p =
              px[static_cast<std::size_t>((2 * y + dy) * size.width + 2 * x + dx)];
          for (int c = 0; c < 4; ++c) sum[c] += (p >> (8 * c)) & 0xFF;
        }
      }
      std::uint32_t v = 0;
      for (int c = 0; c < 4; ++c) v |= ((sum[c] + 2) / 4) << (8 * c);
      out[static_cast<std::size_t>(y * w + x)] = v;
    }
  }
  return out;
}

}  // namespace gb::ui::test
