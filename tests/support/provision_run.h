// Runs groupbuy-provision as its own process, as an installer would, for the
// tests of every area: the arguments as a shell word list, standard input
// from `stdin_text` (none: /dev/null), standard output and error captured
// through files in `scratch`. GB_PROVISION_BIN is defined by each test target
// that uses it. Header-only.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "core/base/file_util.h"

namespace gb::test {

struct CliRun {
  int code = -1;  // the exit code; 128 when the program did not exit normally
  std::string out;
  std::string err;
};

inline CliRun Provision(const std::string& args, const std::string& scratch,
                        const std::string& stdin_text = "") {
  const std::string out = scratch + "/provision.out";
  const std::string err = scratch + "/provision.err";
  std::string in = "/dev/null";
  if (!stdin_text.empty()) {
    in = scratch + "/provision.in";
    if (!base::WriteFileAtomic(in, stdin_text, 0600, base::Overwrite::kYes).ok()) return {};
  }
  const std::string cmd =
      std::string(GB_PROVISION_BIN) + " " + args + " >" + out + " 2>" + err + " <" + in;
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  r.out = base::ReadFile(out).ok() ? *base::ReadFile(out) : "";
  r.err = base::ReadFile(err).ok() ? *base::ReadFile(err) : "";
  return r;
}

}  // namespace gb::test
