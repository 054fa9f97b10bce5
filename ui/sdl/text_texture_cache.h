// TextTextureCache: rendered lines of text as SDL textures, keyed by
// everything that changes their pixels: (text, size, weight, colour).
//
// Drawing text with FreeType dominates a frame; a kiosk screen shows the same
// few dozen strings frame after frame, so each is rasterised once. When more
// than kMaxEntries are held the whole cache is dropped (a screen change, not
// a steady state), which keeps memory bounded without LRU bookkeeping.
// Borrows the renderer and the FontChain; both must outlive the cache.
// Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "core/base/result.h"
#include "ui/color.h"
#include "ui/font_spec.h"
#include "ui/sdl/font_chain.h"

struct SDL_Renderer;
struct SDL_Texture;

namespace gb::ui {

class TextTextureCache {
 public:
  static constexpr std::size_t kMaxEntries = 512;

  TextTextureCache(SDL_Renderer* renderer, FontChain& fonts);
  ~TextTextureCache();
  TextTextureCache(const TextTextureCache&) = delete;
  TextTextureCache& operator=(const TextTextureCache&) = delete;

  // The texture of one line (owned by the cache, valid until the next Get
  // or Clear). Fails with "ttf_failed" or "sdl_failed".
  base::Result<SDL_Texture*> Get(std::string_view utf8, const FontSpec& font, Color color);
  void Clear();
  std::size_t size() const { return textures_.size(); }

 private:
  using Key = std::tuple<std::string, int, Weight, std::uint32_t>;
  SDL_Renderer* renderer_;
  FontChain& fonts_;
  std::map<Key, SDL_Texture*, std::less<>> textures_;
};

}  // namespace gb::ui
