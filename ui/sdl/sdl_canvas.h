// SdlCanvas: a Painter drawing with SDL2's software renderer into an
// offscreen surface, and screenshots of it. With ui/sdl/font_chain.cpp and
// text_texture_cache.cpp, the only code of ui/ that includes SDL headers.
//
// SDL_CreateSoftwareRenderer onto a plain ARGB8888 SDL_Surface needs no SDL
// video subsystem, so it renders headless and pixel-identically everywhere
// (given the same SDL, FreeType and fonts). Rounded rects are drawn without
// SDL_RenderGeometry (slow and aliased in the software renderer): corners
// are quadrants of an anti-aliased coverage-alpha disc texture, the rest is
// SDL_RenderFillRects. Text goes through a TextTextureCache.
//
// Painter calls cannot fail loudly; the first failure of a frame is kept and
// returned by Render. Borrows the FontChain (must outlive the canvas).
// Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "ui/painter.h"
#include "ui/sdl/font_chain.h"
#include "ui/sdl/text_texture_cache.h"
#include "ui/theme.h"
#include "ui/widget.h"

struct SDL_Surface;
struct SDL_Renderer;
struct SDL_Texture;

namespace gb::ui {

class SdlCanvas final : public Painter {
 public:
  // Fails with "bad_size" for a non-positive size, "sdl_failed" otherwise.
  static base::Result<std::unique_ptr<SdlCanvas>> Create(Size size, FontChain& fonts);
  ~SdlCanvas() override;
  SdlCanvas(const SdlCanvas&) = delete;
  SdlCanvas& operator=(const SdlCanvas&) = delete;

  Size size() const { return size_; }
  // The frame's pixels, for presenting them in a window (SDL_BlitSurface).
  SDL_Surface* surface() const { return surface_; }

  // Where DrawImage finds pictures: `dir`/key, PNG or JPEG (SDL2_image).
  // Pictures are loaded once; one that cannot be read is remembered as
  // missing (the widget draws its stand-in). Default: none (no pictures).
  void set_image_dir(std::string dir) { image_dir_ = std::move(dir); }

  // Clears to the theme's background and paints `root` (already laid out).
  // Returns the first drawing failure of the frame ("sdl_failed"/"ttf_failed").
  base::Status Render(const Widget& root, const Theme& theme);

  // The frame as ARGB8888 words (0xAARRGGBB), row-major, width*height long.
  base::Result<std::vector<std::uint32_t>> ReadPixels();
  // Writes the frame as an RGBA PNG. Fails with "sdl_failed" or "png_failed".
  base::Status SavePng(const std::string& path);

  // Painter.
  void FillRoundedRect(const Rect& rect, int radius, Color color) override;
  void DrawText(Point top_left, std::string_view utf8, const FontSpec& font, Color color) override;
  bool DrawImage(const Rect& rect, std::string_view key) override;

 private:
  SdlCanvas(Size size, SDL_Surface* surface, SDL_Renderer* renderer, FontChain& fonts);
  SDL_Texture* Disc(int radius);
  void Fail(base::Status status);

  Size size_;
  SDL_Surface* surface_;
  SDL_Renderer* renderer_;
  TextTextureCache text_;
  std::map<int, SDL_Texture*> discs_;  // by radius
  std::string image_dir_;
  std::map<std::string, SDL_Texture*, std::less<>> images_;  // by key; nullptr: missing
  base::Status first_error_;
};

}  // namespace gb::ui
