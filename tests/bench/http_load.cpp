#include "tests/bench/http_load.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <thread>

namespace gb::bench {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Shared {
  const LoadOptions* options;
  Clock::time_point end;
  std::vector<double> latencies_ms;
  LoadResult result;
};

// One client connection's request loop; keeps itself alive through its handlers.
class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(net::io_context& ioc, Shared& shared, int index)
      : stream_(ioc), shared_(shared), index_(index) {}

  void Start(const tcp::endpoint& ep) {
    stream_.async_connect(ep, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->Fail(ec);
      self->Send();
    });
  }

 private:
  void Send() {
    if (Clock::now() >= shared_.end) return;
    if (shared_.options->max_requests > 0 && n_ >= shared_.options->max_requests) return;
    const LoadOptions& o = *shared_.options;
    req_ = {};
    req_.version(11);
    req_.method(o.method == "POST" ? http::verb::post : http::verb::get);
    req_.target(o.target_of ? o.target_of(index_, n_) : o.target);
    req_.set(http::field::host, o.host);
    const std::string token = o.token_of ? o.token_of(index_) : o.token;
    if (!token.empty()) req_.set(http::field::authorization, "Bearer " + token);
    if (o.staff_session_of) {
      const std::string session = o.staff_session_of(index_);
      if (!session.empty()) req_.set("X-Staff-Session", session);
    }
    if (o.body) {
      req_.set(http::field::content_type, "application/json");
      req_.body() = o.body(index_, n_);
    }
    req_.keep_alive(true);
    req_.prepare_payload();
    ++n_;
    sent_ = Clock::now();
    http::async_write(stream_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec);
      self->Read();
    });
  }

  void Read() {
    res_ = {};
    http::async_read(stream_, buf_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec);
      self->Done();
    });
  }

  void Done() {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent_).count();
    shared_.latencies_ms.push_back(ms);
    if (res_.result_int() / 100 == 2 && shared_.options->check &&
        !shared_.options->check(res_.body())) {
      ++shared_.result.rejected;
      if (shared_.result.first_error.empty()) shared_.result.first_error = res_.body().substr(0, 200);
    } else if (res_.result_int() / 100 == 2) {
      ++shared_.result.ok;
    } else {
      ++shared_.result.non2xx;
      if (shared_.result.first_bad_status == 0) {
        shared_.result.first_bad_status = static_cast<int>(res_.result_int());
        shared_.result.first_error = res_.body().substr(0, 200);
      }
    }
    if (!res_.keep_alive()) return Fail(beast::error_code(net::error::eof));
    Send();
  }

  void Fail(beast::error_code ec) {
    ++shared_.result.errors;
    if (shared_.result.first_error.empty()) shared_.result.first_error = ec.message();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buf_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
  Shared& shared_;
  int index_;
  int64_t n_ = 0;
  Clock::time_point sent_;
};

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

}  // namespace

LoadResult RunLoad(const LoadOptions& options) {
  net::io_context ioc(1);
  Shared shared{&options, {}, {}, {}};
  const tcp::endpoint ep(net::ip::make_address(options.host), options.port);
  const auto start = Clock::now();
  shared.end = start + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(options.seconds));
  for (int c = 0; c < options.connections; ++c) {
    std::make_shared<Conn>(ioc, shared, c)->Start(ep);
  }
  ioc.run();  // returns when every connection has finished its last request
  shared.result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  shared.result.p50_ms = Percentile(shared.latencies_ms, 0.50);
  shared.result.p99_ms = Percentile(shared.latencies_ms, 0.99);
  shared.result.max_ms = Percentile(shared.latencies_ms, 1.0);
  return shared.result;
}

// --- BareServer -------------------------------------------------------------

namespace {

class ServerConn : public std::enable_shared_from_this<ServerConn> {
 public:
  explicit ServerConn(tcp::socket s) : stream_(std::move(s)) {}
  void Read() {
    req_ = {};
    http::async_read(stream_, buf_, req_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;
      self->Reply();
    });
  }

 private:
  void Reply() {
    res_ = {http::status::ok, req_.version()};
    res_.set(http::field::content_type, "application/json");
    res_.body() = R"({"status":"ok"})";
    res_.keep_alive(req_.keep_alive());
    res_.prepare_payload();
    http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec || !self->res_.keep_alive()) return;
      self->Read();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buf_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
};

}  // namespace

struct BareServer::Impl {
  net::io_context ioc{1};
  tcp::acceptor acceptor{ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)};
  std::thread thread;

  void Accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket s) {
      if (ec) return;
      std::make_shared<ServerConn>(std::move(s))->Read();
      Accept();
    });
  }
};

BareServer::BareServer() : impl_(std::make_unique<Impl>()) {
  impl_->Accept();
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

BareServer::~BareServer() {
  impl_->ioc.stop();
  impl_->thread.join();
}

uint16_t BareServer::port() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace gb::bench
