#include "drivers/hyphen/lib_hyphenator.h"

#include <hyphen.h>
#include <iconv.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <utility>

#include "core/base/utf8.h"

namespace gb::hyphen {
namespace {

enum class Script { kNone, kCyrillic, kLatin };

Script ScriptOf(char32_t cp) {
  if (cp >= 0x0400 && cp <= 0x04FF) return Script::kCyrillic;
  if ((cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z')) return Script::kLatin;
  return Script::kNone;
}

char32_t Lower(char32_t cp) {
  if ((cp >= U'A' && cp <= U'Z') || (cp >= 0x0410 && cp <= 0x042F)) return cp + 0x20;
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;  // Ё and the other Cyrillic capitals
  return cp;
}

struct CodePoint {
  char32_t cp;
  std::size_t offset;  // of its first byte in the word
};

// The word's code points, or nullopt when it is not well-formed UTF-8.
std::optional<std::vector<CodePoint>> Decode(std::string_view s) {
  std::vector<CodePoint> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    const std::size_t n = b0 < 0x80           ? 1
                          : (b0 >> 5) == 0x6  ? 2
                          : (b0 >> 4) == 0xE  ? 3
                          : (b0 >> 3) == 0x1E ? 4
                                              : 0;
    if (n == 0 || i + n > s.size()) return std::nullopt;
    char32_t cp = n == 1 ? b0 : b0 & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<std::uint8_t>(s[i + k]);
      if ((b & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (b & 0x3F);
    }
    out.push_back({cp, i});
    i += n;
  }
  return out;
}

// Longer runs are no words of ours; libhyphen is not asked about them.
constexpr std::size_t kMaxRun = 64;

}  // namespace

struct LibHyphenator::Dictionary {
  HyphenDict* dict = nullptr;
  iconv_t to_dict = reinterpret_cast<iconv_t>(-1);  // none for UTF-8 dictionaries

  ~Dictionary() {
    if (to_dict != reinterpret_cast<iconv_t>(-1)) iconv_close(to_dict);
    if (dict != nullptr) hnj_hyphen_free(dict);
  }

  static base::Result<std::unique_ptr<Dictionary>> Load(const std::string& path,
                                                        std::string_view package) {
    if (::access(path.c_str(), R_OK) != 0) {
      return base::Status::NotFound("hyphen_missing", "hyphenation dictionary " + path +
                                                          " is missing; install the Debian "
                                                          "package " +
                                                          std::string(package));
    }
    auto d = std::make_unique<Dictionary>();
    d->dict = hnj_hyphen_load(path.c_str());
    if (d->dict == nullptr) {
      return base::Status::Internal("hyphen_failed", "libhyphen cannot read " + path);
    }
    if (d->dict->utf8 == 0) {
      d->to_dict = iconv_open(d->dict->cset, "UTF-8");
      if (d->to_dict == reinterpret_cast<iconv_t>(-1)) {
        return base::Status::Internal("hyphen_failed", path + " is in the encoding '" +
                                                           std::string(d->dict->cset) +
                                                           "', which iconv does not know");
      }
    }
    return d;
  }

  // The run (lowercase UTF-8) in the dictionary's encoding, one byte per
  // code point for 8-bit dictionaries; nullopt where a letter has no byte.
  std::optional<std::string> Encode(const std::string& utf8, std::size_t code_points) const {
    if (dict->utf8 != 0) return utf8;
    std::string out(code_points, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    char* to = out.data();
    std::size_t to_left = out.size();
    iconv(to_dict, nullptr, nullptr, nullptr, nullptr);  // a fresh shift state
    if (iconv(to_dict, &in, &in_left, &to, &to_left) == static_cast<std::size_t>(-1) ||
        in_left != 0 || to_left != 0) {
      return std::nullopt;
    }
    return out;
  }

  // Indexes i of the run's code points after which it may break.
  std::vector<std::size_t> Hyphenate(const std::string& encoded, std::size_t code_points) const {
    std::vector<char> hyphens(encoded.size() + 5, '\0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    hnj_hyphen_hyphenate2(dict, encoded.c_str(), static_cast<int>(encoded.size()), hyphens.data(),
                          nullptr, &rep, &pos, &cut);
    std::vector<std::size_t> after;
    // hyphens[i] odd: a break after code point i (libhyphen indexes UTF-8
    // dictionaries' results by code point too). Non-standard breaks, which
    // change the letters (rep), are not ours to draw.
    for (std::size_t i = 0; i + 1 < code_points; ++i) {
      const bool odd = (hyphens[i] & 1) != 0;
      const bool replaced = rep != nullptr && rep[i] != nullptr;
      const bool minimums = i + 1 >= static_cast<std::size_t>(kMinLeft) &&
                            code_points - (i + 1) >= static_cast<std::size_t>(kMinRight);
      if (odd && !replaced && minimums) after.push_back(i);
    }
    if (rep != nullptr) {
      for (std::size_t i = 0; i < encoded.size(); ++i) std::free(rep[i]);
      std::free(rep);
    }
    std::free(pos);
    std::free(cut);
    return after;
  }
};

LibHyphenator::LibHyphenator(std::unique_ptr<Dictionary> russian,
                             std::unique_ptr<Dictionary> english)
    : russian_(std::move(russian)), english_(std::move(english)) {}

LibHyphenator::~LibHyphenator() = default;

base::Result<std::unique_ptr<LibHyphenator>> LibHyphenator::Create(const DictionaryFiles& files) {
  GB_ASSIGN_OR_RETURN(std::unique_ptr<Dictionary> russian,
                      Dictionary::Load(files.russian, "hyphen-ru"));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<Dictionary> english,
                      Dictionary::Load(files.english, "hyphen-en-us"));
  return std::unique_ptr<LibHyphenator>(new LibHyphenator(std::move(russian), std::move(english)));
}

std::vector<std::size_t> LibHyphenator::BreakPoints(std::string_view word) const {
  std::vector<std::size_t> points;
  // Codes and model numbers ("GB1:K7M4QX", "XL2000") are not words: a
  // hyphen in one would be typed back as part of it.
  if (word.find_first_of("0123456789") != std::string_view::npos) return points;
  const std::optional<std::vector<CodePoint>> cps = Decode(word);
  if (!cps) return points;
  for (std::size_t begin = 0; begin < cps->size();) {
    const Script script = ScriptOf((*cps)[begin].cp);
    std::size_t end = begin + 1;
    while (end < cps->size() && ScriptOf((*cps)[end].cp) == script) ++end;
    const std::size_t n = end - begin;
    const Dictionary* d = script == Script::kCyrillic ? russian_.get()
                          : script == Script::kLatin  ? english_.get()
                                                      : nullptr;
    if (d != nullptr && n <= kMaxRun) {
      std::string lower;
      for (std::size_t i = begin; i < end; ++i) base::AppendUtf8(lower, Lower((*cps)[i].cp));
      if (const std::optional<std::string> encoded = d->Encode(lower, n)) {
        for (std::size_t i : d->Hyphenate(*encoded, n))
          points.push_back((*cps)[begin + i + 1].offset);
      }
    }
    begin = end;
  }
  return points;
}

}  // namespace gb::hyphen
