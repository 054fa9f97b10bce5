#include "ui/keypad.h"

#include <memory>

#include "ui/button.h"
#include "ui/grid.h"
#include "ui/spacer.h"

namespace gb::ui {
namespace {

// A fixed-height cell: keys are sized by the keypad, not by their captions.
class KeyCell final : public Widget {
 public:
  KeyCell(std::unique_ptr<Button> key, int height) : height_(height) { Add(std::move(key)); }

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override {
    for (const auto& child : children()) child->Measure(constraints, ctx);
    const int width =
        constraints.max_width < Constraints::kUnbounded ? constraints.max_width : height_;
    return {width, height_};
  }

 private:
  int height_;
};

}  // namespace

std::string KeypadKeyId(int digit) { return "key-" + std::to_string(digit); }

Keypad::Keypad(std::string clear_caption, int key_height, std::string automation_id,
               KeypadExtra extra)
    : Box(Axis::kVertical, std::move(automation_id)) {
  const int height = std::max(key_height, Theme::kMinTouchTarget);
  set_spacing(16);
  auto* grid = Add(std::make_unique<Grid>(3));
  grid->set_spacing(16).set_uniform_rows(true);
  auto key = [&](std::string caption, std::string id) {
    auto button = std::make_unique<Button>(std::move(caption), std::move(id));
    Button* raw = button.get();
    grid->Add(std::make_unique<KeyCell>(std::move(button), height));
    return raw;
  };
  for (int d = 1; d <= 9; ++d) key(std::to_string(d), KeypadKeyId(d));
  if (extra == KeypadExtra::kPlus) extra_ = key("+", kKeyPlusId);
  if (extra == KeypadExtra::kDash) extra_ = key("-", kKeyDashId);
  if (extra == KeypadExtra::kNone) grid->Add(std::make_unique<Spacer>(Size{0, height}));
  key("0", KeypadKeyId(0));
  key("\xE2\x8C\xAB", kKeyBackId);  // U+232B ERASE TO THE LEFT
  auto clear = std::make_unique<Button>(std::move(clear_caption), kKeyClearId);
  clear->set_secondary(true);
  Add(std::make_unique<KeyCell>(std::move(clear), height * 3 / 4));
}

Keypad& Keypad::set_extra_enabled(bool enabled) {
  if (extra_ != nullptr) extra_->set_enabled(enabled);
  return *this;
}

}  // namespace gb::ui
