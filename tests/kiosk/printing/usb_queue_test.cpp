// The whole print path on the real libusb code: sign-up -> ledger job ->
// PrintQueue -> EscposPrinter -> UsbTransport -> UsbPrinter -> an Epson TM-T20 emulated by
// umockdev. Paper out holds the job until paper is back; a printer unplugged
// in the middle of a job prints it, marked REPRINT, after it is plugged in.
#include "drivers/printer/escpos_printer.h"
#include "drivers/printer/usb_transport.h"
#include "tests/drivers/usb/usb_testbed.h"
#include "tests/kiosk/printing/queue_fixture.h"
#include "tests/kiosk/receipts/drawn_words.h"

namespace gb::printing {
namespace {

using namespace std::chrono_literals;
using testing::QueueFixture;
using testing::WaitUntil;

constexpr uint8_t kOut = 0x01;
constexpr uint8_t kHealthy = 0x12;      // status reply with only the fixed bits
constexpr uint8_t kPaperEnd = 0x12 | 0x60;  // DLE EOT 4: roll end sensor

class UsbQueueTest : public QueueFixture {
 protected:
  void SetUp() override {
    QueueFixture::SetUp();
    ASSERT_TRUE(bed_.mocked()) << "run under LD_PRELOAD=libumockdev-preload.so.0";
    device_ = &bed_.Add(usb::testing::UsbDeviceSpec::Printer({0x04b8, 0x0e15}, "EPSON", "TM-T20", 2));
    for (int n = 1; n <= 4; ++n) device_->SetStatusReply(static_cast<uint8_t>(n), kHealthy);
    auto ctx = usb::UsbContext::Create();
    ASSERT_TRUE(ctx.ok());
    ctx_ = *ctx;
    printer::EscposPrinterOptions o;
    o.write_timeout_ms = 5000;
    printer_ = std::make_unique<printer::EscposPrinter>(
        [this]() -> base::Result<std::unique_ptr<printer::Transport>> {
          GB_ASSIGN_OR_RETURN(auto p, printer::UsbTransport::Open(ctx_, "usb:04b8:0e15"));
          return std::unique_ptr<printer::Transport>(std::move(p));
        },
        *escpos::FindProfileByName("epson-tm-t20"), o);
    auto q = PrintQueue::Start(path_, ledger::testing::TestIdentity(), *printer_, Renderer(),
                               Options());
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    queue_ = std::move(q).value();
  }
  void TearDown() override {
    queue_.reset();
    printer_.reset();
    QueueFixture::TearDown();
  }
  std::string Written() const {
    const auto& w = device_->observed().written;
    return std::string(w.begin(), w.end());
  }

  usb::testing::UsbTestbed bed_;
  usb::testing::MockUsbDevice* device_ = nullptr;
  std::shared_ptr<usb::UsbContext> ctx_;
  std::unique_ptr<printer::EscposPrinter> printer_;
  std::unique_ptr<PrintQueue> queue_;
};

TEST_F(UsbQueueTest, AVoucherReachesTheUsbPrinterOnce) {
  auto a = SignUp(1);
  queue_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return queue_->View().queue.done == 1; }));
  const std::string w = Written();
  EXPECT_NE(w.find(receipts::drawn::CodeLine("epson-tm-t20", a.short_code)), std::string::npos);
  EXPECT_EQ(w.find(receipts::drawn::ReprintMark("epson-tm-t20")), std::string::npos);
  EXPECT_TRUE(device_->observed().claimed);
}

TEST_F(UsbQueueTest, PaperOutHoldsTheJobUntilPaperIsBack) {
  device_->SetStatusReply(4, kPaperEnd);
  auto a = SignUp(1);
  queue_->Wake();
  ASSERT_TRUE(WaitUntil([&] { return queue_->View().queue.held == 1; }));
  EXPECT_EQ(queue_->View().reason, "paper_out");
  EXPECT_EQ(Written().find(receipts::drawn::CodeLine("epson-tm-t20", a.short_code)), std::string::npos);
  device_->SetStatusReply(4, kHealthy);
  ASSERT_TRUE(WaitUntil([&] { return queue_->View().queue.done == 1; }));
  EXPECT_NE(Written().find(receipts::drawn::CodeLine("epson-tm-t20", a.short_code)), std::string::npos);
  EXPECT_EQ(Written().find(receipts::drawn::ReprintMark("epson-tm-t20")), std::string::npos) << "nothing had been sent";
}

TEST_F(UsbQueueTest, UnplugMidJobPrintsItMarkedAfterReplug) {
  // The status checks pass and part of the job goes out; then the printer
  // stops taking bytes and is pulled out.
  device_->HoldOutAfter(64);
  auto a = SignUp(1);
  queue_->Wake();
  ASSERT_TRUE(device_->WaitForPending(kOut, 5s));
  device_->Unplug();
  ASSERT_TRUE(WaitUntil([&] { return queue_->View().queue.held == 1; }));
  EXPECT_EQ(queue_->View().queue.held_reason, "unplugged");
  EXPECT_FALSE(queue_->View().ready);
  const size_t before = Written().size();
  EXPECT_GT(before, 64u) << "part of the job had left";
  device_->HoldOut(false);
  device_->Plug();
  ASSERT_TRUE(WaitUntil([&] { return queue_->View().queue.done == 1; }));
  const std::string after = Written().substr(before);
  EXPECT_NE(after.find(receipts::drawn::CodeLine("epson-tm-t20", a.short_code)), std::string::npos);
  EXPECT_NE(after.find(receipts::drawn::ReprintMark("epson-tm-t20")), std::string::npos);
  EXPECT_TRUE(queue_->View().ready);
}

}  // namespace
}  // namespace gb::printing
