#include "drivers/escpos/printer_profile.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace gb::escpos {
namespace {

TEST(PrinterProfileTest, FindsRowsByName) {
  auto p = FindProfileByName("generic-80mm");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->width_dots, 576);
  EXPECT_EQ(p->dpi, 203);
  auto t88 = FindProfileByName("epson-tm-t88v");
  ASSERT_TRUE(t88.ok());
  EXPECT_EQ(t88->width_dots, 512);
  EXPECT_EQ(t88->dpi, 180);
}

TEST(PrinterProfileTest, FindsRowsByUsbId) {
  auto t20 = FindProfileByUsbId(0x04b8, 0x0e15);
  ASSERT_TRUE(t20.ok());
  EXPECT_EQ(t20->name, "epson-tm-t20");
  EXPECT_TRUE(t20->quirks.native_qr);
  auto cn = FindProfileByUsbId(0x0416, 0x5011);
  ASSERT_TRUE(cn.ok());
  EXPECT_EQ(cn->width_dots, 384);
  EXPECT_FALSE(cn->quirks.has_cutter);
}

TEST(PrinterProfileTest, UnknownPrinterIsNotFoundWithKnownNames) {
  auto p = FindProfileByName("tm-xyz");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), base::Code::kNotFound);
  EXPECT_EQ(p.status().reason(), "unknown_printer");
  EXPECT_NE(p.status().message().find("generic-58mm"), std::string::npos);
  auto u = FindProfileByUsbId(0x1234, 0x5678);
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.status().message().find("1234:5678"), std::string::npos);
}

TEST(PrinterProfileTest, GenericRowsDoNotMatchUsbIdZero) {
  EXPECT_FALSE(FindProfileByUsbId(0, 0).ok());
}

TEST(PrinterProfileTest, EveryRowIsUsable) {
  std::set<std::string_view> names;
  for (const PrinterProfile& p : AllProfiles()) {
    SCOPED_TRACE(std::string(p.name));
    EXPECT_TRUE(names.insert(p.name).second) << "duplicate name";
    EXPECT_EQ(p.width_dots % 8, 0);
    EXPECT_GE(p.width_dots, 384);
    EXPECT_GT(p.dpi, 100);
    EXPECT_FALSE(p.partial_cut.empty());
    EXPECT_FALSE(p.full_cut.empty());
    EXPECT_GE(p.quirks.max_raster_band_rows, 24);
    EXPECT_LE(p.quirks.max_raster_band_rows, 2303);  // Epson's GS v 0 maximum
  }
  EXPECT_EQ(names.size(), 5u);
}

}  // namespace
}  // namespace gb::escpos
