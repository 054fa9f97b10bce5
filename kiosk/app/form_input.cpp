#include "kiosk/app/form_input.h"

#include <charconv>
#include <string>

#include "core/base/utf8.h"

namespace gb::app {
namespace {

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Only what names are written with: letters of the two layouts, space, '-'
// and '\''. Anything else (a forged id) is ignored.
bool IsNameChar(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0x410 && c <= 0x44F) ||
         c == 0x401 || c == 0x451 || c == U'-' || c == U'\'';
}

bool PhoneKey(JoinForm& form, std::string_view id) {
  if (id == "key-back") {
    if (!form.phone.empty()) form.phone.pop_back();
  } else if (id == "key-clear") {
    form.phone.clear();
  } else if (id == "key-plus") {
    // A '+' only starts a number.
    if (form.phone.empty()) form.phone = "+";
  } else if (id.size() == 5 && id.starts_with("key-") && id[4] >= '0' && id[4] <= '9') {
    if (form.phone.size() < kMaxPhoneChars) form.phone += id[4];
  } else {
    return false;
  }
  return true;
}

bool NameKey(JoinForm& form, std::string_view id) {
  if (id == "kb-back") {
    PopCodePoint(form.name);
    form.shift = form.name.empty() || form.name.back() == ' ';
  } else if (id == "kb-shift") {
    form.shift = !form.shift;
  } else if (id == "kb-layout") {
    form.alphabet = form.alphabet == Alphabet::kLatin ? Alphabet::kCyrillic : Alphabet::kLatin;
  } else if (id == "kb-space") {
    if (!form.name.empty() && form.name.back() != ' ' &&
        CountCodePoints(form.name) < kMaxNameCodePoints) {
      form.name += ' ';
      form.shift = true;
    }
  } else if (id.starts_with("kb-")) {
    std::uint32_t cp = 0;
    const std::string_view hex = id.substr(3);
    auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
    if (ec != std::errc() || end != hex.data() + hex.size() || hex.empty()) return false;
    const auto c = static_cast<char32_t>(cp);
    if (!IsNameChar(c)) return false;
    if (CountCodePoints(form.name) < kMaxNameCodePoints) base::AppendUtf8(form.name, c);
    form.shift = false;
  } else {
    return false;
  }
  return true;
}

}  // namespace

Alphabet NameAlphabet(i18n::Lang lang) {
  return lang == i18n::Lang::kRu ? Alphabet::kCyrillic : Alphabet::kLatin;
}

void PopCodePoint(std::string& text) {
  while (!text.empty()) {
    const auto c = static_cast<unsigned char>(text.back());
    text.pop_back();
    if ((c & 0xC0) != 0x80) break;
  }
}

bool ApplyKey(JoinForm& form, std::string_view id) {
  if (PhoneKey(form, id)) {
    form.focus = InputFocus::kPhone;
  } else if (NameKey(form, id)) {
    form.focus = InputFocus::kName;
  } else {
    return false;
  }
  form.error.clear();
  return true;
}

}  // namespace gb::app
