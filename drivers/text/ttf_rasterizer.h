// TtfRasterizer: escpos::TextRasterizer drawn with SDL2_ttf (FreeType and
// HarfBuzz). The only code of the drivers that includes SDL_ttf.
//
// SDL2_ttf has no font fallback, so each code point is drawn with the first
// font of the chain that has a glyph for it (TTF_GlyphIsProvided32):
// DejaVu Sans (Latin, Cyrillic, Greek; its Bold face when bold is asked for),
// then Noto Sans CJK SC (Chinese; a real Bold face). Without the Noto files
// the chain falls back to WenQuanYi Micro Hei, whose bold SDL_ttf has to
// synthesise (smeared at large sizes), and notice() says so. Code points no
// font has are drawn with DejaVu's missing-glyph box.
//
// Words too wide for the paper are hyphenated by the hyphenator given with
// set_hyphenator (none: split between characters, as before).
//
// Rendered lines are kept in a small LRU cache (kCachedLines entries): most
// lines of a deal's receipts (title, tiers, terms, prices) are the same from
// one sign-up to the next, and drawing them with FreeType dominates a receipt.
//
// Only TTF_Init is called: no SDL video subsystem, so it works headless.
// Not thread-safe (SDL_ttf fonts are mutable caches); use one per thread.
#pragma once

#include <memory>
#include <string>

#include "core/base/hyphenator.h"
#include "core/base/result.h"
#include "drivers/escpos/text_rasterizer.h"

namespace gb::text {

// A face inside a font file (.ttc collections hold several).
struct FontFace {
  std::string path;
  int index = 0;
};

struct FontFiles {
  std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  // Debian's fonts-noto-cjk: faces 0..4 of each .ttc are JP, KR, SC, TC, HK;
  // 2 is Simplified Chinese, the kiosk's zh.
  FontFace cjk{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2};
  FontFace cjk_bold{"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2};
  // Both CJK weights when either Noto file is missing (index 0 is the
  // proportional face; 1 is Mono). Bold is then synthesised.
  std::string cjk_fallback = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
};

class TtfRasterizer final : public escpos::TextRasterizer {
 public:
  // Fails with reason "font_missing" (kNotFound) naming the file and the
  // Debian package that ships it (for CJK: only when neither the Noto files
  // nor the fallback are there, naming both), or "ttf_failed" if SDL2_ttf
  // cannot start or open a font.
  static base::Result<std::unique_ptr<TtfRasterizer>> Create(const FontFiles& files = {});
  ~TtfRasterizer() override;
  TtfRasterizer(const TtfRasterizer&) = delete;
  TtfRasterizer& operator=(const TtfRasterizer&) = delete;

  // See escpos::TextRasterizer. Ink is coverage >= 50% of the anti-aliased
  // rendering. Fails with reason "ttf_failed" if SDL2_ttf does.
  base::Result<escpos::Bitmap> Render(std::string_view utf8, int px_height, bool bold,
                                      int max_width) const override;

  // Whether some font of the chain has a real glyph for cp.
  bool HasGlyph(char32_t cp, bool bold) const;

  // Hyphenates over-long words from the next Render on (null: none).
  void set_hyphenator(std::unique_ptr<base::Hyphenator> hyphenator);

  // The family name of the CJK face drawn for this weight, as the font file
  // says it ("Noto Sans CJK SC", or "WenQuanYi Micro Hei" in the fallback).
  std::string CjkFamily(bool bold) const;
  // The file the CJK bold face comes from.
  const std::string& CjkBoldFile() const;
  // True when CJK bold is synthesised (the fallback).
  bool CjkBoldSynthesised() const;
  // Empty, or one sentence for the operator's log when a preferred font was
  // missing and a fallback is in use: which file, what it costs, which
  // Debian package to install.
  const std::string& notice() const;

  static constexpr size_t kCachedLines = 256;

 private:
  struct Fonts;
  struct LineCache;
  explicit TtfRasterizer(std::unique_ptr<Fonts> fonts);
  base::Result<escpos::Bitmap> Draw(std::string_view utf8, int px_height, bool bold,
                                    int max_width) const;
  std::unique_ptr<Fonts> fonts_;
  std::unique_ptr<LineCache> cache_;
  std::unique_ptr<base::Hyphenator> hyphenator_;
};

}  // namespace gb::text
