#include "drivers/virtual/png_codec.h"

#include <SDL.h>
#include <SDL_image.h>

#include <cstring>
#include <memory>

namespace gb::virtual_printer {
namespace {

// The one place where an SDL or SDL2_image failure becomes a Status.
base::Status SdlError(std::string_view op) {
  return base::Status::Internal("png_failed", std::string(op) + ": " + SDL_GetError());
}

struct SurfaceFree {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceFree>;

// An SDL_RWops that appends everything written to a std::string, so the PNG
// never touches the disk before WriteFileAtomic.
size_t SDLCALL StringWrite(SDL_RWops* rw, const void* data, size_t size, size_t n) {
  auto* out = static_cast<std::string*>(rw->hidden.unknown.data1);
  out->append(static_cast<const char*>(data), size * n);
  return n;
}
Sint64 SDLCALL StringSize(SDL_RWops* rw) {
  return static_cast<Sint64>(static_cast<std::string*>(rw->hidden.unknown.data1)->size());
}
Sint64 SDLCALL StringSeek(SDL_RWops* rw, Sint64, int) { return StringSize(rw); }
size_t SDLCALL StringRead(SDL_RWops*, void*, size_t, size_t) { return 0; }
int SDLCALL StringClose(SDL_RWops* rw) {
  SDL_FreeRW(rw);
  return 0;
}

}  // namespace

base::Result<std::string> EncodePng(const GrayImage& image) {
  if (image.width <= 0 || image.height <= 0) {
    return base::Status::InvalidArgument("png_failed", "cannot encode an empty image");
  }
  SurfacePtr surface(
      SDL_CreateRGBSurfaceWithFormat(0, image.width, image.height, 8, SDL_PIXELFORMAT_INDEX8));
  if (!surface) return SdlError("SDL_CreateRGBSurfaceWithFormat");
  SDL_Color grey[256];
  for (int i = 0; i < 256; ++i) {
    const auto v = static_cast<Uint8>(i);
    grey[i] = SDL_Color{v, v, v, 255};
  }
  if (SDL_SetPaletteColors(surface->format->palette, grey, 0, 256) != 0) {
    return SdlError("SDL_SetPaletteColors");
  }
  auto* dst = static_cast<Uint8*>(surface->pixels);
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(
        dst + y * surface->pitch,
        image.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width),
        static_cast<std::size_t>(image.width));
  }
  std::string png;
  SDL_RWops* rw = SDL_AllocRW();
  if (rw == nullptr) return SdlError("SDL_AllocRW");
  rw->type = SDL_RWOPS_UNKNOWN;
  rw->hidden.unknown.data1 = &png;
  rw->size = StringSize;
  rw->seek = StringSeek;
  rw->read = StringRead;
  rw->write = StringWrite;
  rw->close = StringClose;
  if (IMG_SavePNG_RW(surface.get(), rw, 1) != 0) return SdlError("IMG_SavePNG_RW");
  return png;
}

base::Result<GrayImage> DecodePng(std::string_view png) {
  SDL_RWops* rw = SDL_RWFromConstMem(png.data(), static_cast<int>(png.size()));
  if (rw == nullptr) return SdlError("SDL_RWFromConstMem");
  SurfacePtr loaded(IMG_LoadPNG_RW(rw));
  SDL_RWclose(rw);
  if (!loaded) return SdlError("IMG_LoadPNG_RW");
  SurfacePtr rgba(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGBA32, 0));
  if (!rgba) return SdlError("SDL_ConvertSurfaceFormat");
  GrayImage out{rgba->w, rgba->h, {}};
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  const auto* src = static_cast<const Uint8*>(rgba->pixels);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      // RGBA32 is R, G, B, A in memory order on every platform.
      out.pixels[static_cast<std::size_t>(y * out.width + x)] = src[y * rgba->pitch + x * 4 + 1];
    }
  }
  return out;
}

}  // namespace gb::virtual_printer
