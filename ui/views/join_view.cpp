// Join: the phone on the keypad, an optional name on the keyboard, consent
// in one sentence, confirm. One input pad at a time, for the focused field.
#include <memory>

#include "ui/views/phone_groups.h"
#include "ui/button.h"
#include "ui/column.h"
#include "ui/field.h"
#include "ui/keyboard.h"
#include "ui/keypad.h"
#include "ui/label.h"
#include "ui/row.h"
#include "ui/spacer.h"
#include "ui/toggle.h"
#include "ui/views/metrics.h"
#include "ui/views/view_text.h"
#include "ui/views/views.h"

namespace gb::views {
namespace {

std::unique_ptr<ui::Widget> Pad(const app::JoinForm& form, const i18n::Catalog& cat,
                                const Metrics& m) {
  const bool landscape = m.landscape();
  if (form.focus == app::InputFocus::kPhone) {
    // 130 px keys in portrait leave the foot room for a three-line error.
    auto pad = std::make_unique<ui::Keypad>(cat.Text("join.clear"), m.Px(130));
    // '+' only starts a number: once a digit is typed the key is greyed out
    // rather than silently doing nothing.
    pad->set_extra_enabled(form.phone.empty());
    return pad;
  }
  const auto layout = form.alphabet == app::Alphabet::kLatin ? ui::KeyboardLayout::kLatin
                                                             : ui::KeyboardLayout::kCyrillic;
  return std::make_unique<ui::Keyboard>(layout, form.shift,
                                        ui::KeyboardCaptions{cat.Text("join.space"), ""},
                                        m.Px(landscape ? 110 : 120));
}

}  // namespace

std::unique_ptr<ui::Widget> BuildJoin(const app::ViewModel& vm, const i18n::Catalog& cat,
                                      ui::Size size) {
  const Metrics m(size);
  const bool landscape = m.landscape();
  const ui::FontSpec field_label = m.Font(36, ui::Weight::kBold);
  const app::JoinForm& form = vm.form;
  auto page = std::make_unique<ui::Column>();
  page->set_padding(m.Px(32)).set_spacing(m.Px(24));
  const std::string title = vm.deal ? Title(vm.deal->deal, cat) : std::string();
  page->Add(std::make_unique<ui::Label>(cat.Text("join.heading", {{"title", title}}),
                                        m.Font(56, ui::Weight::kBold)))
      ->set_max_lines(2);

  auto* body = page->Add(std::make_unique<ui::Row>());
  body->set_spacing(m.Px(48)).set_cross_align(ui::CrossAlign::kStretch);
  body->set_flex(1);
  auto* fields = body->Add(std::make_unique<ui::Column>());
  fields->set_spacing(m.Px(16)).set_flex(1);
  ui::Column* pad_column = fields;
  if (landscape) {
    pad_column = body->Add(std::make_unique<ui::Column>());
    pad_column->set_flex(1);
  }

  fields->Add(std::make_unique<ui::Label>(cat.Text("join.phone_label"), field_label));
  auto* phone =
      fields->Add(std::make_unique<ui::Field>(form.phone, cat.Text("join.phone_hint"), "phone"));
  phone->set_focused(form.focus == app::InputFocus::kPhone);
  phone->set_display(GroupedPhone(form.phone));
  const bool phone_error =
      form.error == "join.error.bad_phone" || form.error == "join.error.no_phone";
  phone->set_error(phone_error);
  fields->Add(std::make_unique<ui::Label>(cat.Text("join.name_label"), field_label));
  fields->Add(std::make_unique<ui::Field>(form.name, cat.Text("join.name_hint"), "name"))
      ->set_focused(form.focus == app::InputFocus::kName);
  // The keyboard has no Chinese input: say so before the shopper looks for it.
  if (vm.lang == i18n::Lang::kZh) {
    fields->Add(
        std::make_unique<ui::Label>(cat.Text("join.name_pinyin"), m.Font(32), "join-name-note"));
  }
  if (!landscape) pad_column->Add(Pad(form, cat, m));
  fields->Add(
      std::make_unique<ui::Toggle>(cat.Text("join.consent"), form.consent, "consent", m.Font(40)));
  if (landscape) pad_column->Add(Pad(form, cat, m));
  // What is wrong sits under everything a finger uses, just above Confirm
  // (where the finger just was), in space kept free for it: showing it
  // moves neither the keys nor the consent box.
  fields->Add(std::make_unique<ui::Spacer>(ui::Size{0, 0}))->set_flex(1);
  if (!form.error.empty()) {
    auto* error = fields->Add(std::make_unique<ui::Column>("join-error"));
    error->set_padding(m.Px(20)).set_fill(kErrorFill, m.Px(20));
    // Landscape has half the width for the fields: a long refusal in smaller
    // type still fits.
    error->Add(std::make_unique<ui::Label>(cat.Text(form.error),
                                           m.Font(landscape ? 32 : 40, ui::Weight::kBold)));
  }

  auto* actions = page->Add(std::make_unique<ui::Row>());
  actions->set_spacing(m.Px(24));
  actions->Add(std::make_unique<ui::Button>(cat.Text("action.back"), "back"))->set_secondary(true);
  actions->Add(std::make_unique<ui::Button>(cat.Text("join.confirm"), "confirm"))->set_flex(1);
  return page;
}

}  // namespace gb::views
