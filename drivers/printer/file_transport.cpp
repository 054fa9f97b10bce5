#include "drivers/printer/file_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gb::printer {
namespace {

// The one place errno becomes a transport reason for file: printers.
base::Status FileError(std::string_view op, const std::string& path, int err) {
  std::string msg = std::string(op) + " " + path + ": " + std::strerror(err);
  switch (err) {
    case ENOENT:
    case ENXIO:
    case ENODEV:
      return base::Status::Error(base::Code::kUnavailable, "no_device", msg);
    case EACCES:
    case EPERM:
      return base::Status::Error(base::Code::kPermissionDenied, "no_permission", msg);
    case EBUSY:
      return base::Status::Error(base::Code::kUnavailable, "busy", msg);
    case EIO:
    case EPIPE:
      return base::Status::Error(base::Code::kUnavailable, "unplugged", msg);
    default:
      return base::Status::Error(base::Code::kIoError, "io_error", msg);
  }
}

}  // namespace

base::Result<std::unique_ptr<FileTransport>> FileTransport::Open(const std::string& path) {
  // O_APPEND: when the "device" is a plain file (tests, capture), a reopen
  // after a failure must not write over what was printed before.
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return FileError("open", path, errno);
  return std::unique_ptr<FileTransport>(new FileTransport(fd, path));
}

FileTransport::~FileTransport() { ::close(fd_); }

base::Status FileTransport::Write(std::span<const uint8_t> bytes, int timeout_ms) {
  // Non-blocking with poll, so a printer that stops taking bytes (paper out
  // on a usblp node) becomes a timeout instead of a hung kiosk thread.
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n > 0) {
      bytes = bytes.subspan(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN) return FileError("write", path_, errno);
    pollfd p{fd_, POLLOUT, 0};
    int rc = ::poll(&p, 1, timeout_ms);
    if (rc == 0) {
      return base::Status::Error(base::Code::kDeadlineExceeded, "timeout",
                                 "write " + path_ + ": the printer took no bytes for " +
                                     std::to_string(timeout_ms) + " ms");
    }
    if (rc < 0 && errno != EINTR) return FileError("poll", path_, errno);
  }
  return base::Status::Ok();
}

base::Result<size_t> FileTransport::Read(std::span<uint8_t>, int) { return size_t{0}; }

}  // namespace gb::printer
