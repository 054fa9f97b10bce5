#include "ui/keyboard.h"

#include <charconv>
#include <memory>
#include <vector>

#include "core/base/utf8.h"
#include "ui/button.h"
#include "ui/row.h"

namespace gb::ui {
namespace {

// Rows of lower-case letters. '-' and '\'' are in names (Jean-Luc, O'Neil).
const std::vector<std::u32string>& Rows(KeyboardLayout layout) {
  static const std::vector<std::u32string> latin = {U"qwertyuiop", U"asdfghjkl'", U"zxcvbnm-"};
  static const std::vector<std::u32string> cyrillic = {U"йцукенгшщзхъ", U"фывапролджэ",
                                                       U"ячсмитьбюё-"};
  // Base32's alphabet (enrolment codes): no 0, 1, 8 or 9.
  static const std::vector<std::u32string> code = {U"234567", U"qwertyuiop", U"asdfghjkl",
                                                   U"zxcvbnm"};
  if (layout == KeyboardLayout::kCode) return code;
  return layout == KeyboardLayout::kLatin ? latin : cyrillic;
}

char32_t Upper(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 32;
  if (c >= U'а' && c <= U'я') return c - 32;  // U+0430..U+044F -> U+0410..U+042F
  if (c == U'ё') return U'Ё';
  return c;
}

std::string Utf8Of(char32_t c) {
  std::string out;
  base::AppendUtf8(out, c);
  return out;
}

// A key whose height the keyboard fixes, whatever its caption.
class Key final : public Widget {
 public:
  Key(std::unique_ptr<Button> button, int height) : height_(height) {
    button->set_padding(4);
    Add(std::move(button));
  }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override {
    const Size s = children().front()->Measure(constraints, ctx);
    return {s.width, height_};
  }

 private:
  int height_;
};

}  // namespace

std::string KeyboardKeyId(char32_t cp) {
  char buf[16];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<std::uint32_t>(cp), 16);
  (void)ec;
  return "kb-" + std::string(buf, end);
}

char32_t KeyboardKeyCodePoint(std::string_view id) {
  if (!id.starts_with("kb-")) return 0;
  id.remove_prefix(3);
  std::uint32_t cp = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), cp, 16);
  if (ec != std::errc() || end != id.data() + id.size() || id.empty()) return 0;
  return static_cast<char32_t>(cp);
}

Keyboard::Keyboard(KeyboardLayout layout, bool shift, const KeyboardCaptions& captions,
                   int key_height, std::string automation_id)
    : Box(Axis::kVertical, std::move(automation_id)), layout_(layout) {
  set_spacing(12);
  const int height = std::max(key_height, Theme::kMinTouchTarget);
  auto add_key = [height](Row& row, std::string caption, std::string id, int flex) {
    Widget* key = row.Add(
        std::make_unique<Key>(std::make_unique<Button>(std::move(caption), std::move(id)), height));
    key->set_flex(flex);
    return key;
  };
  // Codes are upper case whatever the shift.
  if (layout == KeyboardLayout::kCode) shift = true;
  for (const std::u32string& letters : Rows(layout)) {
    auto* row = Add(std::make_unique<Row>());
    row->set_spacing(8);
    for (char32_t c : letters) {
      const char32_t shown = shift ? Upper(c) : c;
      add_key(*row, Utf8Of(shown), KeyboardKeyId(shown), 1);
    }
  }
  auto* last = Add(std::make_unique<Row>());
  last->set_spacing(8);
  if (layout == KeyboardLayout::kCode) {
    add_key(*last, captions.clear, kKbClearId, 3);
    add_key(*last, "\xE2\x8C\xAB", kKbBackId, 2);  // U+232B
    return;
  }
  Widget* shift_key = add_key(*last, "\xE2\x87\xA7", kKbShiftId, 2);  // U+21E7 ⇧
  // Shift on shows as a held-down key.
  static_cast<Button*>(shift_key->children().front().get())->set_pressed(shift);
  add_key(*last, layout == KeyboardLayout::kLatin ? "АБВ" : "ABC", kKbLayoutId, 2);
  add_key(*last, captions.space, kKbSpaceId, 5);
  add_key(*last, "\xE2\x8C\xAB", kKbBackId, 2);  // U+232B
}

}  // namespace gb::ui
