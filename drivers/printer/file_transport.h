// FileTransport: raw bytes to a device node owned by the kernel's printer
// driver (file:/dev/usb/lp0). There is no way back, so Read returns 0 bytes
// and the printer's status is unknown ("no status" on the staff screen).
#pragma once

#include <memory>
#include <string>

#include "drivers/printer/transport.h"

namespace gb::printer {

class FileTransport final : public Transport {
 public:
  // Opens an existing node for writing; never creates one (a typo would
  // otherwise print into a new file). Reasons: "no_device", "no_permission", "busy".
  static base::Result<std::unique_ptr<FileTransport>> Open(const std::string& path);
  ~FileTransport() override;
  FileTransport(const FileTransport&) = delete;
  FileTransport& operator=(const FileTransport&) = delete;

  base::Status Write(std::span<const uint8_t> bytes, int timeout_ms) override;
  base::Result<size_t> Read(std::span<uint8_t> buf, int timeout_ms) override;
  std::string Describe() const override { return "file " + path_; }

 private:
  FileTransport(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace gb::printer
