// Log: one line per event on stderr, for every program (the store server,
// the kiosk, groupbuy-provision). A line is written with one write(2), so
// lines from several threads never interleave.
//
// Under systemd, stderr is a journal stream, and a line may start with its
// syslog priority in angle brackets ("<3>" error, "<4>" warning, "<6>" info),
// which journald strips and keeps as the entry's priority (`journalctl -p
// warning` then finds it). The prefix is written only then: when
// JOURNAL_STREAM names the device and inode stderr is (systemd.exec(5) sets
// it for exactly this), so a person at a terminal and a test reading the
// output see plain lines.
//
// Lines never carry personal data (phones, names, PINs): callers pass only
// ids, counts, codes and error texts.
#pragma once

#include <string>
#include <string_view>

namespace gb::base {

enum class LogPriority { kError = 3, kWarning = 4, kInfo = 6 };

// Writes `line` (no trailing newline; one is added) to stderr.
void Log(LogPriority priority, std::string_view line);
inline void LogError(std::string_view line) { Log(LogPriority::kError, line); }
inline void LogWarning(std::string_view line) { Log(LogPriority::kWarning, line); }
inline void LogInfo(std::string_view line) { Log(LogPriority::kInfo, line); }

// The line as written: "<N>" when `journal`, the line with any newline in it
// replaced by a space (one line, one event), then "\n".
std::string FormatLogLine(LogPriority priority, std::string_view line, bool journal);

// Whether JOURNAL_STREAM ("DEV:INODE") names the file `fd` is. Pure of state.
bool IsJournalStream(const char* journal_stream, int fd);

}  // namespace gb::base
