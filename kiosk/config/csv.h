// A small RFC 4180 CSV reader: fields separated by commas, quoted with '"'
// (a doubled quote inside is one quote; commas and line breaks may appear
// inside quotes), records ended by LF or CRLF. Each record keeps the line
// number it starts on, for error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace gb::config {

struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// Reason "bad_csv" for an unterminated quote or text after a closing quote.
// Blank lines are skipped.
base::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

}  // namespace gb::config
