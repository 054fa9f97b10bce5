#include "core/base/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>

namespace gb::base {

std::string FormatLogLine(LogPriority priority, std::string_view line, bool journal) {
  std::string out;
  out.reserve(line.size() + 4);
  if (journal) {
    out += '<';
    out += static_cast<char>('0' + static_cast<int>(priority));
    out += '>';
  }
  for (char c : line) out += (c == '\n' || c == '\r') ? ' ' : c;
  out += '\n';
  return out;
}

bool IsJournalStream(const char* journal_stream, int fd) {
  if (journal_stream == nullptr) return false;
  uintmax_t dev = 0, ino = 0;
  if (std::sscanf(journal_stream, "%" SCNuMAX ":%" SCNuMAX, &dev, &ino) != 2) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return false;
  return static_cast<uintmax_t>(st.st_dev) == dev && static_cast<uintmax_t>(st.st_ino) == ino;
}

void Log(LogPriority priority, std::string_view line) {
  // Decided once: a program's stderr does not change while it runs.
  static const bool journal = IsJournalStream(std::getenv("JOURNAL_STREAM"), STDERR_FILENO);
  const std::string out = FormatLogLine(priority, line, journal);
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::write(STDERR_FILENO, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to log to; the program goes on
    done += static_cast<size_t>(n);
  }
}

}  // namespace gb::base
