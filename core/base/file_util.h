// File helpers with the durability and secrecy the product promises.
//
// WriteFileAtomic writes to a temporary file in the same folder, fsyncs it,
// renames it over the target and fsyncs the folder, so a reader sees either the
// old or the new content, never half, even after power loss. Secrets are
// written with mode 0600 from the first byte (the mode is set at open, not
// after). All functions are thread-compatible; none keeps state.
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

#include "core/base/result.h"

namespace gb::base {

enum class Overwrite { kNo, kYes };

// Fails with reason "file_exists" when overwrite is kNo and path exists.
Status WriteFileAtomic(const std::string& path, std::string_view data, mode_t mode,
                       Overwrite overwrite);

// Reads the whole file. Fails with reason "file_missing" or "file_unreadable".
Result<std::string> ReadFile(const std::string& path);

// Fails with reason "insecure_mode" if a secret file can be read by group or others.
Status CheckSecretMode(const std::string& path);

// Creates the folder (and parents) if it does not exist and gives the new
// folder `mode`; an existing folder is left as it is.
Status MakeDirs(const std::string& path, mode_t mode);

// Converts errno into a Status naming the operation and the path: the one place
// where errno becomes part of the error vocabulary.
Status ErrnoStatus(std::string_view op, const std::string& path, int err);

}  // namespace gb::base
