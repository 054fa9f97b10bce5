// Row: a Box whose children run left to right (see box.h for the contract).
#pragma once

#include <string>

#include "ui/box.h"

namespace gb::ui {

class Row final : public Box {
 public:
  explicit Row(std::string automation_id = {}) : Box(Axis::kHorizontal, std::move(automation_id)) {}
};

}  // namespace gb::ui
