// groupbuy-store under a systemd-like supervisor: a real process started with
// NOTIFY_SOCKET pointing at a datagram socket this test owns, as systemd does
// for a Type=notify unit (packaging/systemd/groupbuy-store@.service).
// READY=1 only once the port accepts, WATCHDOG=1 from the writer's loop when
// WATCHDOG_USEC asks for it (and never otherwise), STOPPING=1 on SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/base/file_util.h"
#include "tests/support/child_process.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"

namespace gb::test {
namespace {

// The supervisor's end: a bound AF_UNIX datagram socket.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) return;
    path.copy(addr.sun_path, path.size());
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~NotifySocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

  // The next datagram, or nullopt after timeout_ms.
  std::optional<std::string> Next(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) != 1) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<size_t>(n));
  }

 private:
  std::string path_;
  int fd_ = -1;
};

bool Has(const std::string& message, const std::string& assignment) {
  return ("\n" + message + "\n").find("\n" + assignment + "\n") != std::string::npos;
}

bool PortAccepts(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  ::close(fd);
  return ok;
}

uint16_t PortFromLog(const std::string& log) {
  std::smatch m;
  static const std::regex re(R"(listening on http://127\.0\.0\.1:(\d+))");
  return std::regex_search(log, m, re) ? static_cast<uint16_t>(std::stoi(m[1])) : 0;
}

class ServiceNotifyProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    ASSERT_FALSE(InitStore(Sdir(), tmp_.str()).empty());
  }
  std::string Sdir() const { return tmp_.File("store"); }

  std::unique_ptr<ChildProcess> StartStore(std::vector<std::string> env) {
    auto child = ChildProcess::Start(
        {{GB_STORE_BIN, "--dir", Sdir(), "--listen", "127.0.0.1:0", "--plain-http"},
         std::move(env),
         tmp_.File("store.log")});
    EXPECT_TRUE(child.ok()) << child.status().ToString();
    return child.ok() ? std::move(child).value() : nullptr;
  }

  ScopedTempDir tmp_;
};

TEST_F(ServiceNotifyProcessTest, ReadyOnceListeningWatchdogFromTheWriterStoppingOnSigterm) {
  NotifySocket sock(tmp_.File("notify"));
  ASSERT_TRUE(sock.ok());
  auto store = StartStore({"NOTIFY_SOCKET=" + tmp_.File("notify"), "WATCHDOG_USEC=1000000"});
  ASSERT_NE(store, nullptr);

  // READY=1 comes once, and by then the port takes connections (the writer
  // may have said WATCHDOG=1 before: it starts first).
  int watchdogs = 0;
  for (;;) {
    std::optional<std::string> m = sock.Next(10'000);
    ASSERT_TRUE(m.has_value()) << "no READY=1\n" << store->Log();
    if (Has(*m, "WATCHDOG=1")) ++watchdogs;
    if (Has(*m, "READY=1")) break;
  }
  const uint16_t port = PortFromLog(store->Log());
  ASSERT_NE(port, 0) << store->Log();
  EXPECT_TRUE(PortAccepts(port));

  // WATCHDOG=1 keeps coming (at most every 0.5 s here, the writer turns every 1 s).
  watchdogs = 0;
  while (watchdogs < 3) {
    std::optional<std::string> m = sock.Next(10'000);
    ASSERT_TRUE(m.has_value()) << "only " << watchdogs << " WATCHDOG=1 messages";
    if (Has(*m, "WATCHDOG=1")) ++watchdogs;
  }

  ASSERT_EQ(::kill(store->pid(), SIGTERM), 0);
  bool stopping = false;
  while (!stopping) {
    std::optional<std::string> m = sock.Next(10'000);
    ASSERT_TRUE(m.has_value()) << "no STOPPING=1 after SIGTERM";
    stopping = Has(*m, "STOPPING=1");
  }
  EXPECT_EQ(store->Wait(10'000), 0) << store->Log();
}

TEST_F(ServiceNotifyProcessTest, NoWatchdogMessagesUnlessSystemdAsksForThem) {
  NotifySocket sock(tmp_.File("notify"));
  ASSERT_TRUE(sock.ok());
  auto store = StartStore({"NOTIFY_SOCKET=" + tmp_.File("notify")});
  ASSERT_NE(store, nullptr);
  std::optional<std::string> first = sock.Next(10'000);
  ASSERT_TRUE(first.has_value()) << store->Log();
  EXPECT_TRUE(Has(*first, "READY=1")) << *first;
  // Two turns of the writer's loop (1 s each) would have sent one.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  ASSERT_EQ(::kill(store->pid(), SIGTERM), 0);
  std::optional<std::string> next = sock.Next(10'000);
  ASSERT_TRUE(next.has_value());
  EXPECT_TRUE(Has(*next, "STOPPING=1")) << *next;
  EXPECT_EQ(store->Wait(10'000), 0) << store->Log();
}

TEST_F(ServiceNotifyProcessTest, RunsAsUsualWithoutNotifySocket) {
  auto store = StartStore({});
  ASSERT_NE(store, nullptr);
  uint16_t port = 0;
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    port = PortFromLog(store->Log());
  }
  ASSERT_NE(port, 0) << store->Log();
  EXPECT_TRUE(PortAccepts(port));
  EXPECT_EQ(store->Stop(SIGTERM, 10'000).code, 0) << store->Log();
}

// Under systemd stderr is a journal stream named by JOURNAL_STREAM
// (DEV:INODE); the store's lines then carry their priority (core/base/log.h).
TEST_F(ServiceNotifyProcessTest, LinesCarryTheirPriorityWhenStderrIsTheJournal) {
  const std::string log = tmp_.File("store.log");
  ASSERT_TRUE(base::WriteFileAtomic(log, "", 0600, base::Overwrite::kNo).ok());
  struct stat st {};
  ASSERT_EQ(::stat(log.c_str(), &st), 0);
  auto store =
      StartStore({"JOURNAL_STREAM=" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino)});
  ASSERT_NE(store, nullptr);
  uint16_t port = 0;
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    port = PortFromLog(store->Log());
  }
  ASSERT_NE(port, 0) << store->Log();
  EXPECT_EQ(store->Stop(SIGTERM, 10'000).code, 0);
  const std::string out = store->Log();
  EXPECT_EQ(out.rfind("<6>groupbuy-store: \"Test\" listening on http://127.0.0.1:", 0), 0u) << out;
  EXPECT_NE(out.find("\n<6>groupbuy-store: stopped\n"), std::string::npos) << out;
}

}  // namespace
}  // namespace gb::test
