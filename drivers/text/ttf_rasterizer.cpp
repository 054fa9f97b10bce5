#include "drivers/text/ttf_rasterizer.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <list>
#include <tuple>
#include <map>
#include <string_view>
#include <vector>

#include "drivers/text/line_wrapper.h"
#include "drivers/text/utf8.h"

namespace gb::text {
namespace {

// The one place where an SDL_ttf failure becomes a Status.
base::Status TtfError(std::string_view op) {
  return base::Status::Internal("ttf_failed", std::string(op) + ": " + TTF_GetError());
}

struct FontCloser {
  void operator()(TTF_Font* f) const { TTF_CloseFont(f); }
};
using FontPtr = std::unique_ptr<TTF_Font, FontCloser>;

struct SurfaceFree {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};

// Anti-aliased coverage at or above this (of 255) becomes a dot. Half
// coverage keeps stroke widths true to the outline.
constexpr Uint8 kInkThreshold = 128;

enum FontSlot { kRegular = 0, kBold = 1, kCjk = 2, kCjkBold = 3, kSlotCount = 4 };

// Text drawn with one font.
struct Run {
  TTF_Font* font;
  std::string utf8;
};

}  // namespace

struct TtfRasterizer::Fonts {
  std::array<std::string, kSlotCount> path;
  std::array<int, kSlotCount> index{};
  bool synthetic_cjk_bold = false;  // the fallback: one CJK file for both weights
  std::string notice;
  // One pair of open fonts (Latin/Cyrillic face, CJK face) per point size and
  // weight. SDL_ttf drops its glyph cache whenever a font's size or style
  // changes, and receipts alternate normal, bold and double-height lines, so
  // each combination keeps fonts of its own and their caches stay warm.
  std::map<std::pair<int, bool>, std::array<FontPtr, 2>> sized;
  std::array<FontPtr, 2>* selected = nullptr;

  bool initialised = false;  // TTF_Init succeeded

  ~Fonts() {
    sized.clear();
    if (initialised) TTF_Quit();  // SDL_ttf counts Init/Quit pairs
  }

  // The font chain of the selected size and weight: Latin/Cyrillic, then CJK.
  std::array<TTF_Font*, 2> Chain(bool) const { return {(*selected)[0].get(), (*selected)[1].get()}; }

  base::Status Select(int pt, bool bold) {
    auto it = sized.find({pt, bold});
    if (it == sized.end()) {
      std::array<FontPtr, 2> pair;
      const auto latin = static_cast<std::size_t>(bold ? kBold : kRegular);
      const auto cjk = static_cast<std::size_t>(bold ? kCjkBold : kCjk);
      pair[0].reset(TTF_OpenFontIndex(path[latin].c_str(), pt, index[latin]));
      pair[1].reset(TTF_OpenFontIndex(path[cjk].c_str(), pt, index[cjk]));
      if (!pair[0] || !pair[1]) return TtfError("TTF_OpenFont");
      // Without a bold CJK file SDL_ttf emboldens the regular outlines.
      if (bold && synthetic_cjk_bold) TTF_SetFontStyle(pair[1].get(), TTF_STYLE_BOLD);
      it = sized.emplace(std::make_pair(pt, bold), std::move(pair)).first;
    }
    selected = &it->second;
    return base::Status::Ok();
  }

  TTF_Font* FontFor(char32_t cp, bool bold) const {
    for (TTF_Font* f : Chain(bold)) {
      if (TTF_GlyphIsProvided32(f, cp) != 0) return f;
    }
    return Chain(bold)[0];
  }

  // Splits text into maximal runs drawn with one font. Spaces join the run
  // before them so that a font switch never falls inside a gap.
  std::vector<Run> SplitRuns(std::u32string_view text, bool bold) const {
    std::vector<Run> runs;
    TTF_Font* current = nullptr;
    std::u32string pending;
    for (char32_t cp : text) {
      TTF_Font* f = (cp == U' ' && current != nullptr) ? current : FontFor(cp, bold);
      if (f != current && !pending.empty()) {
        runs.push_back({current, EncodeUtf8(pending)});
        pending.clear();
      }
      current = f;
      pending.push_back(cp);
    }
    if (!pending.empty()) runs.push_back({current, EncodeUtf8(pending)});
    return runs;
  }

};

namespace {

int RunWidth(const Run& run) {
  int w = 0, h = 0;
  if (TTF_SizeUTF8(run.font, run.utf8.c_str(), &w, &h) != 0) return 0;
  return w;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' '; });
}

}  // namespace

// Least recently used lines, keyed by everything that changes their pixels.
struct TtfRasterizer::LineCache {
  using Key = std::tuple<std::string, int, bool, int>;
  std::list<std::pair<Key, escpos::Bitmap>> lru;  // front: most recent
  std::map<Key, std::list<std::pair<Key, escpos::Bitmap>>::iterator> index;

  const escpos::Bitmap* Find(const Key& key) {
    auto it = index.find(key);
    if (it == index.end()) return nullptr;
    lru.splice(lru.begin(), lru, it->second);
    return &it->second->second;
  }
  void Put(Key key, escpos::Bitmap bitmap) {
    lru.emplace_front(key, std::move(bitmap));
    index[std::move(key)] = lru.begin();
    if (lru.size() > kCachedLines) {
      index.erase(lru.back().first);
      lru.pop_back();
    }
  }
};

TtfRasterizer::TtfRasterizer(std::unique_ptr<Fonts> fonts)
    : fonts_(std::move(fonts)), cache_(std::make_unique<LineCache>()) {}
TtfRasterizer::~TtfRasterizer() = default;

namespace {

bool Readable(const std::string& path) { return ::access(path.c_str(), R_OK) == 0; }

base::Status FontMissing(const std::string& path, std::string_view package) {
  return base::Status::NotFound("font_missing", "font file " + path +
                                                    " is missing; install the Debian package " +
                                                    std::string(package));
}

}  // namespace

base::Result<std::unique_ptr<TtfRasterizer>> TtfRasterizer::Create(const FontFiles& files) {
  if (!Readable(files.regular)) return FontMissing(files.regular, "fonts-dejavu-core");
  if (!Readable(files.bold)) return FontMissing(files.bold, "fonts-dejavu-core");
  auto fonts = std::make_unique<Fonts>();
  fonts->path[kRegular] = files.regular;
  fonts->path[kBold] = files.bold;
  const std::string* noto_missing = !Readable(files.cjk.path)        ? &files.cjk.path
                                    : !Readable(files.cjk_bold.path) ? &files.cjk_bold.path
                                                                     : nullptr;
  if (noto_missing == nullptr) {
    fonts->path[kCjk] = files.cjk.path;
    fonts->index[kCjk] = files.cjk.index;
    fonts->path[kCjkBold] = files.cjk_bold.path;
    fonts->index[kCjkBold] = files.cjk_bold.index;
  } else if (Readable(files.cjk_fallback)) {
    // Still prints every receipt; only large bold Chinese suffers.
    fonts->path[kCjk] = fonts->path[kCjkBold] = files.cjk_fallback;
    fonts->synthetic_cjk_bold = true;
    fonts->notice = "font file " + *noto_missing + " is missing: Chinese is drawn with " +
                    files.cjk_fallback +
                    " and its bold is synthesised (smeared in large headings); install the "
                    "Debian package fonts-noto-cjk";
  } else {
    return base::Status::NotFound(
        "font_missing", "font files " + *noto_missing + " and " + files.cjk_fallback +
                            " are missing; install the Debian package fonts-noto-cjk (or "
                            "fonts-wqy-microhei)");
  }
  if (TTF_Init() != 0) return TtfError("TTF_Init");
  fonts->initialised = true;  // from here on, ~Fonts calls TTF_Quit
  // Opening both weights now proves every file is a font SDL_ttf can read.
  GB_RETURN_IF_ERROR(fonts->Select(24, true));
  GB_RETURN_IF_ERROR(fonts->Select(24, false));
  return std::unique_ptr<TtfRasterizer>(new TtfRasterizer(std::move(fonts)));
}

std::string TtfRasterizer::CjkFamily(bool bold) const {
  if (!fonts_->Select(24, bold).ok()) return {};
  const char* name = TTF_FontFaceFamilyName(fonts_->Chain(bold)[1]);
  return name != nullptr ? name : "";
}

const std::string& TtfRasterizer::CjkBoldFile() const { return fonts_->path[kCjkBold]; }
bool TtfRasterizer::CjkBoldSynthesised() const { return fonts_->synthetic_cjk_bold; }
const std::string& TtfRasterizer::notice() const { return fonts_->notice; }

bool TtfRasterizer::HasGlyph(char32_t cp, bool bold) const {
  if (!fonts_->Select(24, bold).ok()) return false;
  for (TTF_Font* f : fonts_->Chain(bold)) {
    if (TTF_GlyphIsProvided32(f, cp) != 0) return true;
  }
  return false;
}

void TtfRasterizer::set_hyphenator(std::unique_ptr<base::Hyphenator> hyphenator) {
  hyphenator_ = std::move(hyphenator);
  cache_ = std::make_unique<LineCache>();  // lines drawn before may now break otherwise
}

base::Result<escpos::Bitmap> TtfRasterizer::Render(std::string_view utf8, int px_height, bool bold,
                                                   int max_width) const {
  px_height = std::max(px_height, 8);
  max_width = std::max(max_width, 1);
  LineCache::Key key{std::string(utf8), px_height, bold, max_width};
  if (const escpos::Bitmap* hit = cache_->Find(key)) return *hit;
  GB_ASSIGN_OR_RETURN(escpos::Bitmap drawn, Draw(utf8, px_height, bold, max_width));
  cache_->Put(std::move(key), drawn);
  return drawn;
}

base::Result<escpos::Bitmap> TtfRasterizer::Draw(std::string_view utf8, int px_height, bool bold,
                                                 int max_width) const {
  // 0.8 em per line pitch: DejaVu's line height (1.16 em) then fits the
  // pitch and capitals come out about as tall as the printer's font A.
  GB_RETURN_IF_ERROR(fonts_->Select(std::max(6, px_height * 4 / 5), bold));
  TTF_Font* primary = fonts_->Chain(bold)[0];
  const int ascent = TTF_FontAscent(primary);
  const int baseline = (px_height - (ascent - TTF_FontDescent(primary))) / 2 + ascent;

  std::u32string text = DecodeUtf8(utf8);
  for (char32_t& cp : text) {
    // Control characters would end the C strings SDL_ttf takes (NUL) or draw
    // nothing; a visible box tells staff that the data was odd.
    if (cp == U'\t') cp = U' ';
    if ((cp < 0x20 && cp != U'\n') || (cp >= 0x7F && cp < 0xA0)) cp = kReplacementChar;
  }
  auto measure = [&](std::u32string_view segment) {
    int w = 0;
    for (const Run& run : fonts_->SplitRuns(segment, bold)) w += RunWidth(run);
    return w;
  };
  const std::vector<LineSpan> lines = WrapLines(text, max_width, measure, hyphenator_.get());
  auto shown = [&](const LineSpan& line) {
    std::u32string s = text.substr(line.begin, line.end - line.begin);
    if (line.hyphen) s += U'-';
    return s;
  };

  int width = 0;
  for (const LineSpan& line : lines) width = std::max(width, measure(shown(line)));
  escpos::Bitmap out(std::min(width, max_width), px_height * static_cast<int>(lines.size()));
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const LineSpan& line = lines[li];
    int x = 0;
    const int line_top = px_height * static_cast<int>(li);
    for (const Run& run : fonts_->SplitRuns(shown(line), bold)) {
      const int run_width = RunWidth(run);
      // Zero-width runs (say, a lone zero-width space) have no surface to draw.
      if (run_width > 0 && !IsBlank(run.utf8)) {
        std::unique_ptr<SDL_Surface, SurfaceFree> s(TTF_RenderUTF8_Shaded(
            run.font, run.utf8.c_str(), SDL_Color{0, 0, 0, 255}, SDL_Color{255, 255, 255, 255}));
        if (!s) return TtfError("TTF_RenderUTF8_Shaded");
        // Shaded surfaces are 8-bit: index 0 is the background, 255 full ink.
        const int top = line_top + baseline - TTF_FontAscent(run.font);
        const auto* pixels = static_cast<const Uint8*>(s->pixels);
        for (int y = 0; y < s->h; ++y) {
          const int oy = top + y;
          if (oy < line_top || oy >= line_top + px_height) continue;  // stay in the line
          for (int xx = 0; xx < s->w; ++xx) {
            if (pixels[y * s->pitch + xx] >= kInkThreshold) out.Set(x + xx, oy, true);
          }
        }
      }
      x += run_width;
    }
  }
  return out;
}

}  // namespace gb::text
