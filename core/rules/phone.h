// Phone numbers to E.164 ("+4915123456789").
//
// A number typed with "+" or an international prefix ("00") is taken as is; a
// number without one belongs to the store's configured country: its trunk
// prefix ("0", or "8" in Russia) is dropped and the country code put in front.
// Only what E.164 allows survives: 8 to 15 digits after the "+". Spaces,
// dashes, dots and parentheses are ignored; anything else is an error.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::rules {

// `country` is an ISO 3166-1 alpha-2 code ("DE", "RU", "CN", ...).
// Reasons: "bad_phone" (letters, too short, too long), "unknown_country".
base::Result<std::string> NormalizePhone(std::string_view typed, std::string_view country);

// True for a known country code of the table in phone.cpp.
bool IsKnownCountry(std::string_view country);

}  // namespace gb::rules
