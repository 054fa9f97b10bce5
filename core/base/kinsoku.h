// Kinsoku shori (JIS X 4051, GB/T 15834): which characters may not start or
// end a line of Chinese or Japanese. Shared by the screen's text wrapping
// (ui/text_wrap) and the receipts' (drivers/text/line_wrapper). Pure.
#pragma once

#include <string_view>

namespace gb::base {

// May not start a line: closing brackets and quotes, sentence and clause
// punctuation, the middle dot, the prolonged sound mark, iteration marks,
// small kana (full and half width), and closing ASCII punctuation, which CJK
// text beside Latin words uses too.
inline constexpr std::u32string_view kNoLineStart =
    U")]},.!?:;’”"
    U"、。〉》」』】〕〗〙〟々〻ゝゞ・ーヽヾ"
    U"！），．：；？］｝｠｡｣､･ｰ"
    U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ";
// May not end a line: opening brackets and quotes.
inline constexpr std::u32string_view kNoLineEnd = U"([{‘“〈《「『【〔〖〘〝（［｛｟｢";

inline bool IsNoLineStart(char32_t cp) {
  return kNoLineStart.find(cp) != std::u32string_view::npos ||
         (cp >= 0x31F0 && cp <= 0x31FF) ||  // small katakana for Ainu
         (cp >= 0xFF67 && cp <= 0xFF6F);    // half-width small katakana ｧ..ｯ
}

inline bool IsNoLineEnd(char32_t cp) { return kNoLineEnd.find(cp) != std::u32string_view::npos; }

}  // namespace gb::base
