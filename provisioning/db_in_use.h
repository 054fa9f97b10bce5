// Is a SQLite database open in another process? Restoring over a database
// that a running server or kiosk holds open would lose everything it writes
// next (it goes on writing to the replaced file) or mix two files' journals.
//
// SQLite's unix locking protocol, as its file format documentation gives it
// (fileformat2.html "The Lock-Byte Page", walformat.html "The DMS lock"):
// every connection in a transaction holds a POSIX lock on the bytes from
// 0x40000000 (PENDING, RESERVED, SHARED range) of the database file, and in
// WAL mode every open connection holds a read lock on byte 128 of the -shm
// file for as long as it is open, idle or not. F_GETLK asks the kernel
// whether another process holds either, without taking anything.
#pragma once

#include <string>

#include "core/base/result.h"

namespace gb::provisioning {

// "db_in_use" (FailedPrecondition) naming `what` (e.g. "the kiosk") and the
// process id the kernel reports, when another process has `db_path` open as
// above; Ok when none has, or the file does not exist.
base::Status CheckNotInUse(const std::string& db_path, const std::string& what);

}  // namespace gb::provisioning
