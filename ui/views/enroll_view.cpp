// The enrolment screen of a kiosk with no identity yet: what to do in one
// big line, a hint for the installer, the code as scanned or typed, the
// code keyboard (Base32: A-Z, 2-7), Enrol, and what is happening or why the
// store said no. Portrait stacks them; landscape puts the keyboard on the
// right. No staff corner: there is no staff yet.
#include <memory>

#include "kiosk/app/enroll_flow.h"
#include "ui/button.h"
#include "ui/column.h"
#include "ui/field.h"
#include "ui/keyboard.h"
#include "ui/label.h"
#include "ui/row.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

// The progress banner's background: a calm blue, dark text keeps 7:1 on it.
constexpr ui::Color kProgressFill{0xDC, 0xEB, 0xFA, 0xFF};
constexpr ui::Color kDoneFill{0xD9, 0xF0, 0xDA, 0xFF};

std::unique_ptr<ui::Widget> TopBar(const app::EnrollView& v, const i18n::Catalog& cat,
                                   const Metrics& m) {
  auto bar = std::make_unique<ui::Row>();
  bar->set_padding(m.Px(16)).set_spacing(m.Px(16)).set_cross_align(ui::CrossAlign::kCenter);
  auto* brand =
      bar->Add(std::make_unique<ui::Label>(cat.Text("app.brand"), m.Font(36, ui::Weight::kBold)));
  brand->set_max_lines(2).set_role(ui::TextRole::kMuted);
  brand->set_flex(1);
  for (i18n::Lang lang : i18n::kAllLangs) {
    const std::string code(i18n::LangCode(lang));
    // Each language is named in its own words (as on every other screen).
    auto* b = bar->Add(std::make_unique<ui::Button>(i18n::Catalog::For(lang).Text("language.name"),
                                                    "lang-" + code));
    b->set_secondary(lang != v.lang).set_padding(m.Px(16));
  }
  return bar;
}

// What is happening, or why the store (or the code itself) said no.
std::unique_ptr<ui::Widget> Status(const app::EnrollView& v, const i18n::Catalog& cat,
                                   const Metrics& m) {
  std::string text;
  ui::Color fill = kProgressFill;
  switch (v.phase) {
    case app::EnrollPhase::kEntering:
      return nullptr;
    case app::EnrollPhase::kConnecting:
      text = cat.Text("enroll.connecting");
      break;
    case app::EnrollPhase::kEnrolled:
      text = cat.Text("enroll.done");
      fill = kDoneFill;
      break;
    case app::EnrollPhase::kRefused: {
      const std::string key = "enroll.error." + v.error;
      text = cat.Has(key) ? cat.Text(key) : cat.Text("enroll.error.unknown", {{"reason", v.error}});
      fill = kErrorFill;
      break;
    }
  }
  auto box = std::make_unique<ui::Column>(std::string(app::kEnrollStatusId));
  box->set_padding(m.Px(24)).set_fill(fill, m.Px(20));
  box->Add(std::make_unique<ui::Label>(std::move(text), m.Font(40, ui::Weight::kBold)))
      ->set_max_lines(6);
  return box;
}

// Every button under w enabled or not.
void EnableButtons(ui::Widget& w, bool enabled) {
  if (auto* b = dynamic_cast<ui::Button*>(&w)) b->set_enabled(enabled);
  for (const auto& child : w.children()) EnableButtons(*child, enabled);
}

// While the store is being asked the keys do nothing, and look it.
std::unique_ptr<ui::Widget> Keys(const app::EnrollView& v, const i18n::Catalog& cat,
                                 const Metrics& m) {
  auto keys = std::make_unique<ui::Keyboard>(ui::KeyboardLayout::kCode, true,
                                             ui::KeyboardCaptions{"", cat.Text("enroll.clear")},
                                             m.Px(m.landscape() ? 140 : 150));
  EnableButtons(*keys,
                v.phase == app::EnrollPhase::kEntering || v.phase == app::EnrollPhase::kRefused);
  return keys;
}

}  // namespace

std::unique_ptr<ui::Widget> BuildEnrollScreen(const app::EnrollView& v, const i18n::Catalog& cat,
                                              ui::Size size) {
  const Metrics m(size);
  const bool landscape = m.landscape();
  auto root = std::make_unique<ui::Column>("screen-enroll");
  root->Add(TopBar(v, cat, m));

  auto* body = root->Add(std::make_unique<ui::Row>());
  body->set_padding(m.Px(48));
  body->set_spacing(m.Px(48)).set_cross_align(ui::CrossAlign::kStart);
  body->set_flex(1);
  auto* text = body->Add(std::make_unique<ui::Column>());
  text->set_spacing(m.Px(32)).set_flex(1);

  text->Add(std::make_unique<ui::Label>(cat.Text("enroll.title"), m.Font(72, ui::Weight::kBold)))
      ->set_max_lines(2);
  text->Add(std::make_unique<ui::Label>(cat.Text("enroll.hint"), m.Font(36)))
      ->set_max_lines(3)
      .set_role(ui::TextRole::kMuted);
  const std::string shown = v.typed.empty() ? std::string() : "GBE1:" + v.typed;
  auto* field = text->Add(std::make_unique<ui::Field>(shown, cat.Text("enroll.field_hint"),
                                                      std::string(app::kEnrollCodeId)));
  field->set_focused(v.phase == app::EnrollPhase::kEntering);
  field->set_error(v.phase == app::EnrollPhase::kRefused);
  if (auto status = Status(v, cat, m)) text->Add(std::move(status));

  // The keyboard right under the field in portrait, on the right in
  // landscape; Enrol follows what the installer typed on.
  if (landscape) {
    auto* keys_column = body->Add(std::make_unique<ui::Column>());
    keys_column->set_flex(1);
    keys_column->Add(Keys(v, cat, m));
  } else {
    text->Add(Keys(v, cat, m));
  }
  auto* submit = text->Add(
      std::make_unique<ui::Button>(cat.Text("enroll.submit"), std::string(app::kEnrollSubmitId)));
  submit->set_enabled(v.phase == app::EnrollPhase::kEntering ||
                      v.phase == app::EnrollPhase::kRefused);
  return root;
}

}  // namespace gb::views
