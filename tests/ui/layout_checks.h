// Layout checks shared by the screen tests of tests/ui: what a shopper or
// staff member would see as broken, whatever the language or panel size.
// Each failure names the screen (`where`) and the widget's id and place.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "ui/button.h"
#include "ui/label.h"
#include "ui/overlay.h"
#include "ui/widget.h"

namespace gb::ui {

// Every widget inside the screen (empty ones are not drawn).
inline void ExpectInside(const Widget& w, Size size, const std::string& where) {
  const Rect r = w.rect();
  const bool inside = r.x >= 0 && r.y >= 0 && r.right() <= size.width && r.bottom() <= size.height;
  EXPECT_TRUE(inside || r.empty()) << where << ": #" << w.id() << " at " << r.x << "," << r.y << " "
                                   << r.width << "x" << r.height << " leaves the screen";
  for (const auto& child : w.children()) ExpectInside(*child, size, where);
}

// Siblings share no pixel and children stay inside their parent: a layout
// that squeezes one widget over another hides a button or a word.
inline void ExpectNoSiblingOverlap(const Widget& w, const std::string& where) {
  const auto& kids = w.children();
  const Rect p = w.rect();
  for (std::size_t i = 0; i < kids.size(); ++i) {
    const Rect a = kids[i]->rect();
    EXPECT_TRUE(a.empty() ||
                (a.x >= p.x && a.y >= p.y && a.right() <= p.right() && a.bottom() <= p.bottom()))
        << where << ": #" << kids[i]->id() << " at " << a.x << "," << a.y << " " << a.width << "x"
        << a.height << " spills out of its parent #" << w.id() << " at " << p.x << "," << p.y << " "
        << p.width << "x" << p.height;
    // An overlay's sheets lie over its base by design (ui/overlay.h).
    const bool sheets = dynamic_cast<const Overlay*>(&w) != nullptr;
    for (std::size_t j = i + 1; j < kids.size() && !a.empty() && !sheets; ++j) {
      const Rect b = kids[j]->rect();
      const bool overlap =
          !b.empty() && a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
      EXPECT_FALSE(overlap) << where << ": siblings " << i << " (#" << kids[i]->id() << " at "
                            << a.x << "," << a.y << " " << a.width << "x" << a.height << ") and "
                            << j << " (#" << kids[j]->id() << " at " << b.x << "," << b.y << " "
                            << b.width << "x" << b.height << ") overlap";
    }
  }
  for (const auto& child : kids) ExpectNoSiblingOverlap(*child, where);
}

// No button caption and no text under w is cut short with an ellipsis.
inline void ExpectNothingEllipsized(const Widget& w, const std::string& where) {
  if (const auto* b = dynamic_cast<const Button*>(&w)) {
    EXPECT_EQ(b->shown_caption(), b->caption()) << where << ": #" << b->id() << " is cut short";
  }
  if (const auto* l = dynamic_cast<const Label*>(&w); l != nullptr && !l->lines().empty()) {
    std::string shown;
    for (const std::string& line : l->lines()) shown += line;
    EXPECT_EQ(shown.find("\xE2\x80\xA6"), l->text().find("\xE2\x80\xA6"))
        << where << ": \"" << l->text() << "\" is cut short";
  }
  for (const auto& child : w.children()) ExpectNothingEllipsized(*child, where);
}

// Everything inside the screen, siblings apart, children inside parents.
inline void ExpectLaidOut(const Widget& w, Size size, const std::string& where) {
  ExpectInside(w, size, where);
  ExpectNoSiblingOverlap(w, where);
}

}  // namespace gb::ui
