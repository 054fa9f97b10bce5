#include "drivers/text/ttf_rasterizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "drivers/text/utf8.h"

namespace gb::text {
namespace {

class TtfRasterizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = TtfRasterizer::Create();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    rasterizer_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete rasterizer_;
    rasterizer_ = nullptr;
  }
  const TtfRasterizer& r() const { return *rasterizer_; }

  escpos::Bitmap Render(std::string_view text, bool bold = false, int max_width = 384) const {
    auto b = r().Render(text, 30, bold, max_width);
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    return b.ok() ? *b : escpos::Bitmap();
  }

  static TtfRasterizer* rasterizer_;
};
TtfRasterizer* TtfRasterizerTest::rasterizer_ = nullptr;

TEST_F(TtfRasterizerTest, CyrillicAndChineseHaveRealGlyphs) {
  for (bool bold : {false, true}) {
    for (char32_t cp : DecodeUtf8("Привет,мир团购成功")) {
      EXPECT_TRUE(r().HasGlyph(cp, bold)) << "U+" << std::hex << static_cast<unsigned>(cp);
    }
  }
  EXPECT_FALSE(r().HasGlyph(0x10FFFD, false));  // private use: no font has it
}

TEST_F(TtfRasterizerTest, LineIsInkedAndDiffersFromMissingGlyphBoxes) {
  for (std::string_view text : {"Привет, мир", "团购成功"}) {
    SCOPED_TRACE(std::string(text));
    const escpos::Bitmap line = Render(text);
    EXPECT_EQ(line.height(), 30);
    EXPECT_GT(line.width(), 40);
    EXPECT_LE(line.width(), 384);
    EXPECT_GT(line.CountInk(), 100);
    // The same number of code points that no font has: a row of boxes.
    const std::u32string boxes(DecodeUtf8(text).size(), char32_t{0x10FFFD});
    const escpos::Bitmap missing = Render(EncodeUtf8(boxes));
    EXPECT_NE(line, missing);
    EXPECT_NE(line.CountInk(), missing.CountInk());
  }
}

TEST_F(TtfRasterizerTest, DistinctCharactersRenderDistinctly) {
  EXPECT_NE(Render("团"), Render("购"));
  EXPECT_NE(Render("П"), Render("р"));
}

TEST_F(TtfRasterizerTest, BoldHasMoreInk) {
  EXPECT_GT(Render("Привет", true).CountInk(), Render("Привет", false).CountInk() * 11 / 10);
  EXPECT_GT(Render("团购", true).CountInk(), Render("团购", false).CountInk());
}

TEST_F(TtfRasterizerTest, LongTextWrapsWithinMaxWidth) {
  const escpos::Bitmap b = Render("Привет, мир! 团购成功 Привет, мир! 团购成功", false, 150);
  EXPECT_LE(b.width(), 150);
  EXPECT_GE(b.height(), 3 * 30);
  EXPECT_EQ(b.height() % 30, 0);
  for (int line = 0; line < b.height() / 30; ++line) {
    EXPECT_GT(b.Crop(0, line * 30, b.width(), 30).CountInk(), 0) << "line " << line;
  }
}

TEST_F(TtfRasterizerTest, ControlAndZeroWidthCharactersDoNotFail) {
  using namespace std::string_literals;
  const escpos::Bitmap b = Render("a\0b\x01\tc"s);
  EXPECT_GT(b.width(), Render("abc").width());  // NUL and 0x01 became boxes
  EXPECT_EQ(Render("\u200B").height(), 30);
  EXPECT_EQ(Render("Привет\u200B").height(), 30);
}

TEST_F(TtfRasterizerTest, EmptyTextIsBlankLine) {
  const escpos::Bitmap b = Render("");
  EXPECT_EQ(b.width(), 0);
  EXPECT_EQ(b.height(), 30);
}

TEST_F(TtfRasterizerTest, HeightScalesWithPxHeight) {
  auto small = r().Render("Мир", 30, false, 384);
  auto big = r().Render("Мир", 60, false, 384);
  ASSERT_TRUE(small.ok() && big.ok());
  EXPECT_EQ(big->height(), 60);
  EXPECT_GT(big->width(), small->width() * 3 / 2);
}

// Breaks "несостоявшаяся" after "не" and "несосто" (byte offsets).
class FakeHyphenator final : public base::Hyphenator {
 public:
  std::vector<std::size_t> BreakPoints(std::string_view word) const override {
    if (word == "несостоявшаяся") return {4, 14};
    return {};
  }
};

// Whether the first px rows of `a` and `b` have the same ink.
bool SameFirstLine(const escpos::Bitmap& a, const escpos::Bitmap& b, int px) {
  for (int y = 0; y < px; ++y) {
    for (int x = 0; x < std::max(a.width(), b.width()); ++x) {
      const bool ia = x < a.width() && y < a.height() && a.Get(x, y);
      const bool ib = x < b.width() && y < b.height() && b.Get(x, y);
      if (ia != ib) return false;
    }
  }
  return true;
}

TEST(TtfRasterizerHyphenTest, AWordWiderThanThePaperBreaksWithAHyphenDrawn) {
  auto created = TtfRasterizer::Create();
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  TtfRasterizer& r = **created;
  auto piece = r.Render("несосто-", 30, false, 1 << 16);
  ASSERT_TRUE(piece.ok());
  const int width = piece->width() + 2;  // "несосто-" fits, "несостоя" does not
  auto plain = r.Render("несостоявшаяся", 30, false, width);
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(SameFirstLine(*plain, *piece, 30)) << "split between letters, no hyphen";

  r.set_hyphenator(std::make_unique<FakeHyphenator>());
  auto hyphenated = r.Render("несостоявшаяся", 30, false, width);
  ASSERT_TRUE(hyphenated.ok());
  EXPECT_EQ(hyphenated->height(), 60);
  EXPECT_LE(hyphenated->width(), width);
  EXPECT_TRUE(SameFirstLine(*hyphenated, *piece, 30)) << "the first line is \"несосто-\"";
}

TEST(TtfRasterizerCreateTest, MissingFontNamesFileAndPackage) {
  FontFiles files;
  files.bold = "/nonexistent/DejaVuSans-Bold.ttf";
  auto r = TtfRasterizer::Create(files);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::Code::kNotFound);
  EXPECT_EQ(r.status().reason(), "font_missing");
  EXPECT_NE(r.status().message().find("/nonexistent/DejaVuSans-Bold.ttf"), std::string::npos);
  EXPECT_NE(r.status().message().find("fonts-dejavu-core"), std::string::npos);
}

// Chinese bold comes from a real Bold face (Noto Sans CJK SC, face 2 of the
// .ttc), not from SDL_ttf emboldening the regular outlines.
TEST(TtfRasterizerCreateTest, ChineseBoldIsARealBoldFaceOfNotoSansCjkSc) {
  const FontFiles files;
  auto r = TtfRasterizer::Create(files);
  ASSERT_TRUE(r.ok()) << r.status().ToString() << " (scripts/deps.sh installs fonts-noto-cjk)";
  EXPECT_EQ((*r)->CjkFamily(false), "Noto Sans CJK SC");
  EXPECT_EQ((*r)->CjkFamily(true), "Noto Sans CJK SC");
  EXPECT_EQ((*r)->CjkBoldFile(), files.cjk_bold.path);
  EXPECT_NE((*r)->CjkBoldFile(), files.cjk.path);
  EXPECT_FALSE((*r)->CjkBoldSynthesised());
  EXPECT_EQ((*r)->notice(), "");
  // The two weights draw differently, and bold has more ink.
  auto regular = (*r)->Render("团购成功", 60, false, 384);
  auto bold = (*r)->Render("团购成功", 60, true, 384);
  ASSERT_TRUE(regular.ok() && bold.ok());
  EXPECT_GT(bold->CountInk(), regular->CountInk() * 11 / 10);
}

TEST(TtfRasterizerCreateTest, WithoutNotoCjkFallsBackToWenQuanYiAndSaysSo) {
  FontFiles files;
  files.cjk_bold.path = "/nonexistent/NotoSansCJK-Bold.ttc";
  auto r = TtfRasterizer::Create(files);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE((*r)->CjkBoldSynthesised());
  EXPECT_EQ((*r)->CjkBoldFile(), files.cjk_fallback);
  EXPECT_EQ((*r)->CjkFamily(true), "WenQuanYi Micro Hei");
  EXPECT_EQ((*r)->CjkFamily(false), "WenQuanYi Micro Hei");
  const std::string& notice = (*r)->notice();
  EXPECT_NE(notice.find("/nonexistent/NotoSansCJK-Bold.ttc"), std::string::npos) << notice;
  EXPECT_NE(notice.find("fonts-noto-cjk"), std::string::npos) << notice;
  EXPECT_NE(notice.find("synthesised"), std::string::npos) << notice;
  EXPECT_TRUE((*r)->HasGlyph(U'团', true));
  auto drawn = (*r)->Render("团购", 30, true, 384);
  ASSERT_TRUE(drawn.ok());
  EXPECT_GT(drawn->CountInk(), 100);
}

TEST(TtfRasterizerCreateTest, NoChineseFontAtAllNamesBothFilesAndPackages) {
  FontFiles files;
  files.cjk.path = "/nonexistent/NotoSansCJK-Regular.ttc";
  files.cjk_fallback = "/nonexistent/wqy-microhei.ttc";
  auto r = TtfRasterizer::Create(files);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "font_missing");
  for (const char* want : {"/nonexistent/NotoSansCJK-Regular.ttc", "/nonexistent/wqy-microhei.ttc",
                           "fonts-noto-cjk", "fonts-wqy-microhei"}) {
    EXPECT_NE(r.status().message().find(want), std::string::npos) << r.status().message();
  }
}

TEST(TtfRasterizerCreateTest, UnreadableFontFileIsTtfFailure) {
  FontFiles files;
  files.regular = GB_SOURCE_DIR "/CMakeLists.txt";  // exists, not a font
  auto r = TtfRasterizer::Create(files);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "ttf_failed");
}

}  // namespace
}  // namespace gb::text

namespace gb::text {
namespace {

TEST(TtfRasterizerCacheTest, CachedLinesAreTheLinesDrawnAndEvictionKeepsThemRight) {
  auto r = TtfRasterizer::Create();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto first = (*r)->Render("Цена €599", 30, false, 384);
  ASSERT_TRUE(first.ok());
  // More distinct lines than the cache holds, then the first one again.
  for (size_t i = 0; i < TtfRasterizer::kCachedLines + 10; ++i) {
    ASSERT_TRUE((*r)->Render("line " + std::to_string(i) + " €", 30, false, 384).ok());
  }
  auto again = (*r)->Render("Цена €599", 30, false, 384);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);
  auto cached = (*r)->Render("Цена €599", 30, false, 384);
  EXPECT_EQ(*cached, *first);
  // Each argument is part of the key.
  EXPECT_NE(*(*r)->Render("Цена €599", 30, true, 384), *first);
  EXPECT_NE((*r)->Render("Цена €599", 60, false, 384)->height(), first->height());
  EXPECT_LE((*r)->Render("Цена €599 Цена €599 Цена €599", 30, false, 100)->width(), 100);
}

}  // namespace
}  // namespace gb::text
