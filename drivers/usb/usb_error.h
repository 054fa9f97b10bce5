// The one conversion from a libusb error code to a Status (shared/style.md,
// point 4). Every libusb call in drivers/usb reports failure through here.
//
// Reasons are the ones printer::Transport promises:
//   LIBUSB_ERROR_NO_DEVICE  -> "unplugged"      kUnavailable
//   LIBUSB_ERROR_NOT_FOUND  -> "no_device"      kNotFound
//   LIBUSB_ERROR_BUSY       -> "busy"           kFailedPrecondition
//   LIBUSB_ERROR_ACCESS     -> "no_permission"  kPermissionDenied
//   LIBUSB_ERROR_TIMEOUT    -> "timeout"        kDeadlineExceeded
//   LIBUSB_ERROR_PIPE       -> "io_error"       kIoError, message says "endpoint stalled"
//   anything else           -> "io_error"       kIoError
// A stall has no reason of its own because the Transport contract has none:
// for the print queue a stalled pipe is an I/O failure like any other (the
// printer object clears the halt so the next job can go).
//
// Messages name the operation and the device: "bulk write to usb 04b8:0e15:
// device unplugged (LIBUSB_ERROR_NO_DEVICE)".
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "core/base/status.h"

namespace gb::usb {

// REQUIRES: code < 0 (a libusb_error value). A code >= 0 yields an internal
// error, since it means the caller mistook success for failure.
base::Status UsbError(int code, std::string_view operation, std::string_view device);

}  // namespace gb::usb
