// The message files compiled in (generated from messages/*.json by CMake).
#pragma once

#include <string_view>

#include "kiosk/i18n/catalog.h"

namespace gb::i18n {

std::string_view BuiltInMessages(Lang lang);

}  // namespace gb::i18n
