#include "provisioning/db_in_use.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "core/base/file_util.h"

namespace gb::provisioning {
namespace {

// The lock bytes of os_unix.c: PENDING_BYTE, RESERVED_BYTE, then the 510
// bytes of the SHARED range; and the -shm file's dead-man-switch byte.
constexpr off_t kPendingByte = 0x40000000;
constexpr off_t kLockBytes = 2 + 510;
constexpr off_t kShmDmsByte = 128;

// The pid of another process holding a lock in [start, start + len) of
// `path`, 0 when none, -1 when the file is absent.
base::Result<pid_t> LockHolder(const std::string& path, off_t start, off_t len) {
  // O_RDONLY: F_GETLK needs no write access, and we never lock ourselves.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return -1;
    return base::ErrnoStatus("open", path, errno);
  }
  struct flock fl {};
  fl.l_type = F_WRLCK;  // would a writer's lock be granted? Any other lock says no.
  fl.l_whence = SEEK_SET;
  fl.l_start = start;
  fl.l_len = len;
  const int rc = ::fcntl(fd, F_GETLK, &fl);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return base::ErrnoStatus("ask for the locks of", path, err);
  return fl.l_type == F_UNLCK ? 0 : fl.l_pid;
}

}  // namespace

base::Status CheckNotInUse(const std::string& db_path, const std::string& what) {
  GB_ASSIGN_OR_RETURN(pid_t db_holder, LockHolder(db_path, kPendingByte, kLockBytes));
  GB_ASSIGN_OR_RETURN(pid_t shm_holder, LockHolder(db_path + "-shm", kShmDmsByte, 1));
  const pid_t holder = db_holder > 0 ? db_holder : shm_holder;
  if (holder <= 0) return base::Status::Ok();
  return base::Status::FailedPrecondition(
      "db_in_use", db_path + " is open in process " + std::to_string(holder) + ": stop " + what +
                       " first (systemctl stop ...), then restore");
}

}  // namespace gb::provisioning
