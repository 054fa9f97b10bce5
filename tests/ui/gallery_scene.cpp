#include "tests/ui/gallery_scene.h"

#include <string>

#include "ui/button.h"
#include "ui/column.h"
#include "ui/label.h"
#include "ui/progress_bar.h"
#include "ui/row.h"

namespace gb::ui::test {
namespace {

std::unique_ptr<Column> Texts(const Theme& theme) {
  auto col = std::make_unique<Column>();
  col->set_spacing(theme.spacing());
  col->Add(std::make_unique<Label>("Organic olive oil, 1\u00A0L: buy together and save",
                                   theme.type().display, "deal.title"));
  col->Add(
      std::make_unique<Label>(std::string(kGalleryRussian), theme.type().body, "deal.title_ru"));
  col->Add(
      std::make_unique<Label>(std::string(kGalleryChinese), theme.type().body, "deal.title_zh"));
  col->Add(std::make_unique<Label>("\xE2\x82\xAC"
                                   "8.90 instead of \xE2\x82\xAC"
                                   "12.50",
                                   theme.type().title, "deal.price"))
      ->set_role(TextRole::kAccent);
  return col;
}

std::unique_ptr<Column> Actions(const Theme& theme) {
  auto col = std::make_unique<Column>();
  col->set_spacing(theme.spacing());
  auto* bar = col->Add(std::make_unique<ProgressBar>("deal.progress"));
  bar->Set(7, 10);
  col->Add(std::make_unique<Label>("7 of 10 joined", theme.type().caption, "deal.progress_text"))
      ->set_role(TextRole::kMuted);
  auto* buttons = col->Add(std::make_unique<Row>());
  buttons->set_spacing(theme.spacing());
  buttons->Add(std::make_unique<Button>("Join", "deal.join"))->set_flex(1);
  auto* deposit = buttons->Add(std::make_unique<Button>("Pay deposit", "deal.deposit"));
  deposit->set_enabled(false);
  deposit->set_flex(1);
  return col;
}

}  // namespace

std::unique_ptr<Widget> BuildGallery(Size screen, const Theme& theme) {
  auto root = std::make_unique<Column>("gallery");
  root->set_padding(theme.padding()).set_spacing(theme.spacing());
  root->Add(std::make_unique<Label>("Widget gallery", theme.type().caption))
      ->set_role(TextRole::kMuted);
  const bool portrait = screen.height > screen.width;
  std::unique_ptr<Box> card;
  if (portrait) {
    card = std::make_unique<Column>("deal.card");
  } else {
    card = std::make_unique<Row>("deal.card");
  }
  card->set_padding(theme.padding()).set_spacing(2 * theme.spacing());
  card->set_surface(Surface::kCard, theme.corner_radius());
  card->set_cross_align(portrait ? CrossAlign::kStretch : CrossAlign::kCenter);
  Widget* texts = card->Add(Texts(theme));
  Widget* actions = card->Add(Actions(theme));
  if (!portrait) {
    texts->set_flex(1);
    actions->set_flex(1);
  }
  root->Add(std::move(card));
  return root;
}

}  // namespace gb::ui::test
