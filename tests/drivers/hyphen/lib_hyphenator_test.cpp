// LibHyphenator against Debian 12's dictionaries (hyphen-ru: KOI8-R,
// hyphen-en-us: UTF-8), and against small dictionaries written here for the
// UTF-8 path and the failures.
#include "drivers/hyphen/lib_hyphenator.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/scoped_temp_dir.h"

namespace gb::hyphen {
namespace {

using Pieces = std::vector<std::string>;

// The word cut at its break points, after checking the contract.
Pieces Split(const LibHyphenator& h, std::string_view word) {
  const std::vector<std::size_t> points = h.BreakPoints(word);
  Pieces out;
  std::size_t from = 0;
  for (std::size_t p : points) {
    EXPECT_GT(p, from) << word;
    EXPECT_LT(p, word.size()) << word;
    EXPECT_NE(static_cast<unsigned char>(word[p]) & 0xC0, 0x80) << word << ": inside a code point";
    out.emplace_back(word.substr(from, p - from));
    from = p;
  }
  out.emplace_back(word.substr(from));
  return out;
}

class LibHyphenatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto created = LibHyphenator::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    h_ = std::move(created).value().release();
  }
  static void TearDownTestSuite() {
    delete h_;
    h_ = nullptr;
  }
  static inline LibHyphenator* h_ = nullptr;
};

TEST_F(LibHyphenatorTest, ARussianWordGetsTheBreaksOfTheRussianPatterns) {
  EXPECT_EQ(Split(*h_, "несостоявшаяся"), (Pieces{"не", "состо", "явша", "я", "ся"}));
  EXPECT_EQ(Split(*h_, "журнальный"), (Pieces{"жур", "наль", "ный"}));
}

TEST_F(LibHyphenatorTest, CapitalsAndAllCapsBreakLikeTheLowercaseWord) {
  EXPECT_EQ(Split(*h_, "Несостоявшаяся"), (Pieces{"Не", "состо", "явша", "я", "ся"}));
  EXPECT_EQ(Split(*h_, "НЕСОСТОЯВШАЯСЯ"), (Pieces{"НЕ", "СОСТО", "ЯВША", "Я", "СЯ"}));
  EXPECT_EQ(Split(*h_, "ёлочка"), (Pieces{"ёлоч", "ка"}));
  EXPECT_EQ(Split(*h_, "ЁЛОЧКА"), (Pieces{"ЁЛОЧ", "КА"}));
}

TEST_F(LibHyphenatorTest, PunctuationAroundAWordGetsNoBreakAndKeepsItsPlace) {
  EXPECT_EQ(Split(*h_, "«Несостоявшаяся»,"), (Pieces{"«Не", "состо", "явша", "я", "ся»,"}));
}

TEST_F(LibHyphenatorTest, AnEnglishWordGetsTheBreaksOfTheEnglishPatterns) {
  EXPECT_EQ(Split(*h_, "hyphenation"), (Pieces{"hy", "phen", "ation"}));
  EXPECT_EQ(Split(*h_, "Hyphenation"), (Pieces{"Hy", "phen", "ation"}));
}

TEST_F(LibHyphenatorTest, AtLeastTwoLettersStayOnEachSide) {
  for (std::string_view word : {"несостоявшаяся", "объявление", "подъезд", "hyphenation"}) {
    const Pieces pieces = Split(*h_, word);
    const auto letters = [](const std::string& s) {
      std::size_t n = 0;
      for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      return n;
    };
    EXPECT_GE(letters(pieces.front()), 2u) << word;
    EXPECT_GE(letters(pieces.back()), 2u) << word;
    std::string joined;
    for (const std::string& p : pieces) {
      EXPECT_FALSE(p.empty()) << word;
      joined += p;
    }
    EXPECT_EQ(joined, word);
  }
}

TEST_F(LibHyphenatorTest, ChineseDigitsShortWordsAndBadUtf8GetNoBreaks) {
  for (std::string_view word :
       {"拼团优惠活动", "1234567890", "да", "", "\xD0", "\xD0\xBD\xFF\xD0"}) {
    EXPECT_TRUE(h_->BreakPoints(word).empty()) << word;
  }
}

TEST_F(LibHyphenatorTest, CodesAndModelNumbersAreNeverHyphenated) {
  for (std::string_view word :
       {"GB1:NCFOXNTSMAHNHXHYPHENATION", "hyphenation2000", "K7M-несостоявшаяся"}) {
    EXPECT_TRUE(h_->BreakPoints(word).empty()) << word;
  }
}

TEST_F(LibHyphenatorTest, ScriptsAreHyphenatedApartInOneWord) {
  // The Latin run has no break; the Cyrillic one keeps its own.
  EXPECT_EQ(Split(*h_, "iPad-несостоявшаяся"), (Pieces{"iPad-не", "состо", "явша", "я", "ся"}));
}

// Dictionaries written here: a UTF-8 one (break after every "а") and
// failures.
class LibHyphenatorFilesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.ok()); }
  std::string Write(std::string_view name, std::string_view text) {
    const std::string path = dir_.File(name);
    std::ofstream(path) << text;
    return path;
  }
  test::ScopedTempDir dir_;
};

TEST_F(LibHyphenatorFilesTest, AUtf8DictionaryIsIndexedByCodePoint) {
  DictionaryFiles files;
  files.russian = Write("ru.dic", "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nа1\n");
  auto h = LibHyphenator::Create(files);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  // Our own minimum of two letters on each side still holds.
  EXPECT_EQ(Split(**h, "Мамама"), (Pieces{"Ма", "ма", "ма"}));
  EXPECT_EQ(Split(**h, "мама"), (Pieces{"ма", "ма"}));
  EXPECT_EQ(Split(**h, "маа"), (Pieces{"маа"}));
}

TEST_F(LibHyphenatorFilesTest, AMissingDictionaryNamesItsFileAndPackage) {
  DictionaryFiles files;
  files.russian = dir_.File("nowhere.dic");
  auto h = LibHyphenator::Create(files);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().code(), base::Code::kNotFound);
  EXPECT_EQ(h.status().reason(), "hyphen_missing");
  EXPECT_NE(h.status().ToString().find(files.russian), std::string::npos);
  EXPECT_NE(h.status().ToString().find("hyphen-ru"), std::string::npos);

  files = DictionaryFiles{};
  files.english = dir_.File("nowhere-en.dic");
  h = LibHyphenator::Create(files);
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.status().ToString().find("hyphen-en-us"), std::string::npos);
}

TEST_F(LibHyphenatorFilesTest, AnEncodingIconvDoesNotKnowIsRefused) {
  DictionaryFiles files;
  files.russian = Write("odd.dic", "NO-SUCH-CHARSET\nа1\n");
  auto h = LibHyphenator::Create(files);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().reason(), "hyphen_failed");
  EXPECT_NE(h.status().ToString().find("NO-SUCH-CHARSET"), std::string::npos);
}

}  // namespace
}  // namespace gb::hyphen
