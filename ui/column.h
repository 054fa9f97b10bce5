// Column: a Box whose children run top to bottom (see box.h for the contract).
#pragma once

#include <string>

#include "ui/box.h"

namespace gb::ui {

class Column final : public Box {
 public:
  explicit Column(std::string automation_id = {})
      : Box(Axis::kVertical, std::move(automation_id)) {}
};

}  // namespace gb::ui
