#include "drivers/virtual/png_printer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/base/file_util.h"
#include "drivers/escpos/builder.h"
#include "drivers/virtual/png_codec.h"

namespace gb::virtual_printer {
namespace {

namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

class PngPrinterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() /
            ("gb_png_printer_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Bytes Job(std::string_view text) {
    escpos::Builder b(profile_);
    b.Initialize().Text(text).Feed(1).Cut();
    return b.Take();
  }

  escpos::PrinterProfile profile_ = *escpos::FindProfileByName("generic-58mm");
  std::string dir_;
};

TEST_F(PngPrinterTest, WritesNumberedPngAndRawBytes) {
  auto printer = PngPrinter::Create(dir_ + "/out", profile_);
  ASSERT_TRUE(printer.ok()) << printer.status().ToString();
  const Bytes job = Job("hello");
  auto report = printer->Print(job);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->number, 1);
  EXPECT_EQ(report->png_path, dir_ + "/out/0001.png");
  EXPECT_EQ(report->escpos_path, dir_ + "/out/0001.escpos");
  EXPECT_EQ(report->pages, 1);
  EXPECT_TRUE(report->diagnostics.empty());

  auto raw = base::ReadFile(report->escpos_path);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw, std::string(job.begin(), job.end()));
  auto png = base::ReadFile(report->png_path);
  ASSERT_TRUE(png.ok());
  auto image = DecodePng(*png);
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_EQ(image->width, 384);
  EXPECT_EQ(image->height, 30 + kCutGapRows);
  const escpos::Bitmap ink = ToBitmap(*image);
  EXPECT_GT(ink.Crop(0, 0, 384, 30).CountInk(), 50);
  EXPECT_EQ(image->At(0, 30 + kCutGapRows / 2), kCutMark);
  // No temporary files are left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_ + "/out")) ++files;
  EXPECT_EQ(files, 2);
}

TEST_F(PngPrinterTest, NumberingContinuesAfterRestart) {
  {
    auto printer = PngPrinter::Create(dir_, profile_);
    ASSERT_TRUE(printer.ok());
    ASSERT_TRUE(printer->Print(Job("a")).ok());
    ASSERT_TRUE(printer->Print(Job("b")).ok());
  }
  ASSERT_TRUE(base::WriteFileAtomic(dir_ + "/0041.escpos", "x", 0644, base::Overwrite::kNo).ok());
  ASSERT_TRUE(base::WriteFileAtomic(dir_ + "/notes.txt", "x", 0644, base::Overwrite::kNo).ok());
  auto printer = PngPrinter::Create(dir_, profile_);
  ASSERT_TRUE(printer.ok());
  auto report = printer->Print(Job("c"));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->number, 42);
  EXPECT_TRUE(fs::exists(dir_ + "/0042.png"));
  EXPECT_TRUE(fs::exists(dir_ + "/0002.png"));
}

TEST_F(PngPrinterTest, DiagnosticsAreReturnedAndTheJobStillPrints) {
  auto printer = PngPrinter::Create(dir_, profile_);
  ASSERT_TRUE(printer.ok());
  auto report = printer->Print(Bytes{'a', 0x1B, 0x7A, 0x0A});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->diagnostics.size(), 1u);
  EXPECT_EQ(report->diagnostics[0].offset, 1u);
  EXPECT_TRUE(fs::exists(report->png_path));
}

TEST_F(PngPrinterTest, EmptyJobGivesAOneRowPng) {
  auto printer = PngPrinter::Create(dir_, profile_);
  ASSERT_TRUE(printer.ok());
  auto report = printer->Print({});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->pages, 0);
  auto image = DecodePng(*base::ReadFile(report->png_path));
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->height, 1);
}

TEST_F(PngPrinterTest, JobNumbersRunOutAfter9999) {
  auto printer = PngPrinter::Create(dir_, profile_);
  ASSERT_TRUE(printer.ok());
  ASSERT_TRUE(base::WriteFileAtomic(dir_ + "/9999.png", "x", 0644, base::Overwrite::kNo).ok());
  auto report = printer->Print(Job("a"));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().reason(), "job_numbers_exhausted");
}

TEST_F(PngPrinterTest, DirectoryReplacedByAFileFails) {
  auto printer = PngPrinter::Create(dir_, profile_);
  ASSERT_TRUE(printer.ok());
  fs::remove_all(dir_);
  ASSERT_TRUE(base::WriteFileAtomic(dir_, "x", 0644, base::Overwrite::kNo).ok());
  auto report = printer->Print(Job("a"));
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find(dir_), std::string::npos);
}

TEST_F(PngPrinterTest, CreateFailsUnderAFile) {
  ASSERT_TRUE(base::WriteFileAtomic(dir_, "x", 0644, base::Overwrite::kNo).ok());
  auto printer = PngPrinter::Create(dir_ + "/sub", profile_);
  EXPECT_FALSE(printer.ok());
}

TEST(PngCodecTest, GreyImageSurvivesEncodeAndDecode) {
  GrayImage img{5, 3, {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 128, 160, 200, 255}};
  auto png = EncodePng(img);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->substr(1, 3), "PNG");
  auto back = DecodePng(*png);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->width, 5);
  EXPECT_EQ(back->height, 3);
  EXPECT_EQ(back->pixels, img.pixels);
}

TEST(PngCodecTest, GarbageIsAnError) {
  auto r = DecodePng("not a png");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "png_failed");
}

}  // namespace
}  // namespace gb::virtual_printer
