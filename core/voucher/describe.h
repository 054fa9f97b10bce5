// Internal to the voucher library: how rejected input is shown in messages.
//
// Voucher text comes from scanners and keypads and may hold any byte; messages
// must stay one printable line and still show a person what was wrong.
#pragma once

#include <string>
#include <string_view>

namespace gb::voucher {

// "character 'a'" for printable ASCII, "byte 0x0A" for anything else.
std::string DescribeChar(char c);

// The text in double quotes, with quotes, backslashes and non-printable bytes
// as \xNN: Quote("GB2:") == "\"GB2:\"".
std::string Quote(std::string_view text);

}  // namespace gb::voucher
