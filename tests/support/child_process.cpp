#include "tests/support/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace gb::test {

base::Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(Options options) {
  // The environment is built before fork: the child only execs.
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string var = *e;
    bool overridden = false;
    for (const std::string& extra : options.env) {
      const std::string name = extra.substr(0, extra.find('=') + 1);
      if (var.starts_with(name)) overridden = true;
    }
    if (!overridden) env.push_back(var);
  }
  env.insert(env.end(), options.env.begin(), options.env.end());
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (std::string& a : options.argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log = options.log_path.empty() ? "/dev/null" : options.log_path;

  const pid_t pid = ::fork();
  if (pid < 0) return base::Status::IoError("fork", "cannot fork for " + options.argv[0]);
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, 0);
    // Everything else the test had open stays with the test.
    for (int other = 3; other < 1024; ++other) {
      if (other != options.keep_fd) ::close(other);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so a kill right after fork reaches the group
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, log));
}

ChildProcess::~ChildProcess() {
  if (code_ || pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

std::optional<int> ChildProcess::Wait(int timeout_ms) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!code_) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (std::chrono::steady_clock::now() >= until) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return code_;
}

ChildProcess::Stopped ChildProcess::Stop(int signal, int grace_ms) {
  if (!code_) ::kill(pid_, signal);
  if (std::optional<int> code = Wait(grace_ms)) return {*code, true};
  ::kill(-pid_, SIGKILL);
  return {Wait(5'000).value_or(-1), false};
}

std::string ChildProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

base::Result<std::string> RunTool(std::vector<std::string> argv, std::vector<std::string> env,
                                  const std::string& log_path, int timeout_ms) {
  const std::string name = argv.empty() ? "" : argv[0];
  GB_ASSIGN_OR_RETURN(std::unique_ptr<ChildProcess> tool,
                      ChildProcess::Start({std::move(argv), std::move(env), log_path}));
  const std::optional<int> code = tool->Wait(timeout_ms);
  if (!code) {
    tool->Stop(SIGKILL, 1'000);
    return base::Status::Error(
        base::Code::kDeadlineExceeded, "tool_timeout",
        name + " did not finish in " + std::to_string(timeout_ms) + " ms: " + tool->Log());
  }
  if (*code != 0) {
    return base::Status::Internal("tool_failed",
                                  name + " exited " + std::to_string(*code) + ": " + tool->Log());
  }
  return tool->Log();
}

}  // namespace gb::test
