#include "ui/sdl/text_texture_cache.h"

#include <SDL.h>

namespace gb::ui {

TextTextureCache::TextTextureCache(SDL_Renderer* renderer, FontChain& fonts)
    : renderer_(renderer), fonts_(fonts) {}

TextTextureCache::~TextTextureCache() { Clear(); }

void TextTextureCache::Clear() {
  for (auto& [key, texture] : textures_) SDL_DestroyTexture(texture);
  textures_.clear();
}

base::Result<SDL_Texture*> TextTextureCache::Get(std::string_view utf8, const FontSpec& font,
                                                 Color color) {
  const std::uint32_t rgba = (std::uint32_t{color.r} << 24) | (std::uint32_t{color.g} << 16) |
                             (std::uint32_t{color.b} << 8) | color.a;
  Key key{std::string(utf8), font.px, font.weight, rgba};
  if (auto it = textures_.find(key); it != textures_.end()) return it->second;
  if (textures_.size() >= kMaxEntries) Clear();

  GB_ASSIGN_OR_RETURN(SDL_Surface * surface, fonts_.RenderLine(utf8, font, color));
  SDL_Texture* texture = SDL_CreateTextureFromSurface(renderer_, surface);
  SDL_FreeSurface(surface);
  if (texture == nullptr) {
    return base::Status::Internal("sdl_failed",
                                  std::string("SDL_CreateTextureFromSurface: ") + SDL_GetError());
  }
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  textures_.emplace(std::move(key), texture);
  return texture;
}

}  // namespace gb::ui
