#include "core/base/file_util.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace gb::base {
namespace {

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("write", path, errno);
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status FsyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : ErrnoStatus("fsync", dir, err);
}

}  // namespace

Status ErrnoStatus(std::string_view op, const std::string& path, int err) {
  Code code = Code::kIoError;
  std::string reason = "io_error";
  if (err == ENOENT) {
    code = Code::kNotFound;
    reason = "file_missing";
  } else if (err == EACCES || err == EPERM) {
    code = Code::kPermissionDenied;
    reason = "permission_denied";
  } else if (err == EEXIST) {
    code = Code::kAlreadyExists;
    reason = "file_exists";
  }
  return Status::Error(code, reason,
                       std::string(op) + " " + path + ": " + std::strerror(err));
}

Status WriteFileAtomic(const std::string& path, std::string_view data, mode_t mode,
                       Overwrite overwrite) {
  std::filesystem::path target(path);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  if (overwrite == Overwrite::kNo && ::access(path.c_str(), F_OK) == 0) {
    return Status::AlreadyExists("file_exists", path + " already exists; refusing to overwrite");
  }
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  // O_EXCL with the final mode: a secret is never readable by others, not even briefly.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return ErrnoStatus("create", tmp, errno);
  Status s = WriteAll(fd, data, tmp);
  if (s.ok() && ::fchmod(fd, mode) != 0) s = ErrnoStatus("chmod", tmp, errno);  // umask
  if (s.ok() && ::fsync(fd) != 0) s = ErrnoStatus("fsync", tmp, errno);
  ::close(fd);
  if (s.ok()) {
    if (overwrite == Overwrite::kNo) {
      // link() fails if the target appeared meanwhile, so we never clobber it.
      if (::link(tmp.c_str(), path.c_str()) != 0) s = ErrnoStatus("link", path, errno);
      ::unlink(tmp.c_str());
    } else if (::rename(tmp.c_str(), path.c_str()) != 0) {
      s = ErrnoStatus("rename", path, errno);
    }
  }
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  return FsyncDir(dir);
}

Result<std::string> ReadFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open", path, errno);
  std::string out;
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return ErrnoStatus("read", path, err);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Status CheckSecretMode(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return ErrnoStatus("stat", path, errno);
  if ((st.st_mode & 077) != 0) {
    return Status::Error(Code::kPermissionDenied, "insecure_mode",
                         path + " is readable by others; run: chmod 600 " + path);
  }
  return Status::Ok();
}

Status MakeDirs(const std::string& path, mode_t mode) {
  std::error_code ec;
  // An existing folder keeps its mode: it may be the installer's own.
  if (std::filesystem::is_directory(path, ec)) return Status::Ok();
  std::filesystem::create_directories(path, ec);
  if (ec) return ErrnoStatus("mkdir", path, ec.value());
  if (::chmod(path.c_str(), mode) != 0) return ErrnoStatus("chmod", path, errno);
  return Status::Ok();
}

}  // namespace gb::base
