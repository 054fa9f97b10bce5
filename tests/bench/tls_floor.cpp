#include "tests/bench/tls_floor.h"

#include <openssl/ssl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace gb::bench {
namespace {

double RssKiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6);
  }
  return -1;
}

// The client side, in the child: blocking handshakes, one byte each way,
// then it waits to be killed so the server's connections stay open.
[[noreturn]] void RunClients(const std::vector<int>& fds) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  for (int fd : fds) {
    SSL* c = SSL_new(ctx);
    SSL_set_fd(c, fd);
    char b = 0;
    if (SSL_connect(c) != 1 || SSL_write(c, "y", 1) != 1 || SSL_read(c, &b, 1) != 1) _exit(1);
  }
  pause();
  _exit(0);
}

}  // namespace

double TlsFloorKiB(int n, const std::string& cert_path, const std::string& key_path) {
  std::vector<int> server_fds, client_fds;
  for (int i = 0; i < n; ++i) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
      std::perror("tls floor: socketpair");
      for (int fd : server_fds) close(fd);
      for (int fd : client_fds) close(fd);
      return -1;
    }
    server_fds.push_back(sv[0]);
    client_fds.push_back(sv[1]);
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_path.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key_path.c_str(), SSL_FILETYPE_PEM) != 1) {
    std::fprintf(stderr, "tls floor: cannot load %s / %s\n", cert_path.c_str(), key_path.c_str());
    return -1;
  }
  const pid_t child = fork();
  if (child == 0) {
    for (int fd : server_fds) close(fd);
    RunClients(client_fds);
  }
  for (int fd : client_fds) close(fd);
  const double before = RssKiB();
  std::vector<SSL*> conns;
  bool ok = child > 0;
  for (int fd : server_fds) {
    if (!ok) break;
    SSL* s = SSL_new(ctx);
    SSL_set_fd(s, fd);
    char b = 0;
    ok = SSL_accept(s) == 1 && SSL_read(s, &b, 1) == 1 && SSL_write(s, "x", 1) == 1;
    conns.push_back(s);
  }
  const double after = RssKiB();
  if (child > 0) {
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
  }
  for (SSL* s : conns) SSL_free(s);
  for (int fd : server_fds) close(fd);
  SSL_CTX_free(ctx);
  if (!ok) {
    std::fprintf(stderr, "tls floor: a handshake failed\n");
    return -1;
  }
  return (after - before) / n;
}

}  // namespace gb::bench
