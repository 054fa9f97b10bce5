#include "kiosk/shell/kiosk_view.h"

#include "core/base/log.h"
#include "ui/button.h"
#include "ui/views/metrics.h"
#include "ui/views/views.h"

namespace gb::shell {

KioskView::KioskView(std::unique_ptr<ui::FontChain> fonts,
                     std::unique_ptr<hyphen::LibHyphenator> hyphenator, std::string image_dir)
    : fonts_(std::move(fonts)),
      measurer_(*fonts_),
      hyphenator_(std::move(hyphenator)),
      image_dir_(std::move(image_dir)) {}

base::Result<std::unique_ptr<KioskView>> KioskView::Create(ui::Size size, std::string image_dir) {
  GB_ASSIGN_OR_RETURN(std::unique_ptr<ui::FontChain> fonts, ui::FontChain::Create());
  // The screen still shows everything; the operator should know bold Chinese is smeared.
  if (!fonts->notice().empty()) base::LogWarning("screen: " + fonts->notice());
  GB_ASSIGN_OR_RETURN(std::unique_ptr<hyphen::LibHyphenator> hyphenator,
                      hyphen::LibHyphenator::Create());
  std::unique_ptr<KioskView> view(
      new KioskView(std::move(fonts), std::move(hyphenator), std::move(image_dir)));
  GB_RETURN_IF_ERROR(view->Resize(size));
  return view;
}

base::Status KioskView::Resize(ui::Size size) {
  if (canvas_ && canvas_->size() == size) return base::Status::Ok();
  GB_ASSIGN_OR_RETURN(canvas_, ui::SdlCanvas::Create(size, *fonts_));
  canvas_->set_image_dir(image_dir_);
  // Between the reference panels everything scales alike (ui/views/metrics.h).
  theme_ = ui::Theme::Default().Scaled(views::Scale(size));
  dirty_ = true;
  return base::Status::Ok();
}

void KioskView::SetPressed(std::string id) {
  if (id == pressed_) return;
  pressed_ = std::move(id);
  dirty_ = true;
}

std::optional<std::string> KioskView::HitTestId(ui::Point p) const {
  if (!root_) return std::nullopt;
  return root_->HitTestId(p);
}

base::Result<bool> KioskView::Render(const app::KioskApp& app) {
  if (!dirty_ && app.revision() == drawn_revision_ && root_) return false;
  const i18n::Catalog& cat = i18n::Catalog::For(app.view().lang);
  GB_RETURN_IF_ERROR(Paint(views::BuildScreen(app.view(), cat, canvas_->size()), app.revision()));
  return true;
}

base::Result<bool> KioskView::Render(const app::EnrollFlow& flow) {
  if (!dirty_ && flow.revision() == drawn_revision_ && root_) return false;
  const i18n::Catalog& cat = i18n::Catalog::For(flow.view().lang);
  GB_RETURN_IF_ERROR(
      Paint(views::BuildEnrollScreen(flow.view(), cat, canvas_->size()), flow.revision()));
  return true;
}

base::Status KioskView::Paint(std::unique_ptr<ui::Widget> root, uint64_t revision) {
  const ui::Size size = canvas_->size();
  root_ = std::move(root);
  if (!pressed_.empty()) {
    // Only buttons show a press; other ids (cards, fields) act on release.
    if (auto* b = dynamic_cast<ui::Button*>(root_->FindById(pressed_))) b->set_pressed(true);
  }
  const ui::LayoutContext ctx{measurer_, theme_, hyphenator_.get()};
  root_->Measure({size.width, size.height}, ctx);
  root_->Layout({0, 0, size.width, size.height}, ctx);
  GB_RETURN_IF_ERROR(canvas_->Render(*root_, theme_));
  drawn_revision_ = revision;
  dirty_ = false;
  return base::Status::Ok();
}

}  // namespace gb::shell
