#include "drivers/usb/usb_printer.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "drivers/escpos/realtime_status.h"
#include "tests/drivers/usb/usb_testbed.h"

namespace gb::usb {
namespace {

using namespace std::chrono_literals;
using testing::MockUsbDevice;
using testing::UsbDeviceSpec;
using testing::UsbTestbed;

constexpr std::uint8_t kOut = 0x01;
constexpr int kTimeoutMs = 1000;  // generous: only the tests that want a timeout wait

std::vector<std::uint8_t> Job(size_t size) {
  std::vector<std::uint8_t> job(size);
  for (size_t i = 0; i < size; ++i) job[i] = static_cast<std::uint8_t>((i * 7 + 3) % 251);
  return job;
}

class UsbPrinterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(bed_.mocked()) << "run under LD_PRELOAD=libumockdev-preload.so.0";
    printer_ = &bed_.Add(UsbDeviceSpec::Printer({0x04b8, 0x0e15}, "EPSON", "TM-T20", 2));
    auto ctx = UsbContext::Create();
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = *ctx;
  }

  std::unique_ptr<UsbPrinter> Open(std::string_view selector = "usb:04b8:0e15") {
    auto p = UsbPrinter::Open(ctx_, selector);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(*p) : nullptr;
  }

  // Sends DLE EOT n and reads the one-byte reply into *status.
  static base::Status Poll(UsbPrinter& p, escpos::StatusQuery n, escpos::PrinterStatus* status) {
    auto request = escpos::StatusRequest(n);
    GB_RETURN_IF_ERROR(p.Write(request, kTimeoutMs));
    std::uint8_t reply = 0;
    GB_ASSIGN_OR_RETURN(size_t got, p.Read(std::span(&reply, 1), kTimeoutMs));
    if (got != 1) return base::Status::Internal("test", "no reply byte");
    return escpos::ApplyStatusReply(n, reply, status);
  }

  UsbTestbed bed_;
  MockUsbDevice* printer_ = nullptr;
  std::shared_ptr<UsbContext> ctx_;
};

TEST_F(UsbPrinterTest, OpenDetachesUsblpAndClaimsUntilDestroyed) {
  ASSERT_TRUE(printer_->observed().kernel_driver_bound);
  auto p = Open();
  ASSERT_TRUE(p);
  EXPECT_TRUE(printer_->observed().claimed);
  EXPECT_FALSE(printer_->observed().kernel_driver_bound);
  EXPECT_EQ(printer_->observed().driver_detaches, 1);
  EXPECT_EQ(p->Describe(), "usb 04b8:0e15 EPSON TM-T20");
  EXPECT_EQ(p->info().profile, "epson-tm-t20");
  p.reset();
  EXPECT_FALSE(printer_->observed().claimed);
  EXPECT_TRUE(printer_->observed().kernel_driver_bound) << "usblp is given the printer back";
}

TEST_F(UsbPrinterTest, ClaimRefusedIsBusy) {
  printer_->FailClaim(EBUSY);
  auto p = UsbPrinter::Open(ctx_, "usb");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().reason(), "busy");
  EXPECT_NE(p.status().message().find("TM-T20"), std::string::npos) << p.status().message();
}

TEST_F(UsbPrinterTest, UnknownSelectorIsNoDevice) {
  auto p = UsbPrinter::Open(ctx_, "usb:0416:5011");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().reason(), "no_device");
}

TEST_F(UsbPrinterTest, WritesTheExactBytes) {
  auto p = Open();
  ASSERT_TRUE(p);
  std::vector<std::uint8_t> job = {0x1B, 0x40, 'H', 'i', 0x0A, 0x1D, 0x56, 0x42, 0x00};
  ASSERT_TRUE(p->Write(job, kTimeoutMs).ok());
  EXPECT_EQ(printer_->observed().written, job);
}

TEST_F(UsbPrinterTest, JobLargerThanAChunkArrivesWholeInChunks) {
  auto p = Open();
  ASSERT_TRUE(p);
  std::vector<std::uint8_t> job = Job(2 * UsbPrinter::kChunkBytes + 1808);
  ASSERT_TRUE(p->Write(job, kTimeoutMs).ok());
  EXPECT_EQ(printer_->observed().written, job);
  EXPECT_EQ(printer_->observed().out_transfer_sizes, (std::vector<int>{4096, 4096, 1808}));
}

TEST_F(UsbPrinterTest, HealthyPrinterRepliesAllClear) {
  auto p = Open();
  ASSERT_TRUE(p);
  escpos::PrinterStatus s;
  for (auto n : {escpos::StatusQuery::kPrinter, escpos::StatusQuery::kOfflineCause,
                 escpos::StatusQuery::kErrorCause, escpos::StatusQuery::kPaperSensor}) {
    base::Status st = Poll(*p, n, &s);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  EXPECT_EQ(escpos::Describe(s), "ready");
  EXPECT_EQ(
      printer_->observed().written,
      (std::vector<std::uint8_t>{0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4}));
}

TEST_F(UsbPrinterTest, StatusRepliesSayOfflineCoverOpenAndPaperOut) {
  printer_->SetStatusReply(1, 0x1A);  // off-line
  printer_->SetStatusReply(2, 0x36);  // cover open, stopped by paper end
  printer_->SetStatusReply(4, 0x7E);  // near end and end sensors
  auto p = Open();
  ASSERT_TRUE(p);
  escpos::PrinterStatus s;
  ASSERT_TRUE(Poll(*p, escpos::StatusQuery::kPrinter, &s).ok());
  ASSERT_TRUE(Poll(*p, escpos::StatusQuery::kOfflineCause, &s).ok());
  ASSERT_TRUE(Poll(*p, escpos::StatusQuery::kPaperSensor, &s).ok());
  EXPECT_FALSE(s.online);
  EXPECT_TRUE(s.cover_open);
  EXPECT_TRUE(s.paper_out);
  EXPECT_EQ(escpos::Describe(s), "offline: cover open, paper out");
}

TEST_F(UsbPrinterTest, ReadKeepsTheRestOfAPacketForTheNextRead) {
  auto p = Open();
  ASSERT_TRUE(p);
  printer_->QueueIn(0x82, {0x12, 0x1A, 0x16});
  std::uint8_t a[2] = {};
  auto got = p->Read(a, kTimeoutMs);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, 2u);
  EXPECT_EQ(a[0], 0x12);
  EXPECT_EQ(a[1], 0x1A);
  std::uint8_t b[4] = {};
  got = p->Read(b, kTimeoutMs);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, 1u);
  EXPECT_EQ(b[0], 0x16);
}

TEST_F(UsbPrinterTest, SilentPrinterReadTimesOut) {
  auto p = Open();
  ASSERT_TRUE(p);
  std::uint8_t b[1];
  auto start = std::chrono::steady_clock::now();
  auto got = p->Read(b, 30);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().reason(), "timeout");
  EXPECT_GE(std::chrono::steady_clock::now() - start, 25ms);
  // The discarded transfer leaves the pipe usable.
  printer_->QueueIn(0x82, {0x12});
  got = p->Read(b, kTimeoutMs);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(b[0], 0x12);
}

TEST_F(UsbPrinterTest, PrinterThatStopsReadingTimesOut) {
  auto p = Open();
  ASSERT_TRUE(p);
  printer_->HoldOut(true);
  base::Status st = p->Write(Job(100), 30);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), "timeout");
  EXPECT_NE(st.message().find("0 of 100 bytes"), std::string::npos) << st.message();
  printer_->HoldOut(false);
  EXPECT_TRUE(p->Write(Job(10), kTimeoutMs).ok());
}

TEST_F(UsbPrinterTest, StallIsAnIoErrorAndTheHaltIsCleared) {
  auto p = Open();
  ASSERT_TRUE(p);
  printer_->StallNext(kOut);
  base::Status st = p->Write(Job(10), kTimeoutMs);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), "io_error");
  EXPECT_NE(st.message().find("stalled"), std::string::npos) << st.message();
  EXPECT_EQ(printer_->observed().halts_cleared, 1);
  std::vector<std::uint8_t> job = Job(20);
  ASSERT_TRUE(p->Write(job, kTimeoutMs).ok());
  EXPECT_EQ(printer_->observed().written, job);
}

TEST_F(UsbPrinterTest, UnplugMidJobIsUnpluggedAndReplugPrintsTheJob) {
  auto p = Open();
  ASSERT_TRUE(p);
  printer_->HoldOut(true);
  std::vector<std::uint8_t> job = Job(3 * UsbPrinter::kChunkBytes);
  base::Status st;
  std::thread writer([&] { st = p->Write(job, 5000); });
  ASSERT_TRUE(printer_->WaitForPending(kOut, 2s));
  printer_->Unplug();
  writer.join();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.reason(), "unplugged") << st.ToString();
  EXPECT_EQ(p->Write(job, kTimeoutMs).reason(), "unplugged");
  p.reset();

  printer_->HoldOut(false);
  printer_->Plug();
  auto again = Open();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->info().address, printer_->devnum());
  ASSERT_TRUE(again->Write(job, kTimeoutMs).ok());
  EXPECT_EQ(printer_->observed().written, job);
}

}  // namespace
}  // namespace gb::usb
