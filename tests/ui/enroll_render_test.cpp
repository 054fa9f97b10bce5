// The enrolment screen (ui/views/enroll_view.cpp) rendered headless with the
// software renderer: empty, connecting and refused, in English, Russian and
// Chinese, portrait and landscape, against golden screenshots (half size,
// as tests/ui/views_render_test.cpp); nothing past the screen's edge, no
// overlapping siblings, the fixed ids, the code keyboard's Base32 keys, and
// every refusal in words of the catalog.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "drivers/hyphen/lib_hyphenator.h"
#include "kiosk/app/enroll_flow.h"
#include "tests/ui/layout_checks.h"
#include "tests/ui/rgba_golden.h"
#include "ui/button.h"
#include "ui/keyboard.h"
#include "ui/label.h"
#include "ui/sdl/font_chain.h"
#include "ui/sdl/sdl_canvas.h"
#include "ui/sdl/sdl_text_measurer.h"
#include "ui/views/metrics.h"
#include "ui/views/views.h"

namespace gb::ui {
namespace {

// A code as enroll-code prints it (the field shows its end).
constexpr char kTyped[] =
    "AEAAAAAAGZQ3LAQFAEIDAAAABOHGIN4SZ2K6E4L7N5QW2Y3FMFZGKZDPOVZWK3DJNZTXEZLU";

app::EnrollView Scene(const std::string& name, i18n::Lang lang) {
  app::EnrollView v;
  v.lang = lang;
  if (name == "enroll-connecting") {
    v.typed = kTyped;
    v.phase = app::EnrollPhase::kConnecting;
  } else if (name == "enroll-refused") {
    v.typed = kTyped;
    v.phase = app::EnrollPhase::kRefused;
    v.error = "pin_mismatch";  // the longest refusal
  }
  return v;
}

struct Rendered {
  std::unique_ptr<Widget> tree;
  std::vector<std::uint32_t> pixels;
};

class EnrollRenderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto fonts = FontChain::Create();
    ASSERT_TRUE(fonts.ok()) << fonts.status().ToString();
    fonts_ = std::move(fonts).value().release();
    auto hyph = hyphen::LibHyphenator::Create();
    ASSERT_TRUE(hyph.ok()) << hyph.status().ToString();
    hyph_ = std::move(hyph).value().release();
  }
  static void TearDownTestSuite() {
    delete fonts_;
    fonts_ = nullptr;
    delete hyph_;
    hyph_ = nullptr;
  }

  static Rendered Render(const app::EnrollView& v, Size size) {
    Rendered r;
    const Theme theme = Theme::Default().Scaled(views::Scale(size));
    SdlTextMeasurer measurer(*fonts_);
    const LayoutContext ctx{measurer, theme, hyph_};
    r.tree = views::BuildEnrollScreen(v, i18n::Catalog::For(v.lang), size);
    r.tree->Measure({size.width, size.height}, ctx);
    r.tree->Layout({0, 0, size.width, size.height}, ctx);
    auto canvas = SdlCanvas::Create(size, *fonts_);
    EXPECT_TRUE(canvas.ok());
    if (!canvas.ok()) return r;
    EXPECT_TRUE((*canvas)->Render(*r.tree, theme).ok());
    auto px = (*canvas)->ReadPixels();
    EXPECT_TRUE(px.ok());
    if (px.ok()) r.pixels = std::move(*px);
    return r;
  }

  static inline FontChain* fonts_ = nullptr;
  static inline hyphen::LibHyphenator* hyph_ = nullptr;
};

using Param = std::tuple<std::string, i18n::Lang, bool>;

class EnrollScreenTest : public EnrollRenderTest, public ::testing::WithParamInterface<Param> {};

TEST_P(EnrollScreenTest, FitsTheScreenAndMatchesGolden) {
  const auto& [scene, lang, landscape] = GetParam();
  const Size size = landscape ? Size{1920, 1080} : Size{1080, 1920};
  Rendered r = Render(Scene(scene, lang), size);
  ASSERT_FALSE(r.pixels.empty());
  const std::string name = scene + "_" + std::string(i18n::LangCode(lang)) + "_" +
                           std::to_string(size.width) + "x" + std::to_string(size.height);
  ExpectLaidOut(*r.tree, size, name);
  ExpectNothingEllipsized(*r.tree, name);
  for (const char* id : {"screen-enroll", "enroll-code", "enroll-submit", "lang-en", "lang-ru",
                         "lang-zh", "kb-back", "kb-clear"}) {
    EXPECT_NE(r.tree->FindById(id), nullptr) << name << " lacks #" << id;
  }
  // No staff corner: a kiosk with no identity has no staff.
  EXPECT_EQ(r.tree->FindById("staff"), nullptr) << name;
  GB_EXPECT_RGBA_GOLDEN(test::HalfSize(r.pixels, size), (Size{size.width / 2, size.height / 2}),
                        "tests/ui/golden/views/" + name + ".png");
}

std::string ParamName(const ::testing::TestParamInfo<Param>& info) {
  std::string scene = std::get<0>(info.param);
  for (char& c : scene) {
    if (c == '-') c = '_';
  }
  return scene + "_" + std::string(i18n::LangCode(std::get<1>(info.param))) +
         (std::get<2>(info.param) ? "_landscape" : "_portrait");
}

INSTANTIATE_TEST_SUITE_P(
    EnrollScreens, EnrollScreenTest,
    ::testing::Combine(::testing::Values("enroll", "enroll-connecting", "enroll-refused"),
                       ::testing::Values(i18n::Lang::kEn, i18n::Lang::kRu, i18n::Lang::kZh),
                       ::testing::Bool()),
    ParamName);

TEST_F(EnrollRenderTest, SizesBetweenTheTwoPanelsFitToo) {
  for (Size size : {Size{1200, 1600}, Size{1440, 1440}, Size{1600, 1200}, Size{1920, 1200}}) {
    for (const char* scene : {"enroll", "enroll-connecting", "enroll-refused"}) {
      for (i18n::Lang lang : i18n::kAllLangs) {
        Rendered r = Render(Scene(scene, lang), size);
        const std::string where = std::string(scene) + "_" + std::string(i18n::LangCode(lang)) +
                                  "_" + std::to_string(size.width) + "x" +
                                  std::to_string(size.height);
        ExpectLaidOut(*r.tree, size, where);
        ExpectNothingEllipsized(*r.tree, where);
      }
    }
  }
}

TEST_F(EnrollRenderTest, TheStatusSaysWhatHappensInTheScreensLanguage) {
  const Size size{1080, 1920};
  Rendered empty = Render(Scene("enroll", i18n::Lang::kEn), size);
  EXPECT_EQ(empty.tree->FindById("enroll-status"), nullptr);  // nothing to say yet
  EXPECT_EQ(empty.tree->FindById("enroll-code")->AutomationText(), "");
  Rendered busy = Render(Scene("enroll-connecting", i18n::Lang::kEn), size);
  EXPECT_EQ(busy.tree->FindById("enroll-status")->AutomationText(), "Connecting to the store…");
  EXPECT_EQ(busy.tree->FindById("enroll-code")->AutomationText(), std::string("GBE1:") + kTyped);
  // While connecting, Enrol cannot be pressed again.
  EXPECT_FALSE(dynamic_cast<const Button*>(busy.tree->FindById("enroll-submit"))->enabled());
  Rendered ru = Render(Scene("enroll-connecting", i18n::Lang::kRu), size);
  EXPECT_EQ(ru.tree->FindById("enroll-status")->AutomationText(),
            i18n::Catalog::For(i18n::Lang::kRu).Text("enroll.connecting"));
}

TEST_F(EnrollRenderTest, EveryRefusalHasItsOwnWordsAndAnUnknownOneNamesItsReason) {
  const Size size{1920, 1080};
  for (const char* reason :
       {"code_used", "code_expired", "code_unknown", "pin_mismatch", "bad_enroll_code",
        "unreachable", "timeout", "kiosk_exists", "not_a_code", "no_code", "not_a_store"}) {
    for (i18n::Lang lang : i18n::kAllLangs) {
      app::EnrollView v = Scene("enroll-refused", lang);
      v.error = reason;
      const i18n::Catalog& cat = i18n::Catalog::For(lang);
      ASSERT_TRUE(cat.Has(std::string("enroll.error.") + reason)) << reason;
      Rendered r = Render(v, size);
      const Widget* status = r.tree->FindById("enroll-status");
      ASSERT_NE(status, nullptr) << reason;
      EXPECT_EQ(status->AutomationText(), cat.Text(std::string("enroll.error.") + reason));
      ExpectNothingEllipsized(*r.tree, reason);
      EXPECT_TRUE(dynamic_cast<const Button*>(r.tree->FindById("enroll-submit"))->enabled());
    }
  }
  app::EnrollView v = Scene("enroll-refused", i18n::Lang::kEn);
  v.error = "rate_limited";
  Rendered r = Render(v, size);
  EXPECT_NE(r.tree->FindById("enroll-status")->AutomationText().find("rate_limited"),
            std::string::npos);
}

TEST_F(EnrollRenderTest, TheKeyboardHasTheCodesAlphabetAndNothingElse) {
  Rendered r = Render(Scene("enroll", i18n::Lang::kZh), Size{1080, 1920});
  for (char32_t c : std::u32string(U"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")) {
    EXPECT_NE(r.tree->FindById(KeyboardKeyId(c)), nullptr) << KeyboardKeyId(c);
  }
  for (const char* id : {"kb-30", "kb-31", "kb-38", "kb-39", "kb-61", "kb-shift", "kb-space"}) {
    EXPECT_EQ(r.tree->FindById(id), nullptr) << id;
  }
}

}  // namespace
}  // namespace gb::ui
