// The widget gallery rendered with SDL2's software renderer, headless:
// golden screenshots at both kiosk orientations, determinism, and real
// glyphs (not missing-glyph boxes) for Cyrillic and Chinese.
#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "tests/ui/gallery_scene.h"
#include "tests/ui/rgba_golden.h"
#include "ui/sdl/font_chain.h"
#include "ui/sdl/sdl_canvas.h"
#include "ui/sdl/sdl_text_measurer.h"

namespace gb::ui {
namespace {

constexpr Size kPortrait{1080, 1920};
constexpr Size kLandscape{1920, 1080};

class GalleryRenderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto fonts = FontChain::Create();
    ASSERT_TRUE(fonts.ok()) << fonts.status().ToString();
    fonts_ = std::move(fonts).value().release();
  }
  static void TearDownTestSuite() {
    delete fonts_;
    fonts_ = nullptr;
  }

  // Builds, lays out and renders the gallery; the tree stays in tree_.
  std::vector<std::uint32_t> Render(SdlCanvas& canvas, const Theme& theme) {
    SdlTextMeasurer measurer(*fonts_);
    const LayoutContext ctx{measurer, theme};
    const Size size = canvas.size();
    tree_ = test::BuildGallery(size, theme);
    tree_->Measure({size.width, size.height}, ctx);
    tree_->Layout({0, 0, size.width, size.height}, ctx);
    const base::Status drawn = canvas.Render(*tree_, theme);
    EXPECT_TRUE(drawn.ok()) << drawn.ToString();
    auto pixels = canvas.ReadPixels();
    EXPECT_TRUE(pixels.ok()) << pixels.status().ToString();
    return pixels.ok() ? *pixels : std::vector<std::uint32_t>{};
  }

  std::unique_ptr<SdlCanvas> Canvas(Size size) {
    auto canvas = SdlCanvas::Create(size, *fonts_);
    EXPECT_TRUE(canvas.ok()) << canvas.status().ToString();
    return canvas.ok() ? std::move(canvas).value() : nullptr;
  }

  // Pixels of `rect` that differ from `background` by more than a little.
  static int InkIn(const std::vector<std::uint32_t>& px, Size size, Rect rect, Color background) {
    const std::uint32_t bg = 0xFF000000u | (std::uint32_t{background.r} << 16) |
                             (std::uint32_t{background.g} << 8) | background.b;
    int ink = 0;
    for (int y = rect.y; y < rect.bottom(); ++y) {
      for (int x = rect.x; x < rect.right(); ++x) {
        const std::uint32_t p = px[static_cast<std::size_t>(y * size.width + x)];
        const int d = std::abs(static_cast<int>(p & 0xFF) - static_cast<int>(bg & 0xFF));
        if (p != bg && d > 32) ++ink;
      }
    }
    return ink;
  }

  static inline FontChain* fonts_ = nullptr;
  std::unique_ptr<Widget> tree_;
};

TEST_F(GalleryRenderTest, PortraitGalleryMatchesGolden) {
  auto canvas = Canvas(kPortrait);
  ASSERT_NE(canvas, nullptr);
  const auto px = Render(*canvas, Theme::Default());
  GB_EXPECT_RGBA_GOLDEN(px, kPortrait, "tests/ui/golden/gallery_1080x1920.png");
}

TEST_F(GalleryRenderTest, LandscapeGalleryMatchesGolden) {
  auto canvas = Canvas(kLandscape);
  ASSERT_NE(canvas, nullptr);
  const auto px = Render(*canvas, Theme::Default());
  GB_EXPECT_RGBA_GOLDEN(px, kLandscape, "tests/ui/golden/gallery_1920x1080.png");
}

TEST_F(GalleryRenderTest, HighContrastPortraitGalleryMatchesGolden) {
  auto canvas = Canvas(kPortrait);
  ASSERT_NE(canvas, nullptr);
  const auto px = Render(*canvas, Theme::HighContrast());
  GB_EXPECT_RGBA_GOLDEN(px, kPortrait, "tests/ui/golden/gallery_1080x1920_high_contrast.png");
}

TEST_F(GalleryRenderTest, RenderingTwiceGivesIdenticalPixels) {
  auto first = Canvas(kPortrait);
  auto second = Canvas(kPortrait);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const auto a = Render(*first, Theme::Default());
  const auto b = Render(*first, Theme::Default());   // warm text cache
  const auto c = Render(*second, Theme::Default());  // fresh canvas
  ASSERT_EQ(a.size(), std::size_t{1080 * 1920});
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(a == c);

  // Informal frame times with warm text caches: paint alone (clear + tree),
  // and measure + layout + paint. Printed, not asserted (machines differ).
  constexpr int kFrames = 20;
  const Theme theme = Theme::Default();
  SdlTextMeasurer measurer(*fonts_);
  const LayoutContext ctx{measurer, theme};
  auto time_ms = [&](auto&& frame) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kFrames; ++i) frame();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
               .count() /
           kFrames;
  };
  bool ok = true;
  const double paint_ms = time_ms([&] { ok = ok && first->Render(*tree_, theme).ok(); });
  const double full_ms = time_ms([&] {
    tree_->Measure({kPortrait.width, kPortrait.height}, ctx);
    tree_->Layout({0, 0, kPortrait.width, kPortrait.height}, ctx);
    ok = ok && first->Render(*tree_, theme).ok();
  });
  EXPECT_TRUE(ok);
  RecordProperty("paint_ms_1080x1920", std::to_string(paint_ms));
  RecordProperty("frame_ms_1080x1920", std::to_string(full_ms));
  std::printf("gallery at 1080x1920: paint %.2f ms, measure+layout+paint %.2f ms\n", paint_ms,
              full_ms);
}

TEST_F(GalleryRenderTest, CyrillicAndChineseLabelsHaveInk) {
  auto canvas = Canvas(kPortrait);
  ASSERT_NE(canvas, nullptr);
  const Theme theme = Theme::Default();
  const auto px = Render(*canvas, theme);
  for (const char* id : {"deal.title_ru", "deal.title_zh"}) {
    const Widget* label = tree_->FindById(id);
    ASSERT_NE(label, nullptr) << id;
    ASSERT_FALSE(label->rect().empty()) << id;
    const int area = label->rect().width * label->rect().height;
    const int ink = InkIn(px, kPortrait, label->rect(), theme.palette().surface);
    EXPECT_GT(ink, area / 50) << id << " looks empty";
  }
}

// Renders one code point alone and compares it with the missing-glyph box
// (U+E000, a private-use code point no font of the chain has).
TEST_F(GalleryRenderTest, EveryGalleryCodePointHasARealGlyph) {
  const FontSpec font{40, Weight::kRegular};
  auto render = [&](std::string_view cp) {
    auto s = fonts_->RenderLine(cp, font, {0, 0, 0, 255});
    EXPECT_TRUE(s.ok());
    std::vector<std::uint8_t> alpha;
    if (!s.ok()) return alpha;
    for (int y = 0; y < (*s)->h; ++y) {
      const auto* row = reinterpret_cast<const std::uint32_t*>(
          static_cast<const std::uint8_t*>((*s)->pixels) + y * (*s)->pitch);
      for (int x = 0; x < (*s)->w; ++x) alpha.push_back(static_cast<std::uint8_t>(row[x] >> 24));
    }
    SDL_FreeSurface(*s);
    return alpha;
  };
  const auto box = render("\xEE\x80\x80");
  ASSERT_FALSE(fonts_->HasGlyph(0xE000, font));
  int checked = 0;
  for (std::string_view text : {test::kGalleryRussian, test::kGalleryChinese}) {
    for (std::size_t i = 0; i < text.size();) {
      std::size_t n = 1;
      while (i + n < text.size() && (static_cast<std::uint8_t>(text[i + n]) & 0xC0) == 0x80) ++n;
      const std::string_view cp = text.substr(i, n);
      i += n;
      if (cp == " " || cp == "\u00A0") continue;  // spaces have no ink
      const auto glyph = render(cp);
      EXPECT_NE(glyph, box) << "missing glyph for " << cp;
      EXPECT_GT(std::count_if(glyph.begin(), glyph.end(), [](std::uint8_t a) { return a > 128; }),
                0)
          << "no ink for " << cp;
      ++checked;
    }
  }
  EXPECT_GT(checked, 40);
}

TEST_F(GalleryRenderTest, ScreenshotIsWrittenAsPng) {
  auto canvas = Canvas(kLandscape);
  ASSERT_NE(canvas, nullptr);
  Render(*canvas, Theme::Default());
  const std::string path = ::testing::TempDir() + "/gallery_shot.png";
  std::remove(path.c_str());
  const base::Status saved = canvas->SavePng(path);
  ASSERT_TRUE(saved.ok()) << saved.ToString();
  SDL_Surface* back = IMG_Load(path.c_str());
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->w, kLandscape.width);
  EXPECT_EQ(back->h, kLandscape.height);
  SDL_FreeSurface(back);
}

TEST_F(GalleryRenderTest, RoundedRectHasSmoothSymmetricCorners) {
  constexpr Size kSmall{120, 80};
  auto canvas = Canvas(kSmall);
  ASSERT_NE(canvas, nullptr);
  const Widget empty;
  const Theme theme = Theme::Default();
  ASSERT_TRUE(canvas->Render(empty, theme).ok());
  canvas->FillRoundedRect({10, 10, 100, 60}, 20, {0, 0, 0, 255});
  auto px = canvas->ReadPixels();
  ASSERT_TRUE(px.ok());
  auto at = [&](int x, int y) {
    return (*px)[static_cast<std::size_t>(y * kSmall.width + x)] & 0xFF;
  };
  const std::uint32_t bg = theme.palette().background.b;
  EXPECT_EQ(at(10, 10), bg);  // the corner itself is cut away
  EXPECT_EQ(at(60, 40), 0u);  // the middle is filled
  EXPECT_EQ(at(10, 40), 0u);  // the straight left edge is filled
  int partial = 0;
  for (int y = 10; y < 30; ++y) {
    for (int x = 10; x < 30; ++x) {
      if (at(x, y) != 0 && at(x, y) != bg) ++partial;
      // Mirror images: top right, bottom left, bottom right.
      EXPECT_EQ(at(x, y), at(119 - x, y)) << x << "," << y;
      EXPECT_EQ(at(x, y), at(x, 79 - y)) << x << "," << y;
      EXPECT_EQ(at(x, y), at(119 - x, 79 - y)) << x << "," << y;
    }
  }
  EXPECT_GT(partial, 10);  // anti-aliased, not a staircase
}

TEST_F(GalleryRenderTest, CanvasRefusesAnEmptySize) {
  auto canvas = SdlCanvas::Create({0, 100}, *fonts_);
  ASSERT_FALSE(canvas.ok());
  EXPECT_EQ(canvas.status().reason(), "bad_size");
}

}  // namespace
}  // namespace gb::ui
