// FontChain's Chinese faces: a real bold face (Noto Sans CJK SC Bold) for
// Weight::kBold, WenQuanYi Micro Hei for regular, and the synthesised bold
// when the Noto file is missing, with the same line boxes either way.
#include "ui/sdl/font_chain.h"

#include <SDL.h>
#include <gtest/gtest.h>

#include <string>

namespace gb::ui {
namespace {

TEST(FontChainTest, ChineseBoldIsTheBoldFaceOfNotoSansCjkScAndRegularIsWenQuanYi) {
  auto fonts = FontChain::Create();
  ASSERT_TRUE(fonts.ok()) << fonts.status().ToString();
  EXPECT_EQ((*fonts)->CjkFamily(Weight::kBold), "Noto Sans CJK SC");
  EXPECT_EQ((*fonts)->CjkFamily(Weight::kRegular), "WenQuanYi Micro Hei");
  EXPECT_TRUE((*fonts)->notice().empty()) << (*fonts)->notice();
  EXPECT_TRUE((*fonts)->HasGlyph(U'团', {40, Weight::kBold}));
}

TEST(FontChainTest, WithoutNotoBoldChineseIsSynthesisedAndTheNoticeSaysSo) {
  FontFiles files;
  files.cjk_bold = "/nonexistent/NotoSansCJK-Bold.ttc";
  auto fonts = FontChain::Create(files);
  ASSERT_TRUE(fonts.ok()) << fonts.status().ToString();
  EXPECT_EQ((*fonts)->CjkFamily(Weight::kBold), "WenQuanYi Micro Hei");
  EXPECT_NE((*fonts)->notice().find(files.cjk_bold), std::string::npos);
  EXPECT_NE((*fonts)->notice().find("fonts-noto-cjk"), std::string::npos);
}

// Lines keep the boxes they had with the synthesised bold, so no English or
// Russian screen moves; the Noto glyphs are drawn inside them.
TEST(FontChainTest, TheRealBoldKeepsTheLineBoxAndDrawsInsideIt) {
  auto noto = FontChain::Create();
  FontFiles files;
  files.cjk_bold = "/nonexistent/NotoSansCJK-Bold.ttc";
  auto wqy = FontChain::Create(files);
  ASSERT_TRUE(noto.ok() && wqy.ok());
  for (int px : {24, 40, 56, 72}) {
    for (Weight w : {Weight::kRegular, Weight::kBold}) {
      EXPECT_EQ((*noto)->LineHeight({px, w}), (*wqy)->LineHeight({px, w})) << px;
      EXPECT_EQ((*noto)->Width("Join now · Участвовать", {px, w}),
                (*wqy)->Width("Join now · Участвовать", {px, w}));
    }
    // Ink in the top and the bottom row of the box would mean a glyph cut off.
    auto s = (*noto)->RenderLine("团购成功，谢谢！", {px, Weight::kBold}, {0, 0, 0, 255});
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(SDL_LockSurface(*s), 0);
    const auto* pixels = static_cast<const Uint32*>((*s)->pixels);
    const int stride = (*s)->pitch / 4;
    int ink = 0;
    int edge_ink = 0;
    for (int y = 0; y < (*s)->h; ++y) {
      for (int x = 0; x < (*s)->w; ++x) {
        const bool inked = (pixels[y * stride + x] >> 24) > 0x80;
        ink += inked;
        edge_ink += inked && (y == 0 || y == (*s)->h - 1);
      }
    }
    SDL_UnlockSurface(*s);
    SDL_FreeSurface(*s);
    EXPECT_GT(ink, px * 4) << px;
    EXPECT_EQ(edge_ink, 0) << px;
  }
}

}  // namespace
}  // namespace gb::ui
