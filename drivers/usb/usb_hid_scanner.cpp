#include "drivers/usb/usb_hid_scanner.h"

#include <libusb.h>

#include <optional>

#include "drivers/usb/device_scan.h"
#include "drivers/usb/usb_error.h"
#include "drivers/usb/usb_handle.h"

namespace gb::usb {
namespace {

constexpr long kEventTickUs = 50'000;

}  // namespace

base::Result<std::unique_ptr<UsbHidScanner>> UsbHidScanner::Open(
    std::shared_ptr<UsbContext> ctx, std::string_view selector, ReportCallback callback,
    std::span<const UsbId> configured) {
  GB_ASSIGN_OR_RETURN(UsbDeviceInfo info, ctx->FindScanner(selector, configured));
  internal::DevicePtr device = internal::FindByAddress(ctx->raw(), info.bus, info.address);
  std::optional<internal::InterfaceEndpoints> ep;
  if (device) {
    for (const internal::InterfaceEndpoints& e : internal::ListInterfaces(device.get())) {
      if (e.interface_number == info.interface_number && e.interrupt_in != 0) ep = e;
    }
  }
  if (!ep) return UsbError(LIBUSB_ERROR_NO_DEVICE, "opening", Describe(info));
  GB_ASSIGN_OR_RETURN(
      std::unique_ptr<internal::UsbHandle> handle,
      internal::UsbHandle::Open(device.get(), ep->interface_number, Describe(info)));
  // Read before the first transfer is in flight: no report can be missed
  // meanwhile, since nothing reads the interface yet.
  std::optional<std::vector<std::uint8_t>> descriptor =
      internal::ReadHidReportDescriptor(device.get(), handle->get(), ep->interface_number);
  std::unique_ptr<UsbHidScanner> s(
      new UsbHidScanner(std::move(ctx), std::move(handle), std::move(info), std::move(callback)));
  if (descriptor) s->report_descriptor_ = std::move(*descriptor);
  s->transfer_ = libusb_alloc_transfer(0);
  if (s->transfer_ == nullptr) {
    return base::Status::Internal("internal", "libusb_alloc_transfer failed");
  }
  GB_RETURN_IF_ERROR(s->Submit(ep->interrupt_in, ep->interrupt_in_max_packet));
  s->thread_ = std::thread([raw = s.get()] { raw->Run(); });
  return s;
}

UsbHidScanner::UsbHidScanner(std::shared_ptr<UsbContext> ctx,
                             std::unique_ptr<internal::UsbHandle> handle, UsbDeviceInfo info,
                             ReportCallback callback)
    : ctx_(std::move(ctx)),
      handle_(std::move(handle)),
      info_(std::move(info)),
      callback_(std::move(callback)) {}

UsbHidScanner::~UsbHidScanner() {
  Stop();
  // Free the transfer before the handle closes and the context goes.
  if (transfer_ != nullptr) libusb_free_transfer(transfer_);
}

base::Status UsbHidScanner::Submit(std::uint8_t endpoint, std::uint16_t packet) {
  buffer_.assign(packet == 0 ? 64 : packet, 0);
  // No timeout: a scanner is silent until someone scans. Stop() cancels.
  libusb_fill_interrupt_transfer(transfer_, handle_->get(), endpoint, buffer_.data(),
                                 static_cast<int>(buffer_.size()), &UsbHidScanner::OnTransfer, this,
                                 0);
  int r = libusb_submit_transfer(transfer_);
  if (r != LIBUSB_SUCCESS) return UsbError(r, "interrupt read from", Describe(info_));
  in_flight_ = true;
  return base::Status::Ok();
}

// Runs on whichever thread is handling libusb events; only queues.
void UsbHidScanner::OnTransfer(libusb_transfer* transfer) {
  auto* self = static_cast<UsbHidScanner*>(transfer->user_data);
  std::lock_guard lock(self->mu_);
  self->in_flight_ = false;
  std::string where = Describe(self->info_);
  switch (transfer->status) {
    case LIBUSB_TRANSFER_COMPLETED:
      self->queue_.push_back(Item{
          base::Status::Ok(),
          std::vector<std::uint8_t>(transfer->buffer, transfer->buffer + transfer->actual_length)});
      break;
    case LIBUSB_TRANSFER_CANCELLED:
      return;  // Stop() asked for it
    case LIBUSB_TRANSFER_NO_DEVICE:
      self->queue_.push_back(
          Item{UsbError(LIBUSB_ERROR_NO_DEVICE, "interrupt read from", where), {}});
      return;
    case LIBUSB_TRANSFER_STALL:
      self->queue_.push_back(Item{UsbError(LIBUSB_ERROR_PIPE, "interrupt read from", where), {}});
      return;
    case LIBUSB_TRANSFER_TIMED_OUT:
      break;  // not armed (timeout 0); resubmit if it ever happens
    default:
      self->queue_.push_back(Item{UsbError(LIBUSB_ERROR_IO, "interrupt read from", where), {}});
      return;
  }
  if (self->stopping_) return;
  int r = libusb_submit_transfer(transfer);
  if (r == LIBUSB_SUCCESS) {
    self->in_flight_ = true;
  } else {
    self->queue_.push_back(Item{UsbError(r, "interrupt read from", where), {}});
  }
}

void UsbHidScanner::Run() {
  for (;;) {
    timeval tv{0, kEventTickUs};
    libusb_handle_events_timeout_completed(ctx_->raw(), &tv, nullptr);
    for (;;) {
      Item item;
      {
        std::lock_guard lock(mu_);
        if (queue_.empty()) {
          // Nothing in flight and nothing to hand over: a failure was the
          // last word, or Stop() cancelled the transfer and it came back.
          if (!in_flight_) return;
          break;
        }
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      callback_(item.status, item.report);
    }
  }
}

void UsbHidScanner::Stop() {
  bool cancel = false;
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      stopping_ = true;
      cancel = in_flight_;
    }
  }
  // The thread keeps handling events until the cancelled transfer is back.
  if (cancel) libusb_cancel_transfer(transfer_);
  if (thread_.joinable()) thread_.join();
}

}  // namespace gb::usb
