// Catalog: every word a shopper, a member of staff or a receipt shows, in
// English, Russian and Chinese, with plurals, money, dates and percentages
// formatted the way each language writes them.
//
// The texts live in kiosk/i18n/messages/<lang>.json (none in code) and are
// compiled into the program, so a kiosk cannot start with a missing file.
// A text may hold {name} placeholders; a plural text is an object of CLDR
// categories ("one", "few", "many", "other") and gets {n} filled in.
// A key missing in a language falls back to English; a key missing in English
// shows as "[key]" so it is seen on screen, and tests check none is missing.
// Thread-safety: catalogs are immutable after creation; For() is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/result.h"

namespace gb::i18n {

enum class Lang { kEn, kRu, kZh };

inline constexpr Lang kAllLangs[] = {Lang::kEn, Lang::kRu, Lang::kZh};

std::string_view LangCode(Lang lang);  // "en", "ru", "zh"
// Reason "bad_lang" for anything but en, ru, zh.
base::Result<Lang> ParseLang(std::string_view code);

// The CLDR plural category of a whole number: "one", "few", "many" or "other".
std::string_view PluralCategory(Lang lang, int64_t n);

using Args = std::vector<std::pair<std::string, std::string>>;

class Catalog {
 public:
  // The built-in catalog of a language.
  static const Catalog& For(Lang lang);
  // A catalog from JSON text (tests, and checking a translator's file).
  // Reason "bad_catalog" when it is not an object of strings and plural objects.
  static base::Result<Catalog> FromJson(Lang lang, std::string_view json,
                                        const Catalog* fallback);

  Lang lang() const { return lang_; }
  bool Has(std::string_view key) const;
  std::vector<std::string> Keys() const;
  // True when the key's value is a plural object.
  bool IsPlural(std::string_view key) const;

  std::string Text(std::string_view key, const Args& args = {}) const;
  std::string Plural(std::string_view key, int64_t n, const Args& args = {}) const;

  // 59900 EUR -> "€599.00" (en), "599,00 €" (ru), "€599.00" (zh).
  std::string Money(int64_t minor, std::string_view currency) const;
  // Unix seconds shown in the store's time zone (UTC offset in minutes).
  std::string DateTime(int64_t unix_seconds, int utc_offset_minutes) const;
  std::string Date(int64_t unix_seconds, int utc_offset_minutes) const;
  // Basis points: 250 -> "2.5%" (en), "2,5 %" (ru).
  std::string Percent(int64_t basis_points) const;

 private:
  Catalog(Lang lang, nlohmann::json messages, const Catalog* fallback)
      : lang_(lang), messages_(std::move(messages)), fallback_(fallback) {}
  const nlohmann::json* Find(std::string_view key) const;
  std::string Grouped(int64_t whole) const;

  Lang lang_;
  nlohmann::json messages_;
  const Catalog* fallback_;  // English, for keys a translation lacks; null for English
};

// Replaces each {name} in text by its value; unknown placeholders stay as they are.
std::string Fill(std::string_view text, const Args& args);

}  // namespace gb::i18n
