#include "tests/support/chromium_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

namespace gb::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

std::string FindOnPath(const std::string& name) {
  const char* path = ::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string ChromiumProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

base::Result<std::unique_ptr<ChromiumProcess>> ChromiumProcess::Launch(
    const std::string& profile_dir) {
  const std::string binary = FindOnPath("chromium");
  if (binary.empty()) {
    return base::Status::FailedPrecondition(
        "no_chromium",
        "`chromium` is not on PATH: install Debian's chromium package "
        "(apt-get install chromium; scripts/deps.sh lists it)");
  }
  const std::string log_path =
      (std::filesystem::path(profile_dir).parent_path() / "chromium.log").string();
  std::vector<std::string> args = {binary, "--headless=new", "--no-sandbox", "--disable-gpu",
                                   "--remote-debugging-port=0", "--user-data-dir=" + profile_dir,
                                   "--no-first-run", "--no-default-browser-check",
                                   "--disable-extensions", "--disable-background-networking",
                                   "--disable-component-update", "--disable-sync",
                                   // No crashpad handler: it leaves the process group
                                   // and would outlive the test.
                                   "--disable-crash-reporter", "--disable-breakpad",
                                   "--hide-scrollbars", "--window-size=1280,1000", "about:blank"};
  const pid_t pid = ::fork();
  if (pid < 0) return base::Status::IoError("fork", "cannot fork for chromium");
  if (pid == 0) {
    // A group of its own: the destructor kills the browser's helpers with it.
    ::setpgid(0, 0);
    // And if the test dies without its destructors (an abort), the browser
    // goes too; its helpers follow when their browser's pipes close.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here, so a kill right after fork reaches the group
  std::unique_ptr<ChromiumProcess> p(new ChromiumProcess(pid, log_path));
  constexpr std::string_view kLine = "DevTools listening on ws://";
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < give_up) {
    const std::string log = p->Log();
    const size_t at = log.find(kLine);
    if (at != std::string::npos && log.find('\n', at) != std::string::npos) {
      // ws://127.0.0.1:PORT/devtools/browser/ID
      const size_t colon = log.find(':', at + kLine.size());
      p->port_ = static_cast<uint16_t>(std::stoi(log.substr(colon + 1)));
      return p;
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      p->pid_ = -1;
      return base::Status::Error(base::Code::kUnavailable, "chromium_exited",
                                 "chromium exited before DevTools listened:\n" + log);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string log = p->Log();
  return base::Status::Error(base::Code::kDeadlineExceeded, "chromium_start",
                             "no DevTools line from chromium in 20 s:\n" +
                                 log.substr(log.size() > 2000 ? log.size() - 2000 : 0));
}

ChromiumProcess::~ChromiumProcess() {
  if (pid_ <= 0) return;
  ::kill(-pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

base::Result<std::string> ChromiumProcess::PageWebSocketUrl() const {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), ec);
  http::request<http::empty_body> req{http::verb::get, "/json/list", 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  if (!ec) http::write(stream, req, ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  if (!ec) http::read(stream, buffer, res, ec);
  if (ec) {
    return base::Status::Error(base::Code::kUnavailable, "devtools_http",
                               "GET /json/list: " + ec.message());
  }
  nlohmann::json targets = nlohmann::json::parse(res.body(), nullptr, false);
  if (targets.is_array()) {
    for (const nlohmann::json& t : targets) {
      if (t.value("type", "") == "page" && t.contains("webSocketDebuggerUrl")) {
        return t["webSocketDebuggerUrl"].get<std::string>();
      }
    }
  }
  return base::Status::NotFound("no_page", "no page target in /json/list: " + res.body());
}

}  // namespace gb::test
