#include "drivers/virtual/qr_symbol_store.h"

#include <gtest/gtest.h>

#include <vector>

namespace gb::virtual_printer {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes Store(std::string_view text) {
  Bytes p{49, 80, 48};
  p.insert(p.end(), text.begin(), text.end());
  return p;
}
const Bytes kPrint{49, 81, 48};

TEST(QrSymbolStoreTest, PrintDrawsStoredDataWithDefaults) {
  QrSymbolStore s;
  EXPECT_TRUE(s.Apply(Store("HELLO")).problem.empty());
  const auto out = s.Apply(kPrint);
  ASSERT_TRUE(out.image.has_value()) << out.problem;
  auto modules = escpos::EncodeQrModules("HELLO", escpos::QrEcLevel::kL);
  EXPECT_EQ(*out.image, escpos::RasterizeQr(*modules, 3));  // Epson defaults: 3 dots, level L
}

TEST(QrSymbolStoreTest, ModuleSizeAndLevelApplyToPrint) {
  QrSymbolStore s;
  EXPECT_TRUE(s.Apply(Bytes{49, 67, 5}).problem.empty());
  EXPECT_TRUE(s.Apply(Bytes{49, 69, 51}).problem.empty());  // H
  EXPECT_TRUE(s.Apply(Store("HELLO WORLD 12345")).problem.empty());
  const auto out = s.Apply(kPrint);
  auto modules = escpos::EncodeQrModules("HELLO WORLD 12345", escpos::QrEcLevel::kH);
  ASSERT_TRUE(out.image.has_value());
  EXPECT_EQ(*out.image, escpos::RasterizeQr(*modules, 5));
}

TEST(QrSymbolStoreTest, BadParametersAreProblemsAndKeepState) {
  QrSymbolStore s;
  EXPECT_FALSE(s.Apply(Bytes{49, 67, 0}).problem.empty());
  EXPECT_FALSE(s.Apply(Bytes{49, 67, 17}).problem.empty());
  EXPECT_FALSE(s.Apply(Bytes{49, 69, 52}).problem.empty());
  EXPECT_FALSE(s.Apply(Bytes{49, 65, 49, 0}).problem.empty());  // model 1
  EXPECT_FALSE(s.Apply(Bytes{48, 65, 50, 0}).problem.empty());  // PDF417
  EXPECT_FALSE(s.Apply(Bytes{49, 99}).problem.empty());
  EXPECT_FALSE(s.Apply(Bytes{49}).problem.empty());
  EXPECT_FALSE(s.Apply(Bytes{49, 80, 47, 'A'}).problem.empty());
  EXPECT_TRUE(s.Apply(Bytes{49, 82, 48}).problem.empty());  // size info: no ink
  EXPECT_TRUE(s.Apply(Store("A")).problem.empty());
  const auto out = s.Apply(kPrint);
  ASSERT_TRUE(out.image.has_value());
  EXPECT_EQ(out.image->width() % 3, 0);  // still the default module size
}

TEST(QrSymbolStoreTest, PrintWithoutDataIsAProblem) {
  QrSymbolStore s;
  const auto out = s.Apply(kPrint);
  EXPECT_FALSE(out.image.has_value());
  EXPECT_NE(out.problem.find("qr_empty"), std::string::npos);
}

}  // namespace
}  // namespace gb::virtual_printer
