#include "ui/sdl/font_chain.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <vector>

namespace gb::ui {
namespace {

// The one place where an SDL_ttf failure becomes a Status.
base::Status TtfError(std::string_view op) {
  return base::Status::Internal("ttf_failed", std::string(op) + ": " + TTF_GetError());
}

struct FontCloser {
  void operator()(TTF_Font* f) const { TTF_CloseFont(f); }
};
using FontPtr = std::unique_ptr<TTF_Font, FontCloser>;

struct Run {
  TTF_Font* font;
  std::string utf8;
};

// Decodes one UTF-8 sequence at s[i], advancing i; malformed bytes decode
// as U+FFFD (the fonts draw it as a box, which shows staff the data is odd).
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<std::uint8_t>(s[i++]);
  if (b0 < 0x80) return b0;
  const int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t cp = b0 & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<std::uint8_t>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<std::uint8_t>(s[i++]) & 0x3F);
  }
  return cp;
}

}  // namespace

struct FontChain::Faces {
  FontFiles files;
  bool noto_bold = false;  // cjk_bold is there: no synthesised bold
  std::string notice;
  // The open faces per size and weight: SDL_ttf drops its glyph cache when a
  // font's size or style changes, and a screen mixes several sizes every
  // frame. [0] Latin/Cyrillic, [1] Chinese, [2] the regular Chinese face
  // whose metrics the line box keeps (the same font as [1] when regular).
  struct Open {
    std::array<FontPtr, 3> faces;
    int ascent = 0;
    int descent = 0;  // positive, below the baseline
  };
  std::map<FontSpec, Open> open;

  ~Faces() {
    open.clear();
    TTF_Quit();  // SDL_ttf counts Init/Quit pairs
  }

  const Open* Find(const FontSpec& spec) {
    auto it = open.find(spec);
    if (it == open.end()) {
      const bool bold = spec.weight == Weight::kBold;
      Open o;
      o.faces[0].reset(TTF_OpenFontIndex((bold ? files.bold : files.regular).c_str(), spec.px, 0));
      o.faces[2].reset(TTF_OpenFontIndex(files.cjk.c_str(), spec.px, 0));
      if (bold && noto_bold) {
        o.faces[1].reset(TTF_OpenFontIndex(files.cjk_bold.c_str(), spec.px, files.cjk_bold_index));
      } else {
        o.faces[1].reset(TTF_OpenFontIndex(files.cjk.c_str(), spec.px, 0));
        if (bold && o.faces[1]) TTF_SetFontStyle(o.faces[1].get(), TTF_STYLE_BOLD);
      }
      if (!o.faces[0] || !o.faces[1] || !o.faces[2]) return nullptr;
      o.ascent = std::max(TTF_FontAscent(o.faces[0].get()), TTF_FontAscent(o.faces[2].get()));
      o.descent = std::max(-TTF_FontDescent(o.faces[0].get()), -TTF_FontDescent(o.faces[2].get()));
      it = open.emplace(spec, std::move(o)).first;
    }
    return &it->second;
  }

  std::array<TTF_Font*, 2> Chain(const FontSpec& spec) {
    const Open* o = Find(spec);
    if (o == nullptr) return {nullptr, nullptr};
    return {o->faces[0].get(), o->faces[1].get()};
  }

  // Maximal runs of one face. Spaces stay with the run before them so that a
  // face switch never falls inside a gap.
  std::vector<Run> SplitRuns(std::string_view text, const std::array<TTF_Font*, 2>& chain) {
    std::vector<Run> runs;
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t start = i;
      const char32_t cp = NextCodePoint(text, i);
      TTF_Font* f = chain[0];
      if (cp == U' ' && !runs.empty()) {
        f = runs.back().font;
      } else if (TTF_GlyphIsProvided32(chain[0], cp) == 0 &&
                 TTF_GlyphIsProvided32(chain[1], cp) != 0) {
        f = chain[1];
      }
      if (runs.empty() || runs.back().font != f) runs.push_back({f, {}});
      runs.back().utf8.append(text.substr(start, i - start));
    }
    return runs;
  }
};

FontChain::FontChain(std::unique_ptr<Faces> faces) : faces_(std::move(faces)) {}
FontChain::~FontChain() = default;

base::Result<std::unique_ptr<FontChain>> FontChain::Create(const FontFiles& files) {
  const std::array<std::pair<const std::string*, const char*>, 3> wanted = {{
      {&files.regular, "fonts-dejavu-core"},
      {&files.bold, "fonts-dejavu-core"},
      {&files.cjk, "fonts-wqy-microhei"},
  }};
  for (const auto& [path, package] : wanted) {
    if (::access(path->c_str(), R_OK) != 0) {
      return base::Status::NotFound(
          "font_missing",
          "font file " + *path + " is missing; install the Debian package " + package);
    }
  }
  if (TTF_Init() != 0) return TtfError("TTF_Init");
  auto faces = std::make_unique<Faces>();  // from here on, ~Faces calls TTF_Quit
  faces->files = files;
  faces->noto_bold = ::access(files.cjk_bold.c_str(), R_OK) == 0;
  if (!faces->noto_bold) {
    // Still shows every screen; only bold Chinese is smeared.
    faces->notice = "font file " + files.cjk_bold + " is missing: bold Chinese on the screen is " +
                    files.cjk + " emboldened by SDL_ttf; install the Debian package fonts-noto-cjk";
  }
  // Opening both weights now proves every file is a font SDL_ttf can read.
  for (Weight w : {Weight::kRegular, Weight::kBold}) {
    if (faces->Chain({32, w})[0] == nullptr) return TtfError("TTF_OpenFont");
  }
  return std::unique_ptr<FontChain>(new FontChain(std::move(faces)));
}

int FontChain::Width(std::string_view utf8, const FontSpec& font) {
  const auto chain = faces_->Chain(font);
  if (chain[0] == nullptr) return 0;
  int total = 0;
  for (const Run& run : faces_->SplitRuns(utf8, chain)) {
    int w = 0;
    int h = 0;
    if (TTF_SizeUTF8(run.font, run.utf8.c_str(), &w, &h) == 0) total += w;
  }
  return total;
}

int FontChain::LineHeight(const FontSpec& font) {
  const Faces::Open* o = faces_->Find(font);
  if (o == nullptr) return font.px;
  return o->ascent + o->descent;
}

std::string FontChain::CjkFamily(Weight weight) {
  const auto chain = faces_->Chain({32, weight});
  if (chain[1] == nullptr) return {};
  const char* name = TTF_FontFaceFamilyName(chain[1]);
  return name != nullptr ? name : "";
}

const std::string& FontChain::notice() const { return faces_->notice; }

bool FontChain::HasGlyph(char32_t cp, const FontSpec& font) {
  const auto chain = faces_->Chain(font);
  if (chain[0] == nullptr) return false;
  return TTF_GlyphIsProvided32(chain[0], cp) != 0 || TTF_GlyphIsProvided32(chain[1], cp) != 0;
}

base::Result<SDL_Surface*> FontChain::RenderLine(std::string_view utf8, const FontSpec& font,
                                                 Color color) {
  const auto chain = faces_->Chain(font);
  if (chain[0] == nullptr) return TtfError("TTF_OpenFont");
  const int height = LineHeight(font);
  const int width = std::max(1, Width(utf8, font));
  SDL_Surface* line =
      SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
  if (line == nullptr) return TtfError("SDL_CreateRGBSurfaceWithFormat");
  // Transparent pixels of the text colour: blending runs onto them keeps the
  // colour exact and accumulates only coverage in alpha.
  SDL_FillRect(line, nullptr, SDL_MapRGBA(line->format, color.r, color.g, color.b, 0));
  const int baseline = faces_->Find(font)->ascent;
  int x = 0;
  for (const Run& run : faces_->SplitRuns(utf8, chain)) {
    int w = 0;
    int h = 0;
    if (TTF_SizeUTF8(run.font, run.utf8.c_str(), &w, &h) != 0) continue;
    if (run.utf8.find_first_not_of(' ') != std::string::npos && w > 0) {
      SDL_Surface* s = TTF_RenderUTF8_Blended(run.font, run.utf8.c_str(),
                                              SDL_Color{color.r, color.g, color.b, color.a});
      if (s == nullptr) {
        SDL_FreeSurface(line);
        return TtfError("TTF_RenderUTF8_Blended");
      }
      SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
      SDL_Rect dst{x, baseline - TTF_FontAscent(run.font), s->w, s->h};
      SDL_BlitSurface(s, nullptr, line, &dst);
      SDL_FreeSurface(s);
    }
    x += w;
  }
  return line;
}

}  // namespace gb::ui
