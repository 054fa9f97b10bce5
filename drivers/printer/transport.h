// Transport: the seam between a printer protocol and the wire it runs on.
//
// A transport moves bytes to and from one printer: a USB bulk pipe
// (UsbTransport over libusb), a device node (file:), or the virtual printer
// (png:). The print queue and the status poller speak only this interface,
// so tests swap in FakeTransport (tests/support/fake_transport.h).
//
// Errors use these reasons so the queue can tell a held job from a bug:
//   "unplugged"      the device went away (retry after it comes back)
//   "timeout"        nothing moved within the timeout (retry)
//   "busy"           another program or driver holds the device
//   "no_permission"  the OS refused access (udev rule or group missing)
//   "no_device"      nothing matches the selector
//   "io_error"       anything else the wire reported
// Thread-compatible: one thread uses a transport at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/base/result.h"

namespace gb::printer {

class Transport {
 public:
  virtual ~Transport() = default;

  // Writes all bytes or fails; a partial write is reported as a failure
  // (the caller resets the printer and resends the whole job).
  virtual base::Status Write(std::span<const uint8_t> bytes, int timeout_ms) = 0;

  // Reads up to buf.size() bytes the printer sent back (real-time status).
  // Returns 0 when the transport has no way back (file:, some printers).
  virtual base::Result<size_t> Read(std::span<uint8_t> buf, int timeout_ms) = 0;

  // Marks the end of one job. The virtual printer renders the job's page
  // here; wire transports have nothing to do.
  virtual base::Status EndJob() { return base::Status::Ok(); }

  // A human name for messages and the staff screen ("usb 04b8:0e15 TM-T20").
  virtual std::string Describe() const = 0;
};

}  // namespace gb::printer
