// FontChain: the UI's fonts through SDL2_ttf, with per-code-point fallback.
//
// SDL2_ttf has no font fallback, so text is split into runs, each drawn with
// the first face of the chain that has a glyph for its code points
// (TTF_GlyphIsProvided32): DejaVu Sans (Latin, Cyrillic; DejaVu Sans Bold
// for Weight::kBold), then WenQuanYi Micro Hei (Chinese; emboldened by
// SDL_ttf for bold). Code points no face has use DejaVu's missing-glyph box.
// All runs of a line share one baseline; a line box is LineHeight tall (the
// largest ascent plus the largest descent of the chain at that size).
//
// Only TTF_Init is needed: no SDL video subsystem, so it works headless.
// Not thread-safe (SDL_ttf fonts are mutable caches); one per UI thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "ui/color.h"
#include "ui/font_spec.h"

struct SDL_Surface;

namespace gb::ui {

struct FontFiles {
  std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  std::string cjk = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";  // face index 0
};

class FontChain {
 public:
  // Fails with "font_missing" (kNotFound) naming the file and its Debian
  // package, or "ttf_failed" when SDL2_ttf cannot start or read a font.
  static base::Result<std::unique_ptr<FontChain>> Create(const FontFiles& files = {});
  ~FontChain();
  FontChain(const FontChain&) = delete;
  FontChain& operator=(const FontChain&) = delete;

  // Advance width of one line of UTF-8 (0 if SDL_ttf fails, which it only
  // does on allocation failure).
  int Width(std::string_view utf8, const FontSpec& font);
  int LineHeight(const FontSpec& font);
  // Whether some face of the chain has a real glyph for cp.
  bool HasGlyph(char32_t cp, const FontSpec& font);

  // One line of text as an ARGB8888 surface of Width x LineHeight, the text
  // in `color`, anti-aliased into the alpha channel, transparent elsewhere.
  // The caller owns the surface (SDL_FreeSurface). Empty or blank text gives
  // a surface that is entirely transparent (at least 1x1).
  // Fails with "ttf_failed".
  base::Result<SDL_Surface*> RenderLine(std::string_view utf8, const FontSpec& font, Color color);

 private:
  struct Faces;
  explicit FontChain(std::unique_ptr<Faces> faces);
  std::unique_ptr<Faces> faces_;
};

}  // namespace gb::ui
