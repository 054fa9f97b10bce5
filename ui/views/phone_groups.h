// Phone numbers grouped as they are typed, so a shopper can read back what
// they entered: "+49 151 2345 6789", "+7 916 123 4567", "0151 2345 6789".
// Display only: the form keeps the digits as typed and the ledger gets
// E.164. Pure.
#pragma once

#include <string>
#include <string_view>

namespace gb::views {

// `typed` is digits with an optional leading '+'. With '+', the country
// code (1, 2 or 3 digits by ITU-T E.164's assignment) is a group of its
// own; the national digits then go in groups of 3, the last one or two
// groups of 4 ("151 2345 6789", "916 123 4567", "138 1234 5678").
// Anything else is returned as it is.
std::string GroupedPhone(std::string_view typed);

}  // namespace gb::views
