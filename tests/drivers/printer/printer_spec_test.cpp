#include "drivers/printer/printer_spec.h"

#include <gtest/gtest.h>

namespace gb::printer {
namespace {

TEST(PrinterSpecTest, ParsesEveryFormAndRoundTrips) {
  struct Row {
    const char* text;
    PrinterSpec::Kind kind;
    const char* path;
    uint16_t vid, pid;
  };
  const Row rows[] = {
      {"png:/tmp/out", PrinterSpec::Kind::kPng, "/tmp/out", 0, 0},
      {"file:/dev/usb/lp0", PrinterSpec::Kind::kFile, "/dev/usb/lp0", 0, 0},
      {"usb", PrinterSpec::Kind::kUsb, "", 0, 0},
      {"usb:04b8:0e15", PrinterSpec::Kind::kUsb, "", 0x04b8, 0x0e15},
      {"usb:04B8:0E15", PrinterSpec::Kind::kUsb, "", 0x04b8, 0x0e15},
  };
  for (const Row& r : rows) {
    auto s = ParsePrinterSpec(r.text);
    ASSERT_TRUE(s.ok()) << r.text << ": " << s.status().ToString();
    EXPECT_EQ(s->kind, r.kind) << r.text;
    EXPECT_EQ(s->path, r.path) << r.text;
    EXPECT_EQ(s->vid, r.vid) << r.text;
    EXPECT_EQ(s->pid, r.pid) << r.text;
    EXPECT_EQ(ParsePrinterSpec(s->ToString()).value().ToString(), s->ToString());
  }
}

TEST(PrinterSpecTest, RefusalsSayWhatIsAccepted) {
  for (const char* bad : {"", "lpt1", "png:", "file:", "usb:4b8:e15", "usb:04b8", "usb:zzzz:0e15",
                          "usb:04b8:0e15:1", "USB"}) {
    auto s = ParsePrinterSpec(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().reason(), "bad_printer_spec") << bad;
    EXPECT_NE(s.status().message().find("png:DIR"), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace gb::printer
