#include "kiosk/config/csv.h"

namespace gb::config {

base::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
  std::vector<CsvRecord> out;
  CsvRecord rec{1, {}};
  std::string field;
  int line = 1;
  bool in_quotes = false, after_quote = false, any = false;
  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    after_quote = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty() && !any;
    if (!blank) out.push_back(std::move(rec));
    rec = CsvRecord{line + 1, {}};
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
        after_quote = true;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !after_quote) {
      in_quotes = true;
      any = true;
    } else if (c == ',') {
      end_field();
      any = true;
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      if (c == '\r') ++i;
      end_record();
      ++line;
    } else if (after_quote) {
      return base::Status::InvalidArgument(
          "bad_csv", "line " + std::to_string(line) + ": text after a closing quote");
    } else {
      field += c;
      any = true;
    }
  }
  if (in_quotes) {
    return base::Status::InvalidArgument(
        "bad_csv", "line " + std::to_string(rec.line) + ": a quoted field never ends");
  }
  if (any || !field.empty() || !rec.fields.empty()) end_record();
  return out;
}

}  // namespace gb::config
