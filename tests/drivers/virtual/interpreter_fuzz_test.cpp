// Bounded fuzzing of the interpreter: random, truncated and mutated jobs must
// never crash, hang or break the output invariants. Run under the asan preset
// to catch memory errors too.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "drivers/escpos/builder.h"
#include "drivers/virtual/interpreter.h"

namespace gb::virtual_printer {
namespace {

using Bytes = std::vector<std::uint8_t>;

void CheckInvariants(const Rendering& r, const Bytes& job, int width) {
  for (const Page& p : r.pages) {
    ASSERT_EQ(p.image.width(), width);
    ASSERT_LE(p.image.height(), PageCanvas::kMaxRows);
  }
  ASSERT_LE(r.diagnostics.size(), Interpreter::kMaxDiagnostics + 1);
  for (const Diagnostic& d : r.diagnostics) ASSERT_LE(d.offset, job.size());
}

// A job that uses every emulated command.
Bytes ValidJob(const escpos::PrinterProfile& profile) {
  escpos::Builder b(profile);
  escpos::Bitmap img(40, 300);
  for (int y = 0; y < 300; ++y) img.Set(y % 40, y, true);
  b.Initialize().SetAlign(escpos::Align::kCenter).SetBold(true).SetSize(true, true);
  b.Text("TITLE").Feed(1).SetSize(false, false).SetBold(false).Text("line").Feed(2);
  b.Raster(img);
  EXPECT_TRUE(b.NativeQr("GB1:0123456789").ok());
  b.Text("end").Cut();
  return b.Take();
}

class InterpreterFuzzTest : public ::testing::Test {
 protected:
  escpos::PrinterProfile profile_ = *escpos::FindProfileByName("epson-tm-t20");
  Interpreter interpreter_{profile_};
};

TEST_F(InterpreterFuzzTest, ValidJobIsClean) {
  const Bytes job = ValidJob(profile_);
  const Rendering r = interpreter_.Run(job);
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].ToString();
  ASSERT_EQ(r.pages.size(), 1u);
}

TEST_F(InterpreterFuzzTest, RandomBuffersNeverCrash) {
  // Command bytes are over-represented so that parsers are reached often.
  const Bytes interesting = {0x1B, 0x1D, 0x10, 0x0A, 0x04, 0x28, 0x6B, 0x76, 0x30, 0x56, 0x61,
                             0x45, 0x64, 0x21, 0x40, 0x31, 0x50, 0x51, 0x43, 0x00, 0x01, 0x42};
  std::mt19937 rng(20240601);
  for (int i = 0; i < 2000; ++i) {
    Bytes job(rng() % 600);
    for (std::uint8_t& b : job) {
      b = (rng() % 3 == 0) ? interesting[rng() % interesting.size()]
                           : static_cast<std::uint8_t>(rng());
    }
    const Rendering r = interpreter_.Run(job);
    CheckInvariants(r, job, profile_.width_dots);
    if (HasFatalFailure()) return;
  }
}

TEST_F(InterpreterFuzzTest, EveryPrefixOfAValidJobIsSafe) {
  const Bytes job = ValidJob(profile_);
  for (std::size_t n = 0; n <= job.size(); ++n) {
    const Bytes prefix(job.begin(), job.begin() + static_cast<std::ptrdiff_t>(n));
    const Rendering r = interpreter_.Run(prefix);
    CheckInvariants(r, prefix, profile_.width_dots);
    if (HasFatalFailure()) return;
  }
}

TEST_F(InterpreterFuzzTest, MutatedValidJobsNeverCrash) {
  const Bytes job = ValidJob(profile_);
  std::mt19937 rng(7);
  for (int i = 0; i < 1000; ++i) {
    Bytes m = job;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 4); ++k) {
      m[rng() % m.size()] = static_cast<std::uint8_t>(rng());
    }
    const Rendering r = interpreter_.Run(m);
    CheckInvariants(r, m, profile_.width_dots);
    if (HasFatalFailure()) return;
  }
}

TEST_F(InterpreterFuzzTest, HugeDeclaredSizesAreBounded) {
  // Headers that promise 65535 x 65535 raster bytes and a 64 KiB QR block.
  const Rendering raster =
      interpreter_.Run(Bytes{0x1D, 0x76, 0x30, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 1});
  ASSERT_EQ(raster.diagnostics.size(), 1u);
  EXPECT_NE(raster.diagnostics[0].message.find("truncated"), std::string::npos);
  const Rendering qr = interpreter_.Run(Bytes{0x1D, 0x28, 0x6B, 0xFF, 0xFF, 0x31, 0x50, 0x30});
  ASSERT_EQ(qr.diagnostics.size(), 1u);
  // Many tall rasters: the paper length cap stops the growth.
  Bytes tall;
  for (int i = 0; i < 60; ++i) {
    const Bytes header{0x1D, 0x76, 0x30, 0x03, 0x01, 0x00, 0xFF, 0x07};  // 2047 rows, x2 tall
    tall.insert(tall.end(), header.begin(), header.end());
    tall.insert(tall.end(), 2047, 0xAA);
  }
  const Rendering r = interpreter_.Run(tall);
  CheckInvariants(r, tall, profile_.width_dots);
  bool capped = false;
  for (const Diagnostic& d : r.diagnostics)
    capped |= d.message.find("length cap") != std::string::npos;
  EXPECT_TRUE(capped);
}

}  // namespace
}  // namespace gb::virtual_printer
