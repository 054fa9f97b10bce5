// The fixture the screen tests of tests/ui share (views_render_test.cpp and
// the wall, shopper and staff families beside it): the fonts, loaded once per
// suite, and Render, which builds a screen from a view model, lays it out
// and paints it with the software renderer as the kiosk does. Plus helpers
// to read what a screen shows.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "drivers/hyphen/lib_hyphenator.h"
#include "kiosk/app/view_model.h"
#include "tests/ui/kiosk_scenes.h"
#include "ui/geometry.h"
#include "ui/sdl/font_chain.h"
#include "ui/widget.h"

namespace gb::ui {

inline constexpr Size kPortrait{1080, 1920};
inline constexpr Size kLandscape{1920, 1080};

struct Rendered {
  std::unique_ptr<Widget> tree;
  std::vector<std::uint32_t> pixels;  // ARGB8888, row by row
};

// One suite (ViewsRenderTest) over several files: the same class everywhere.
class ViewsRenderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static Rendered Render(const std::string& scene, i18n::Lang lang, Size size) {
    return Render(test::Scene(scene, lang), size);
  }
  // Built at `size` with the theme scaled as the shell scales it.
  static Rendered Render(const app::ViewModel& vm, Size size);

  static inline FontChain* fonts_ = nullptr;
  // Debian's dictionaries, as the kiosk's view uses them.
  static inline hyphen::LibHyphenator* hyph_ = nullptr;
};

// Every label's text and button's caption under w, one a line, whatever
// a container reports to scripts.
std::string ShownText(const Widget& w);

// Every widget with an id in `calm` is at the same place in `busy`.
void ExpectNothingMoved(const Widget& calm, const Widget& busy, const std::string& where);

// No label marked essential under w is cut with an ellipsis; counts them in `seen`.
void ExpectEssentialsWhole(const Widget& w, const std::string& where, int& seen);

// No label under w ends a line inside a word (between two letters or
// digits of Latin or Cyrillic) unless the line ends in a hyphen the text
// does not have there; counts such hyphenated line ends in `hyphenated`.
// The lines, without those hyphens, must spell the label's text.
void ExpectWordsBrokenOnlyWithAHyphen(const Widget& w, const std::string& where, int& hyphenated);

}  // namespace gb::ui
