// ChildProcess: a program a test starts and must be able to stop, whatever
// it does: the kiosk under test, an X server, an X client like xdotool.
//
// Start forks and execs argv (argv[0] a full path) with the test's
// environment plus `env` (NAME=VALUE, later ones win), stdout and stderr in
// `log_path`, in a process group of its own. The destructor SIGKILLs the
// group and reaps it, and PR_SET_PDEATHSIG kills the child should the test
// die without its destructors, so nothing outlives a test.
// Wait and Stop take timeouts: a hung child fails a test, never hangs it.
//
// Thread-compatible.
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace gb::test {

class ChildProcess {
 public:
  struct Options {
    std::vector<std::string> argv;
    std::vector<std::string> env;  // added to the test's own, NAME=VALUE
    std::string log_path;          // stdout and stderr; empty: /dev/null
    int keep_fd = -1;              // a descriptor the child inherits (e.g. a pipe)
  };
  // IoError "fork" when no process could be made; an exec failure shows as
  // exit code 127 from Wait.
  static base::Result<std::unique_ptr<ChildProcess>> Start(Options options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Waits up to timeout_ms for the child to exit: its exit code (128 + the
  // signal when a signal ended it), or nullopt while it still runs.
  std::optional<int> Wait(int timeout_ms);
  // Sends `signal` to the child, waits up to grace_ms, then SIGKILLs the
  // group: the exit code, and whether it exited within the grace.
  struct Stopped {
    int code = -1;
    bool in_time = false;
  };
  Stopped Stop(int signal, int grace_ms);
  // What it printed so far.
  std::string Log() const;

 private:
  ChildProcess(pid_t pid, std::string log_path) : pid_(pid), log_path_(std::move(log_path)) {}
  pid_t pid_ = -1;
  std::optional<int> code_;
  std::string log_path_;
};

// Runs a short-lived tool to its end: its output (stdout and stderr) when it
// exits 0; Internal "tool_failed" with the output otherwise, and
// DeadlineExceeded "tool_timeout" (after killing it) past timeout_ms.
base::Result<std::string> RunTool(std::vector<std::string> argv, std::vector<std::string> env,
                                  const std::string& log_path, int timeout_ms);

}  // namespace gb::test
