#include "drivers/usb/usb_printer.h"

#include <libusb.h>

#include <algorithm>
#include <climits>

#include "drivers/usb/device_scan.h"
#include "drivers/usb/usb_error.h"
#include "drivers/usb/usb_handle.h"

namespace gb::usb {

base::Result<std::unique_ptr<UsbPrinter>> UsbPrinter::Open(std::shared_ptr<UsbContext> ctx,
                                                           std::string_view selector) {
  GB_ASSIGN_OR_RETURN(UsbDeviceInfo info, ctx->FindPrinter(selector));
  // Found a moment ago by address; it may have left since.
  internal::DevicePtr device = internal::FindByAddress(ctx->raw(), info.bus, info.address);
  if (!device) {
    return UsbError(LIBUSB_ERROR_NO_DEVICE, "opening", gb::usb::Describe(info));
  }
  std::optional<std::pair<UsbDeviceInfo, internal::InterfaceEndpoints>> match =
      internal::MatchPrinter(device.get());
  if (!match) return UsbError(LIBUSB_ERROR_NO_DEVICE, "opening", gb::usb::Describe(info));
  const internal::InterfaceEndpoints& ep = match->second;
  GB_ASSIGN_OR_RETURN(
      std::unique_ptr<internal::UsbHandle> handle,
      internal::UsbHandle::Open(device.get(), ep.interface_number, gb::usb::Describe(info)));
  return std::unique_ptr<UsbPrinter>(new UsbPrinter(std::move(ctx), std::move(handle),
                                                    std::move(info), ep.bulk_out, ep.bulk_in,
                                                    ep.bulk_in_max_packet));
}

UsbPrinter::UsbPrinter(std::shared_ptr<UsbContext> ctx, std::unique_ptr<internal::UsbHandle> handle,
                       UsbDeviceInfo info, std::uint8_t out_ep, std::uint8_t in_ep,
                       std::uint16_t in_packet)
    : ctx_(std::move(ctx)),
      handle_(std::move(handle)),
      info_(std::move(info)),
      out_ep_(out_ep),
      in_ep_(in_ep),
      // A zero wMaxPacketSize is a broken descriptor; 64 is full speed's size.
      in_packet_(in_packet == 0 ? 64 : in_packet) {}

// The handle must go before the context it came from; member order does it.
UsbPrinter::~UsbPrinter() = default;

std::string UsbPrinter::Describe() const { return gb::usb::Describe(info_); }

base::Status UsbPrinter::Write(std::span<const uint8_t> bytes, int timeout_ms) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    size_t chunk = std::min(kChunkBytes, bytes.size() - sent);
    int transferred = 0;
    // libusb takes a non-const buffer for both directions; OUT is only read.
    int r = libusb_bulk_transfer(handle_->get(), out_ep_, const_cast<uint8_t*>(bytes.data() + sent),
                                 static_cast<int>(chunk), &transferred,
                                 static_cast<unsigned>(std::max(timeout_ms, 1)));
    sent += static_cast<size_t>(std::max(transferred, 0));
    if (r == LIBUSB_ERROR_PIPE) {
      // Left halted, the endpoint would fail every later job too.
      libusb_clear_halt(handle_->get(), out_ep_);
    }
    if (r != LIBUSB_SUCCESS) {
      return UsbError(r,
                      "bulk write (" + std::to_string(sent) + " of " +
                          std::to_string(bytes.size()) + " bytes sent) to",
                      Describe());
    }
    if (static_cast<size_t>(transferred) != chunk) {
      return base::Status::IoError("io_error", "bulk write to " + Describe() + ": short write, " +
                                                   std::to_string(sent) + " of " +
                                                   std::to_string(bytes.size()) + " bytes sent");
    }
  }
  return base::Status::Ok();
}

base::Result<size_t> UsbPrinter::Read(std::span<uint8_t> buf, int timeout_ms) {
  if (in_ep_ == 0 || buf.empty()) return size_t{0};
  if (pending_in_.empty()) {
    // Whole packets: a buffer that is not a multiple of wMaxPacketSize can
    // overflow when the printer sends more than asked for.
    size_t packets = std::max<size_t>(1, 512 / size_t{in_packet_});
    std::vector<uint8_t> packet(packets * in_packet_);
    int got = 0;
    int r =
        libusb_bulk_transfer(handle_->get(), in_ep_, packet.data(), static_cast<int>(packet.size()),
                             &got, static_cast<unsigned>(std::max(timeout_ms, 1)));
    if (r == LIBUSB_ERROR_PIPE) libusb_clear_halt(handle_->get(), in_ep_);
    // A timeout with bytes is a success: they arrived, the rest did not.
    if (r != LIBUSB_SUCCESS && !(r == LIBUSB_ERROR_TIMEOUT && got > 0)) {
      return UsbError(r, "bulk read from", Describe());
    }
    if (got == 0) {
      // A zero-length packet: the printer answered with nothing.
      return UsbError(LIBUSB_ERROR_TIMEOUT, "bulk read (empty packet) from", Describe());
    }
    pending_in_.assign(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(got));
  }
  size_t n = std::min(buf.size(), pending_in_.size());
  std::copy_n(pending_in_.begin(), n, buf.begin());
  pending_in_.erase(pending_in_.begin(), pending_in_.begin() + static_cast<std::ptrdiff_t>(n));
  return n;
}

}  // namespace gb::usb
