// FuzzTempDir: a private folder for one fuzzer process, in memory when
// /dev/shm is there (the store's writers fsync). A fuzzer that finds
// something ends in abort() or _Exit(), past any cleanup, so the folder is
// named after the process and each new one first removes the folders of
// processes that are gone. Test-only; header-only.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace gb::fuzz {

// `name` is the fuzzer's ("router"): folders are BASE/gb-NAME-fuzz-PID.
inline std::string FuzzTempDir(std::string_view name) {
  namespace fs = std::filesystem;
  const fs::path base = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  const std::string prefix = "gb-" + std::string(name) + "-fuzz-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    const std::string file = entry.path().filename().string();
    if (!file.starts_with(prefix)) continue;
    const long pid = std::strtol(file.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      fs::remove_all(entry.path(), ec);
    }
  }
  const fs::path dir = base / (prefix + std::to_string(::getpid()));
  fs::remove_all(dir, ec);
  if (!fs::create_directory(dir, ec) || ec) std::abort();
  fs::permissions(dir, fs::perms::owner_all, ec);
  return dir.string();
}

}  // namespace gb::fuzz
