#include "tests/support/x11_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "tests/support/chromium_process.h"  // FindOnPath

namespace gb::test {
namespace {

constexpr int kServerStartMs = 20'000;
constexpr int kToolMs = 20'000;

// Reads Xvfb's "N\n" from the -displayfd pipe; "" if none came in time.
std::string ReadDisplayNumber(int fd, int timeout_ms) {
  std::string got;
  pollfd p{fd, POLLIN, 0};
  while (got.find('\n') == std::string::npos && ::poll(&p, 1, timeout_ms) > 0) {
    char buf[16];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    got.append(buf, static_cast<size_t>(n));
  }
  const size_t nl = got.find('\n');
  return nl == std::string::npos ? "" : got.substr(0, nl);
}

}  // namespace

base::Result<std::unique_ptr<X11Session>> X11Session::Start(const std::string& dir, int width,
                                                            int height) {
  const std::string xvfb = FindOnPath("Xvfb");
  const std::string xdotool = FindOnPath("xdotool");
  const std::string xwd = FindOnPath("xwd");
  if (xvfb.empty() || xdotool.empty() || xwd.empty()) {
    return base::Status::FailedPrecondition(
        "no_x11_tools",
        "Xvfb, xdotool and xwd are needed on PATH: install Debian's xvfb, xdotool and x11-apps "
        "(scripts/deps.sh lists them)");
  }
  int fds[2];
  if (::pipe(fds) != 0) return base::Status::IoError("pipe", "no pipe for Xvfb's display");
  auto server = ChildProcess::Start(
      {{xvfb, "-displayfd", std::to_string(fds[1]), "-screen", "0",
        std::to_string(width) + "x" + std::to_string(height) + "x24", "-nolisten", "tcp"},
       {},
       dir + "/xvfb.log",
       fds[1]});
  ::close(fds[1]);
  const std::string number = server.ok() ? ReadDisplayNumber(fds[0], kServerStartMs) : "";
  ::close(fds[0]);
  if (!server.ok()) return server.status();
  if (number.empty()) {
    return base::Status::Error(base::Code::kDeadlineExceeded, "xvfb_start",
                               "Xvfb named no display within 20 s: " + (*server)->Log());
  }
  std::unique_ptr<X11Session> s(new X11Session(std::move(*server), ":" + number, dir));
  s->xdotool_ = xdotool;
  s->xwd_ = xwd;
  return s;
}

X11Session::~X11Session() { server_->Stop(SIGTERM, 2'000); }

base::Result<std::string> X11Session::Tool(const std::string& path, std::vector<std::string> args) {
  args.insert(args.begin(), path);
  return RunTool(std::move(args), {DisplayEnv()}, dir_ + "/tool.log", kToolMs);
}

base::Result<std::string> X11Session::WaitForWindow(const std::string& title, int timeout_ms) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  // xdotool's own --sync waits for ever: poll instead, within our timeout.
  do {
    base::Result<std::string> ids =
        Tool(xdotool_, {"search", "--onlyvisible", "--name", "^" + title + "$"});
    if (ids.ok() && !ids->empty()) return ids->substr(0, ids->find('\n'));
    ::usleep(100'000);
  } while (std::chrono::steady_clock::now() < until);
  return base::Status::NotFound("no_window", "no visible window \"" + title + "\" on " + display_ +
                                                 " in " + std::to_string(timeout_ms) + " ms");
}

base::Status X11Session::Focus(const std::string& window) {
  return Tool(xdotool_, {"windowfocus", "--sync", window}).status();
}

base::Status X11Session::Type(const std::string& text, int delay_ms) {
  return Tool(xdotool_, {"type", "--delay", std::to_string(delay_ms), text}).status();
}

base::Status X11Session::Key(const std::string& keysym) {
  return Tool(xdotool_, {"key", keysym}).status();
}

base::Result<ArgbImage> X11Session::Capture(const std::string& window) {
  const std::string out = dir_ + "/capture.xwd";
  GB_RETURN_IF_ERROR(Tool(xwd_, {"-silent", "-id", window, "-out", out}).status());
  std::ifstream in(out, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return DecodeXwd(bytes.str());
}

}  // namespace gb::test
