#include "ui/sdl/sdl_canvas.h"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstring>

namespace gb::ui {
namespace {

// The one place where an SDL failure becomes a Status.
base::Status SdlError(std::string_view op) {
  return base::Status::Internal("sdl_failed", std::string(op) + ": " + SDL_GetError());
}

// 4x4 samples per pixel: 17 coverage levels are smooth at kiosk radii.
constexpr int kSamples = 4;

}  // namespace

SdlCanvas::SdlCanvas(Size size, SDL_Surface* surface, SDL_Renderer* renderer, FontChain& fonts)
    : size_(size), surface_(surface), renderer_(renderer), text_(renderer, fonts) {}

SdlCanvas::~SdlCanvas() {
  text_.Clear();  // textures before their renderer
  for (auto& [radius, texture] : discs_) SDL_DestroyTexture(texture);
  for (auto& [key, texture] : images_) {
    if (texture != nullptr) SDL_DestroyTexture(texture);
  }
  SDL_DestroyRenderer(renderer_);
  SDL_FreeSurface(surface_);
}

base::Result<std::unique_ptr<SdlCanvas>> SdlCanvas::Create(Size size, FontChain& fonts) {
  if (size.width <= 0 || size.height <= 0) {
    return base::Status::InvalidArgument("bad_size", "canvas size must be positive");
  }
  SDL_Surface* surface =
      SDL_CreateRGBSurfaceWithFormat(0, size.width, size.height, 32, SDL_PIXELFORMAT_ARGB8888);
  if (surface == nullptr) return SdlError("SDL_CreateRGBSurfaceWithFormat");
  SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
  if (renderer == nullptr) {
    SDL_FreeSurface(surface);
    return SdlError("SDL_CreateSoftwareRenderer");
  }
  return std::unique_ptr<SdlCanvas>(new SdlCanvas(size, surface, renderer, fonts));
}

void SdlCanvas::Fail(base::Status status) {
  if (first_error_.ok()) first_error_ = std::move(status);
}

base::Status SdlCanvas::Render(const Widget& root, const Theme& theme) {
  first_error_ = base::Status::Ok();
  const Color bg = theme.palette().background;
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
  if (SDL_RenderClear(renderer_) != 0) Fail(SdlError("SDL_RenderClear"));
  root.Paint(*this, theme);
  return first_error_;
}

SDL_Texture* SdlCanvas::Disc(int radius) {
  if (auto it = discs_.find(radius); it != discs_.end()) return it->second;
  const int d = 2 * radius;
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888);
  if (s == nullptr) return nullptr;
  // White with coverage in alpha; the fill colour comes from colour/alpha mod.
  const float r2 = static_cast<float>(radius) * static_cast<float>(radius);
  for (int y = 0; y < d; ++y) {
    auto* row =
        reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < d; ++x) {
      int inside = 0;
      for (int sy = 0; sy < kSamples; ++sy) {
        for (int sx = 0; sx < kSamples; ++sx) {
          const float fx = static_cast<float>(x) + (static_cast<float>(sx) + 0.5f) / kSamples -
                           static_cast<float>(radius);
          const float fy = static_cast<float>(y) + (static_cast<float>(sy) + 0.5f) / kSamples -
                           static_cast<float>(radius);
          if (fx * fx + fy * fy <= r2) ++inside;
        }
      }
      const auto alpha = static_cast<std::uint32_t>(inside * 255 / (kSamples * kSamples));
      row[x] = (alpha << 24) | 0x00FFFFFFu;
    }
  }
  SDL_Texture* t = SDL_CreateTextureFromSurface(renderer_, s);
  SDL_FreeSurface(s);
  if (t == nullptr) return nullptr;
  SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  discs_.emplace(radius, t);
  return t;
}

void SdlCanvas::FillRoundedRect(const Rect& rect, int radius, Color color) {
  if (rect.empty()) return;
  const int r = std::clamp(radius, 0, std::min(rect.width, rect.height) / 2);
  SDL_SetRenderDrawBlendMode(renderer_, color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer_, color.r, color.g, color.b, color.a);
  if (r == 0) {
    const SDL_Rect all{rect.x, rect.y, rect.width, rect.height};
    if (SDL_RenderFillRect(renderer_, &all) != 0) Fail(SdlError("SDL_RenderFillRect"));
    return;
  }
  // A cross of three rects leaves exactly the four r x r corners to the disc.
  const SDL_Rect cross[3] = {
      {rect.x + r, rect.y, rect.width - 2 * r, rect.height},
      {rect.x, rect.y + r, r, rect.height - 2 * r},
      {rect.right() - r, rect.y + r, r, rect.height - 2 * r},
  };
  if (SDL_RenderFillRects(renderer_, cross, 3) != 0) Fail(SdlError("SDL_RenderFillRects"));
  SDL_Texture* disc = Disc(r);
  if (disc == nullptr) return Fail(SdlError("corner texture"));
  SDL_SetTextureColorMod(disc, color.r, color.g, color.b);
  SDL_SetTextureAlphaMod(disc, color.a);
  const int left = rect.x;
  const int top = rect.y;
  const int right = rect.right() - r;
  const int bottom = rect.bottom() - r;
  const SDL_Rect src[4] = {{0, 0, r, r}, {r, 0, r, r}, {0, r, r, r}, {r, r, r, r}};
  const SDL_Rect dst[4] = {
      {left, top, r, r}, {right, top, r, r}, {left, bottom, r, r}, {right, bottom, r, r}};
  for (int i = 0; i < 4; ++i) {
    if (SDL_RenderCopy(renderer_, disc, &src[i], &dst[i]) != 0) Fail(SdlError("SDL_RenderCopy"));
  }
}

void SdlCanvas::DrawText(Point top_left, std::string_view utf8, const FontSpec& font, Color color) {
  if (utf8.empty()) return;
  base::Result<SDL_Texture*> texture = text_.Get(utf8, font, color);
  if (!texture.ok()) return Fail(texture.status());
  int w = 0;
  int h = 0;
  SDL_QueryTexture(*texture, nullptr, nullptr, &w, &h);
  const SDL_Rect dst{top_left.x, top_left.y, w, h};
  if (SDL_RenderCopy(renderer_, *texture, nullptr, &dst) != 0) Fail(SdlError("SDL_RenderCopy"));
}

bool SdlCanvas::DrawImage(const Rect& rect, std::string_view key) {
  if (image_dir_.empty() || rect.empty()) return false;
  auto it = images_.find(key);
  if (it == images_.end()) {
    // A key is a file name from the catalog: never let it leave the folder.
    SDL_Texture* loaded = nullptr;
    if (key.find('/') == std::string_view::npos && key != ".." && !key.empty()) {
      const std::string path = image_dir_ + "/" + std::string(key);
      loaded = IMG_LoadTexture(renderer_, path.c_str());
    }
    it = images_.emplace(std::string(key), loaded).first;
  }
  SDL_Texture* texture = it->second;
  if (texture == nullptr) return false;
  int w = 0;
  int h = 0;
  SDL_QueryTexture(texture, nullptr, nullptr, &w, &h);
  if (w <= 0 || h <= 0) return false;
  // Cover: scale to fill the rect and crop the overflow, centred.
  SDL_Rect src{0, 0, w, h};
  if (static_cast<long long>(w) * rect.height > static_cast<long long>(h) * rect.width) {
    src.w = static_cast<int>(static_cast<long long>(h) * rect.width / rect.height);
    src.x = (w - src.w) / 2;
  } else {
    src.h = static_cast<int>(static_cast<long long>(w) * rect.height / rect.width);
    src.y = (h - src.h) / 2;
  }
  const SDL_Rect dst{rect.x, rect.y, rect.width, rect.height};
  if (SDL_RenderCopy(renderer_, texture, &src, &dst) != 0) Fail(SdlError("SDL_RenderCopy"));
  return true;
}

base::Result<std::vector<std::uint32_t>> SdlCanvas::ReadPixels() {
  std::vector<std::uint32_t> pixels(static_cast<std::size_t>(size_.width) *
                                    static_cast<std::size_t>(size_.height));
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ARGB8888, pixels.data(),
                           size_.width * 4) != 0) {
    return SdlError("SDL_RenderReadPixels");
  }
  return pixels;
}

base::Status SdlCanvas::SavePng(const std::string& path) {
  GB_ASSIGN_OR_RETURN(std::vector<std::uint32_t> pixels, ReadPixels());
  SDL_Surface* shot =
      SDL_CreateRGBSurfaceWithFormat(0, size_.width, size_.height, 32, SDL_PIXELFORMAT_ARGB8888);
  if (shot == nullptr) return SdlError("SDL_CreateRGBSurfaceWithFormat");
  for (int y = 0; y < size_.height; ++y) {
    std::memcpy(static_cast<std::uint8_t*>(shot->pixels) + y * shot->pitch,
                pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(size_.width),
                static_cast<std::size_t>(size_.width) * 4);
  }
  const int rc = IMG_SavePNG(shot, path.c_str());
  SDL_FreeSurface(shot);
  if (rc != 0) return base::Status::IoError("png_failed", path + ": " + IMG_GetError());
  return base::Status::Ok();
}

}  // namespace gb::ui
