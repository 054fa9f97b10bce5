// LibHyphenator: base::Hyphenator on libhyphen (the hyphenation library of
// LibreOffice, Debian's libhyphen0) with the pattern dictionaries Debian
// ships in hyphen-ru and hyphen-en-us. The only code that includes hyphen.h.
//
// A word is split into runs of letters; each run is hyphenated with the
// dictionary of its script: Cyrillic with the Russian patterns, Latin
// (ASCII letters) with the US English ones. Other scripts (CJK breaks
// anyway), digits and punctuation get no break points, and neither does a
// word with a digit in it (a voucher code, a model number), whose reader
// would take the hyphen for part of it.
// Runs are lowercased before they are looked up (the patterns are lowercase:
// "НЕСОСТОЯВШАЯСЯ" would get none), then converted to the dictionary's
// encoding, which its first line names (hyph_ru_RU.dic is KOI8-R in Debian
// 12, hyph_en_US.dic UTF-8). At least kMinLeft letters stay before a break
// and kMinRight after it, or the dictionary's own minimums if larger
// (LEFTHYPHENMIN / RIGHTHYPHENMIN: English asks for 2 and 3).
//
// Not thread-safe (one iconv state per dictionary); one per UI thread.
#pragma once

#include <memory>
#include <string>

#include "core/base/hyphenator.h"
#include "core/base/result.h"

namespace gb::hyphen {

struct DictionaryFiles {
  std::string russian = "/usr/share/hyphen/hyph_ru_RU.dic";  // package hyphen-ru
  std::string english = "/usr/share/hyphen/hyph_en_US.dic";  // package hyphen-en-us
};

class LibHyphenator final : public base::Hyphenator {
 public:
  static constexpr int kMinLeft = 2;
  static constexpr int kMinRight = 2;

  // Fails with "hyphen_missing" (kNotFound) naming the file and the Debian
  // package that ships it, or "hyphen_failed" (kInternal) when libhyphen
  // cannot read it or its encoding is unknown to iconv. Both dictionaries
  // are required: the kiosk refuses to start rather than break words
  // without hyphens.
  static base::Result<std::unique_ptr<LibHyphenator>> Create(const DictionaryFiles& files = {});
  ~LibHyphenator() override;
  LibHyphenator(const LibHyphenator&) = delete;
  LibHyphenator& operator=(const LibHyphenator&) = delete;

  std::vector<std::size_t> BreakPoints(std::string_view word) const override;

 private:
  struct Dictionary;
  LibHyphenator(std::unique_ptr<Dictionary> russian, std::unique_ptr<Dictionary> english);
  std::unique_ptr<Dictionary> russian_;
  std::unique_ptr<Dictionary> english_;
};

}  // namespace gb::hyphen
