#include "tests/bench/live_load.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <mutex>
#include <thread>
#include <vector>

namespace gb::bench {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct Shared {
  const LiveLoadOptions* options;
  tcp::endpoint ep;
  std::vector<std::atomic<int64_t>> last;  // per connection; -1: no frame yet
  std::atomic<int> open{0}, failed{0}, started{0};
  std::mutex mu;
  std::string first_error;
  std::function<void()> start_next;
  explicit Shared(size_t n) : last(n) {
    for (auto& x : last) x = -1;
  }
};

class ConnBase {
 public:
  virtual ~ConnBase() = default;
  virtual void Start() = 0;
  virtual void Close() = 0;
};

template <class Next>
class Conn final : public ConnBase, public std::enable_shared_from_this<Conn<Next>> {
 public:
  template <class... Args>
  Conn(Shared& s, int index, Args&&... args)
      : ws_(std::forward<Args>(args)...), s_(s), index_(index) {}

  void Start() override {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(30));
    beast::get_lowest_layer(ws_).async_connect(
        s_.ep, [self = this->shared_from_this()](beast::error_code ec) {
          if (ec) return self->Fail(ec, true);
          if constexpr (std::is_same_v<Next, beast::tcp_stream>) {
            self->Upgrade();
          } else {
            self->ws_.next_layer().async_handshake(net::ssl::stream_base::client,
                                                   [self](beast::error_code e) {
                                                     if (e) return self->Fail(e, true);
                                                     self->Upgrade();
                                                   });
          }
        });
  }
  void Close() override {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
  }

 private:
  void Upgrade() {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    const std::string token = s_.options->token;
    ws_.set_option(websocket::stream_base::decorator([token](websocket::request_type& req) {
      req.set(http::field::authorization, "Bearer " + token);
    }));
    ws_.async_handshake(s_.options->host, "/v1/live",
                        [self = this->shared_from_this()](beast::error_code ec) {
                          if (ec) return self->Fail(ec, true);
                          ++self->s_.open;
                          self->upgraded_ = true;
                          self->s_.start_next();
                          self->Read();
                        });
  }
  void Read() {
    ws_.async_read(buf_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec, false);
      const std::string text = beast::buffers_to_string(self->buf_.data());
      self->buf_.consume(self->buf_.size());
      const size_t colon = text.find(':');
      if (colon != std::string::npos) {
        self->s_.last[static_cast<size_t>(self->index_)] = std::atoll(text.c_str() + colon + 1);
      }
      self->Read();
    });
  }
  void Fail(beast::error_code ec, bool during_setup) {
    if (upgraded_) --s_.open;
    upgraded_ = false;
    ++s_.failed;
    {
      std::lock_guard lock(s_.mu);
      if (s_.first_error.empty()) s_.first_error = ec.message();
    }
    if (during_setup) s_.start_next();
  }

  websocket::stream<Next> ws_;
  beast::flat_buffer buf_;
  Shared& s_;
  int index_;
  bool upgraded_ = false;
};

}  // namespace

struct LiveLoad::Impl {
  net::io_context ioc{1};
  net::ssl::context tls{net::ssl::context::tls_client};
  LiveLoadOptions options;
  Shared shared;
  std::vector<std::shared_ptr<ConnBase>> conns;
  std::thread thread;
  explicit Impl(LiveLoadOptions o)
      : options(std::move(o)), shared(static_cast<size_t>(options.connections)) {}
};

LiveLoad::LiveLoad(LiveLoadOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  Impl& m = *impl_;
  m.shared.options = &m.options;
  m.shared.ep = tcp::endpoint(net::ip::make_address(m.options.host), m.options.port);
  for (int i = 0; i < m.options.connections; ++i) {
    if (m.options.tls) {
      m.conns.push_back(
          std::make_shared<Conn<beast::ssl_stream<beast::tcp_stream>>>(m.shared, i, m.ioc, m.tls));
    } else {
      m.conns.push_back(std::make_shared<Conn<beast::tcp_stream>>(m.shared, i, m.ioc));
    }
  }
  // Each finished handshake (or failed one) starts the next connection.
  m.shared.start_next = [&m] {
    const int i = m.shared.started++;
    if (i < m.options.connections) m.conns[static_cast<size_t>(i)]->Start();
  };
  for (int i = 0; i < m.options.in_flight; ++i) m.shared.start_next();
  m.thread = std::thread([&m] {
    auto guard = net::make_work_guard(m.ioc);
    m.ioc.run();
  });
}

LiveLoad::~LiveLoad() {
  net::post(impl_->ioc, [this] {
    for (auto& c : impl_->conns) c->Close();
    impl_->ioc.stop();
  });
  impl_->thread.join();
}

int LiveLoad::open() const { return impl_->shared.open; }
int LiveLoad::failed() const { return impl_->shared.failed; }
std::string LiveLoad::first_error() const {
  std::lock_guard lock(impl_->shared.mu);
  return impl_->shared.first_error;
}
int LiveLoad::at_least(int64_t revision) const {
  int n = 0;
  for (const auto& x : impl_->shared.last) n += x.load() >= revision ? 1 : 0;
  return n;
}
int LiveLoad::with_frame() const { return at_least(0); }

}  // namespace gb::bench
