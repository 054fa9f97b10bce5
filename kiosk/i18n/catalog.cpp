#include "kiosk/i18n/catalog.h"

#include <array>

#include "kiosk/i18n/catalog_data.h"

namespace gb::i18n {

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kEn: return "en";
    case Lang::kRu: return "ru";
    case Lang::kZh: return "zh";
  }
  return "en";
}

base::Result<Lang> ParseLang(std::string_view code) {
  for (Lang l : kAllLangs) {
    if (LangCode(l) == code) return l;
  }
  return base::Status::InvalidArgument(
      "bad_lang", "language '" + std::string(code) + "' is not one of en, ru, zh");
}

std::string_view PluralCategory(Lang lang, int64_t n) {
  if (n < 0) n = -n;
  switch (lang) {
    case Lang::kEn:
      return n == 1 ? "one" : "other";
    case Lang::kRu: {
      // CLDR rules for Russian whole numbers.
      int64_t d = n % 10, h = n % 100;
      if (d == 1 && h != 11) return "one";
      if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return "few";
      return "many";
    }
    case Lang::kZh:
      return "other";
  }
  return "other";
}

std::string Fill(std::string_view text, const Args& args) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text, i, open - i);
    std::string_view name = text.substr(open + 1, close - open - 1);
    bool found = false;
    for (const auto& [k, v] : args) {
      if (k == name) {
        out += v;
        found = true;
        break;
      }
    }
    if (!found) out.append(text, open, close - open + 1);
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

const Catalog& Catalog::For(Lang lang) {
  // Parsed once; a broken built-in file is a build defect the tests catch, so
  // it degrades to an empty catalog (keys show as [key]) rather than a crash.
  static const std::array<Catalog, 3> kCatalogs = [] {
    auto load = [](Lang l, const Catalog* fallback) {
      auto c = FromJson(l, BuiltInMessages(l), fallback);
      return c.ok() ? std::move(c).value() : Catalog(l, nlohmann::json::object(), fallback);
    };
    static const Catalog en = load(Lang::kEn, nullptr);
    return std::array<Catalog, 3>{en, load(Lang::kRu, &en), load(Lang::kZh, &en)};
  }();
  return kCatalogs[static_cast<size_t>(lang)];
}

base::Result<Catalog> Catalog::FromJson(Lang lang, std::string_view json,
                                        const Catalog* fallback) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) {
    return base::Status::InvalidArgument("bad_catalog", "the catalog is not a JSON object");
  }
  for (const auto& [key, value] : j.items()) {
    if (value.is_string()) continue;
    if (!value.is_object() || !value.contains("other")) {
      return base::Status::InvalidArgument(
          "bad_catalog", "'" + key + "' must be text or a plural object with \"other\"");
    }
    for (const auto& [cat, text] : value.items()) {
      if (!text.is_string()) {
        return base::Status::InvalidArgument("bad_catalog", "'" + key + "." + cat + "' is not text");
      }
    }
  }
  return Catalog(lang, std::move(j), fallback);
}

const nlohmann::json* Catalog::Find(std::string_view key) const {
  auto it = messages_.find(std::string(key));
  if (it != messages_.end()) return &*it;
  return fallback_ != nullptr ? fallback_->Find(key) : nullptr;
}

bool Catalog::Has(std::string_view key) const {
  return messages_.contains(std::string(key));
}

bool Catalog::IsPlural(std::string_view key) const {
  const nlohmann::json* v = Find(key);
  return v != nullptr && v->is_object();
}

std::vector<std::string> Catalog::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, value] : messages_.items()) keys.push_back(key);
  return keys;
}

std::string Catalog::Text(std::string_view key, const Args& args) const {
  const nlohmann::json* v = Find(key);
  if (v == nullptr || !v->is_string()) return "[" + std::string(key) + "]";
  return Fill(v->get_ref<const std::string&>(), args);
}

std::string Catalog::Plural(std::string_view key, int64_t n, const Args& args) const {
  const nlohmann::json* v = Find(key);
  if (v == nullptr || !v->is_object()) return "[" + std::string(key) + "]";
  auto it = v->find(std::string(PluralCategory(lang_, n)));
  if (it == v->end()) it = v->find("other");
  Args all = args;
  all.emplace_back("n", std::to_string(n));
  return Fill(it->get_ref<const std::string&>(), all);
}

}  // namespace gb::i18n
