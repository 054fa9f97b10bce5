// FontChain: the UI's fonts through SDL2_ttf, with per-code-point fallback.
//
// SDL2_ttf has no font fallback, so text is split into runs, each drawn with
// the first face of the chain that has a glyph for its code points
// (TTF_GlyphIsProvided32): DejaVu Sans (Latin, Cyrillic; DejaVu Sans Bold
// for Weight::kBold), then for Chinese WenQuanYi Micro Hei (regular) and
// Noto Sans CJK SC Bold (Weight::kBold: a real bold face, crisp where a
// synthesised bold smears). Without the Noto file, bold Chinese is
// WenQuanYi emboldened by SDL_ttf, and notice() says so. Code points no
// face has use DejaVu's missing-glyph box.
// All runs of a line share one baseline; a line box is LineHeight tall: the
// largest ascent plus the largest descent of DejaVu (of the weight) and
// WenQuanYi at that size, for both weights, so bold lines are as tall as
// they were with the synthesised bold (Noto's own line gap is larger; its
// ideographs stay inside that box).
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
  // Debian's fonts-noto-cjk: faces 0..4 of the .ttc are JP, KR, SC, TC, HK;
  // 2 is Simplified Chinese, the kiosk's zh (fc-query names them).
  std::string cjk_bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
  int cjk_bold_index = 2;
};

class FontChain {
 public:
  // Fails with "font_missing" (kNotFound) naming the file and its Debian
  // package, or "ttf_failed" when SDL2_ttf cannot start or read a font.
  // A missing cjk_bold is no failure: see notice().
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
  // The family name of the Chinese face of this weight, as its file says
  // ("WenQuanYi Micro Hei", "Noto Sans CJK SC").
  std::string CjkFamily(Weight weight);
  // Empty, or one sentence for the operator's log when cjk_bold is missing
  // and bold Chinese is synthesised: which file, which Debian package.
  const std::string& notice() const;

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
