// KioskView: the app's view model on pixels. Builds the current screen's
// widget tree (ui/views) when the app's revision, the size or the pressed
// key changed, lays it out and paints it into an offscreen SdlCanvas (which
// the display then shows, and screenshots save). Labels hyphenate words too
// wide for a line with Debian's Russian and English dictionaries.
// Not thread-safe: the UI thread's.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "kiosk/app/enroll_flow.h"
#include "drivers/hyphen/lib_hyphenator.h"
#include "kiosk/app/kiosk_app.h"
#include "ui/sdl/font_chain.h"
#include "ui/sdl/sdl_canvas.h"
#include "ui/sdl/sdl_text_measurer.h"
#include "ui/theme.h"
#include "ui/widget.h"

namespace gb::shell {

class KioskView {
 public:
  // Fails with FontChain's, LibHyphenator's ("hyphen_missing" names the
  // dictionary and its package) or SdlCanvas's reasons. `image_dir` holds the
  // catalog's pictures (may not exist: cards then show their stand-ins).
  static base::Result<std::unique_ptr<KioskView>> Create(ui::Size size, std::string image_dir);

  // Draws a new frame if anything changed since the last one; returns
  // whether it did (the display presents only then).
  base::Result<bool> Render(const app::KioskApp& app);
  // The same for the enrolment screen of a kiosk with no identity yet.
  base::Result<bool> Render(const app::EnrollFlow& flow);
  // The next Render draws whatever the revision (the shell switched from
  // the enrolment screen to the app, whose revisions count apart).
  void Invalidate() { dirty_ = true; }
  // The next Render draws at the new size.
  base::Status Resize(ui::Size size);

  ui::Size size() const { return canvas_->size(); }
  // The tree of the last Render (never null after a Render).
  const ui::Widget* root() const { return root_.get(); }
  std::optional<std::string> HitTestId(ui::Point p) const;
  // Shows the button with this id pressed (empty: none) from the next Render.
  void SetPressed(std::string id);
  const std::string& pressed() const { return pressed_; }
  ui::SdlCanvas& canvas() { return *canvas_; }

 private:
  KioskView(std::unique_ptr<ui::FontChain> fonts,
            std::unique_ptr<hyphen::LibHyphenator> hyphenator, std::string image_dir);
  // Presses, lays out and paints a freshly built tree.
  base::Status Paint(std::unique_ptr<ui::Widget> root, uint64_t revision);

  std::unique_ptr<ui::FontChain> fonts_;
  ui::SdlTextMeasurer measurer_;
  std::unique_ptr<hyphen::LibHyphenator> hyphenator_;
  ui::Theme theme_ = ui::Theme::Default();
  std::string image_dir_;
  std::unique_ptr<ui::SdlCanvas> canvas_;
  std::unique_ptr<ui::Widget> root_;
  uint64_t drawn_revision_ = 0;
  bool dirty_ = true;
  std::string pressed_;
};

}  // namespace gb::shell
