#include "sync/server/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <thread>

#include "core/base/log.h"
#include "sync/server/http_session.h"
#include "sync/server/live_session.h"

namespace gb::server {
namespace {

using tcp = net::ip::tcp;

// The one conversion from a Boost error code to a Status.
base::Status BeastStatus(const beast::error_code& ec, std::string_view op,
                         std::string_view reason) {
  return base::Status::Error(base::Code::kUnavailable, std::string(reason),
                             std::string(op) + ": " + ec.message());
}

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, std::shared_ptr<SharedState> state,
           std::optional<net::ssl::context>* tls)
      : ioc_(ioc), acceptor_(ioc), backoff_timer_(ioc), state_(std::move(state)), tls_(tls) {}

  base::Status Listen(const std::string& host, uint16_t port) {
    beast::error_code ec;
    auto address = net::ip::make_address(host, ec);
    if (ec) return BeastStatus(ec, "listen address " + host, "bad_listen");
    tcp::endpoint endpoint(address, port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return BeastStatus(ec, "listen on " + host + ":" + std::to_string(port), "bad_listen");
    port_ = acceptor_.local_endpoint().port();
    return base::Status::Ok();
  }

  uint16_t port() const { return port_; }

  void DoAccept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }

  void Stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
      self->backoff_timer_.cancel();
    });
  }

 private:
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (state_->stopping || !acceptor_.is_open()) return;
    if (ec == net::error::no_descriptors ||
        ec == beast::errc::make_error_code(beast::errc::too_many_files_open_in_system) ||
        ec == net::error::no_buffer_space || ec == net::error::no_memory) {
      return BackOff(ec);
    }
    if (!ec) {
      if (backoff_ != std::chrono::milliseconds(0)) {
        base::LogInfo("groupbuy-store: accepting connections again");
        backoff_ = std::chrono::milliseconds(0);
      }
      Serve(std::move(socket));
    }
    // Any other accept error concerns one connection; go on.
    DoAccept();
  }

  // Out of descriptors: accepting again at once would fail again at once (a
  // busy loop); wait until connections close.
  void BackOff(const beast::error_code& ec) {
    if (backoff_ == std::chrono::milliseconds(0)) {
      base::LogWarning("groupbuy-store: warning: cannot accept connections (" + ec.message() +
                       "); pausing accepts until some close (raise LimitNOFILE or lower "
                       "--max-connections)");
      backoff_ = std::chrono::milliseconds(50);
    } else {
      backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(1000));
    }
    state_->CountLimit("accept_backoff");
    backoff_timer_.expires_after(backoff_);
    backoff_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->DoAccept();
    });
  }

  void Serve(tcp::socket socket) {
    ConnectionSlot slot = state_->TakeSlot();
    if (!slot) {
      state_->CountLimit("connections");
      // A few connections over the cap are told why; past that, closed at once.
      if (state_->refusing.load() >= 64) return;  // the socket closes here
    }
    std::shared_ptr<SessionBase> session;
    if (tls_->has_value()) {
      auto s = std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(
          beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), **tls_),
          state_, std::move(slot));
      s->Run();
      session = s;
    } else {
      auto s = std::make_shared<HttpSession<beast::tcp_stream>>(
          beast::tcp_stream(std::move(socket)), state_, std::move(slot));
      s->Run();
      session = s;
    }
    state_->Add(session);
    // Stop may have swept the sessions between our check and Add.
    if (state_->stopping) session->StopIfIdle();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_timer_;
  std::chrono::milliseconds backoff_{0};  // 0: not backing off
  std::shared_ptr<SharedState> state_;
  std::optional<net::ssl::context>* tls_;
  uint16_t port_ = 0;
};

}  // namespace

struct HttpServer::Impl {
  net::io_context ioc;
  std::optional<net::ssl::context> tls;
  std::shared_ptr<SharedState> state;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> threads;
  int thread_count = 2;
  std::optional<net::steady_timer> sweep;  // closes revoked kiosks' live connections

  void Sweep() {
    sweep->expires_after(std::chrono::milliseconds(250));
    sweep->async_wait([this](beast::error_code ec) {
      if (ec || state->stopping) return;
      state->SweepLive();
      Sweep();
    });
  }

  // An I/O thread: an exception out of a handler is counted and the thread
  // goes on (Asio allows run() to be called again after one).
  void Run() {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        if (state->metrics != nullptr) state->metrics->CountFailure("io");
        base::LogError(std::string("groupbuy-store: error: a connection handler failed (") +
                       e.what() + "); the server goes on");
      } catch (...) {
        if (state->metrics != nullptr) state->metrics->CountFailure("io");
        base::LogError("groupbuy-store: error: a connection handler failed; the server goes on");
      }
    }
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  Stop();
  Wait();
}

base::Result<std::unique_ptr<HttpServer>> HttpServer::Create(const ServerOptions& o,
                                                             Router& router) {
  auto impl = std::make_unique<Impl>();
  impl->thread_count = std::max(1, o.threads);
  if (o.tls) {
    impl->tls.emplace(net::ssl::context::tls_server);
    beast::error_code ec;
    impl->tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                               net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                               net::ssl::context::no_tlsv1_1,
                           ec);
    // Idle connections (most live ones) give their TLS record buffers back:
    // tens of KiB each otherwise.
    SSL_CTX_set_mode(impl->tls->native_handle(), SSL_MODE_RELEASE_BUFFERS);
    if (!ec) impl->tls->use_certificate_chain_file(o.cert_path, ec);
    if (!ec) impl->tls->use_private_key_file(o.key_path, net::ssl::context::pem, ec);
    if (ec) return BeastStatus(ec, "loading " + o.cert_path + " and " + o.key_path, "tls_setup");
  }
  impl->state = std::make_shared<SharedState>(impl->ioc, router, o);
  impl->listener = std::make_shared<Listener>(impl->ioc, impl->state, &impl->tls);
  GB_RETURN_IF_ERROR(impl->listener->Listen(o.host, o.port));
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const { return impl_->listener->port(); }

void HttpServer::Start() {
  impl_->listener->DoAccept();
  impl_->sweep.emplace(impl_->ioc);
  impl_->Sweep();
  for (int i = 0; i < impl_->thread_count; ++i) {
    impl_->threads.emplace_back([this] { impl_->Run(); });
  }
}

void HttpServer::Stop() {
  if (impl_->state->stopping.exchange(true)) return;
  impl_->listener->Stop();
  net::post(impl_->ioc, [impl = impl_.get()] {
    if (impl->sweep) impl->sweep->cancel();
  });
  std::vector<std::shared_ptr<SessionBase>> live;
  {
    std::lock_guard lock(impl_->state->mu);
    for (const auto& w : impl_->state->sessions) {
      if (auto s = w.lock()) live.push_back(std::move(s));
    }
  }
  for (const auto& s : live) s->StopIfIdle();
}

void HttpServer::Wait() {
  for (std::thread& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
}

}  // namespace gb::server
