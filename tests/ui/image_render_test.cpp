// Catalog pictures through SdlCanvas::DrawImage: a PNG from the image folder
// covers the widget; a missing file, a key with a path in it, or no folder at
// all gives the tinted stand-in.
#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/support/scoped_temp_dir.h"
#include "ui/image.h"
#include "ui/sdl/font_chain.h"
#include "ui/sdl/sdl_canvas.h"
#include "ui/sdl/sdl_text_measurer.h"

namespace gb::ui {
namespace {

constexpr Size kSize{200, 150};

// The ARGB word at the centre of the frame after drawing `image`.
std::uint32_t CentreAfterDrawing(Image& image, const std::string& dir) {
  auto fonts = FontChain::Create();
  EXPECT_TRUE(fonts.ok());
  if (!fonts.ok()) return 0;
  auto canvas = SdlCanvas::Create(kSize, **fonts);
  EXPECT_TRUE(canvas.ok());
  if (!canvas.ok()) return 0;
  (*canvas)->set_image_dir(dir);
  const Theme theme = Theme::Default();
  SdlTextMeasurer measurer(**fonts);
  const LayoutContext ctx{measurer, theme};
  image.Measure({kSize.width, kSize.height}, ctx);
  image.Layout({0, 0, kSize.width, kSize.height}, ctx);
  EXPECT_TRUE((*canvas)->Render(image, theme).ok());
  auto px = (*canvas)->ReadPixels();
  EXPECT_TRUE(px.ok());
  // Just off the centre: the stand-in's initials sit in the middle.
  return px.ok() ? (*px)[static_cast<std::size_t>(10 * kSize.width + 10)] : 0;
}

std::uint32_t Argb(Color c) {
  return 0xFF000000u | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

TEST(ImageRenderTest, APictureCoversTheWidgetAndAMissingOneShowsTheStandIn) {
  test::ScopedTempDir dir;
  ASSERT_TRUE(dir.ok());
  SDL_Surface* red = SDL_CreateRGBSurfaceWithFormat(0, 40, 30, 32, SDL_PIXELFORMAT_ARGB8888);
  ASSERT_NE(red, nullptr);
  SDL_FillRect(red, nullptr, SDL_MapRGB(red->format, 0xD0, 0x10, 0x10));
  ASSERT_EQ(IMG_SavePNG(red, dir.File("sofa.png").c_str()), 0);
  SDL_FreeSurface(red);

  Image photo("sofa.png", "Sofa", 150);
  EXPECT_EQ(CentreAfterDrawing(photo, dir.str()), 0xFFD01010u);

  Image missing("lamp.png", "Lamp", 150);
  EXPECT_EQ(CentreAfterDrawing(missing, dir.str()), Argb(missing.tint()));
  Image escaping("../sofa.png", "Sofa", 150);
  EXPECT_EQ(CentreAfterDrawing(escaping, dir.str()), Argb(escaping.tint()));
  Image no_dir("sofa.png", "Sofa", 150);
  EXPECT_EQ(CentreAfterDrawing(no_dir, ""), Argb(no_dir.tint()));
}

}  // namespace
}  // namespace gb::ui
