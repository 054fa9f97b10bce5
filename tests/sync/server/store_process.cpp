#include "tests/sync/server/store_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "core/base/file_util.h"
#include "kiosk/config/kiosk_dir.h"

namespace gb::test {

std::string InitStore(const std::string& store_dir, const std::string& scratch) {
  CliRun init =
      Provision("init-store --dir " + store_dir + " --name Test --listen 127.0.0.1:0", scratch);
  EXPECT_EQ(init.code, 0) << init.err;
  if (init.code != 0 || init.out.empty()) return "";
  std::string admin = init.out.substr(init.out.rfind(' ') + 1);
  admin.pop_back();  // the newline
  return admin;
}

Kiosk EnrolKiosk(const std::string& store_dir, const std::string& kiosk_dir) {
  Kiosk k;
  k.dir = kiosk_dir;
  CliRun init = Provision("init-kiosk --dir " + kiosk_dir + " --store-name Test", store_dir);
  EXPECT_EQ(init.code, 0) << init.err;
  CliRun add = Provision(
      "add-kiosk --dir " + store_dir + " --kiosk-dir " + kiosk_dir + " --address 127.0.0.1:8443",
      store_dir);
  EXPECT_EQ(add.code, 0) << add.err;
  auto dir = config::KioskDir::Open(kiosk_dir);
  EXPECT_TRUE(dir.ok()) << dir.status().ToString();
  if (!dir.ok() || !dir->settings().server) return k;
  k.kiosk_id = dir->settings().kiosk_id;
  k.key_id = dir->settings().key_id;
  k.token = dir->settings().server->token;
  k.cert_sha256 = dir->settings().server->cert_sha256;
  auto key = voucher::SigningKey::FromPemFile(kiosk_dir + "/signing.key");
  EXPECT_TRUE(key.ok());
  if (key.ok()) k.key.emplace(std::move(key).value());
  return k;
}

void AddStaff(const std::string& store_dir, const std::string& name, const std::string& role,
              const std::string& pin) {
  CliRun add = Provision("staff add --dir " + store_dir + " --name " + name + " --role " + role +
                             " --pin -",
                         store_dir, pin + "\n");
  EXPECT_EQ(add.code, 0) << add.err;
}

StoreProcess::~StoreProcess() { Kill(); }

bool StoreProcess::Start(const std::string& dir, bool tls, std::vector<std::string> extra) {
  std::vector<std::string> args = {GB_STORE_BIN, "--dir", dir};
  // A restart on the port the kiosks know passes its own --listen.
  if (std::find(extra.begin(), extra.end(), "--listen") == extra.end()) {
    args.insert(args.end(), {"--listen", "127.0.0.1:0"});
  }
  if (!tls) args.emplace_back("--plain-http");
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  log_ = dir + "/server-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".log";
  pid_ = ::fork();
  if (pid_ < 0) return false;
  if (pid_ == 0) {
    int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) ::_exit(127);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    if (nofile_ > 0) {
      rlimit limit{static_cast<rlim_t>(nofile_), static_cast<rlim_t>(nofile_)};
      if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::_exit(126);
    }
    ::execv(GB_STORE_BIN, argv.data());
    ::_exit(127);
  }
  // A bound on the wait, not a timing assertion: start-up takes milliseconds.
  for (int i = 0; i < 1000; ++i) {
    std::string out = Output();
    size_t at = out.find("listening on ");
    size_t eol = out.find('\n', at);
    if (at != std::string::npos && eol != std::string::npos) {
      size_t colon = out.rfind(':', eol);
      port_ = static_cast<uint16_t>(std::stoi(out.substr(colon + 1, eol - colon - 1)));
      return port_ != 0;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

int StoreProcess::Stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void StoreProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string StoreProcess::Output() const {
  auto text = base::ReadFile(log_);
  return text.ok() ? *text : "";
}

}  // namespace gb::test
