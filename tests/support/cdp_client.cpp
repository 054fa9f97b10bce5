#include "tests/support/cdp_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <map>
#include <thread>
#include <utility>

namespace gb::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using nlohmann::json;

struct CdpClient::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  std::deque<std::string> outbox;  // the io thread's only
  std::thread thread;

  std::mutex mu;
  std::condition_variable cv;
  std::map<int64_t, json> replies;  // guarded by mu
  std::vector<json> events;         // guarded by mu
  std::string closed;               // why the connection ended; guarded by mu
  int64_t next_id = 1;

  void Fail(const beast::error_code& ec) {
    std::lock_guard lock(mu);
    closed = ec.message();
    cv.notify_all();
  }

  void DoRead() {
    ws.async_read(buffer, [this](beast::error_code ec, size_t) {
      if (ec) return Fail(ec);
      json message = json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
      buffer.consume(buffer.size());
      {
        std::lock_guard lock(mu);
        if (message.is_object() && message.contains("id")) {
          const int64_t id = message["id"].get<int64_t>();  // before the move below
          replies[id] = std::move(message);
        } else if (message.is_object()) {
          events.push_back(std::move(message));
        }
      }
      cv.notify_all();
      DoRead();
    });
  }

  void DoWrite() {
    ws.async_write(net::buffer(outbox.front()), [this](beast::error_code ec, size_t) {
      if (ec) return Fail(ec);
      outbox.pop_front();
      if (!outbox.empty()) DoWrite();
    });
  }

  void Send(std::string text) {
    net::post(ws.get_executor(), [this, text = std::move(text)]() mutable {
      outbox.push_back(std::move(text));
      if (outbox.size() == 1) DoWrite();
    });
  }
};

CdpClient::CdpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CdpClient::~CdpClient() {
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

base::Result<std::unique_ptr<CdpClient>> CdpClient::Connect(const std::string& ws_url) {
  // ws://HOST:PORT/PATH
  constexpr std::string_view kScheme = "ws://";
  if (ws_url.rfind(kScheme, 0) != 0) {
    return base::Status::InvalidArgument("bad_ws_url", "not a ws:// URL: " + ws_url);
  }
  const size_t slash = ws_url.find('/', kScheme.size());
  const std::string host_port = ws_url.substr(kScheme.size(), slash - kScheme.size());
  const std::string path = slash == std::string::npos ? "/" : ws_url.substr(slash);
  const size_t colon = host_port.rfind(':');
  auto impl = std::make_unique<Impl>();
  beast::error_code ec;
  net::ip::tcp::resolver resolver(impl->ioc);
  auto endpoints = resolver.resolve(host_port.substr(0, colon), host_port.substr(colon + 1), ec);
  if (!ec) beast::get_lowest_layer(impl->ws).connect(endpoints, ec);
  if (!ec) {
    // Screenshots arrive as one base64 message of several megabytes.
    impl->ws.read_message_max(64u << 20);
    impl->ws.handshake(host_port, path, ec);
  }
  if (ec) {
    return base::Status::Error(base::Code::kUnavailable, "cdp_connect",
                               "connecting to " + ws_url + ": " + ec.message());
  }
  impl->ws.text(true);
  impl->DoRead();
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->ioc.run(); });
  return std::unique_ptr<CdpClient>(new CdpClient(std::move(impl)));
}

base::Result<json> CdpClient::Call(const std::string& method, const json& params,
                                   std::chrono::milliseconds timeout) {
  Impl& s = *impl_;
  const int64_t id = s.next_id++;
  s.Send(json{{"id", id}, {"method", method}, {"params", params}}.dump());
  std::unique_lock lock(s.mu);
  const bool answered =
      s.cv.wait_for(lock, timeout, [&] { return s.replies.count(id) != 0 || !s.closed.empty(); });
  if (!answered) {
    return base::Status::Error(
        base::Code::kDeadlineExceeded, "cdp_timeout",
        method + " got no reply in " + std::to_string(timeout.count()) + " ms");
  }
  auto it = s.replies.find(id);
  if (it == s.replies.end()) {
    return base::Status::Error(base::Code::kUnavailable, "cdp_closed",
                               "the DevTools connection ended: " + s.closed);
  }
  json reply = std::move(it->second);
  s.replies.erase(it);
  if (reply.contains("error")) {
    return base::Status::Internal("cdp_error", method + ": " + reply["error"].dump());
  }
  return reply.value("result", json::object());
}

base::Result<json> CdpClient::Evaluate(const std::string& expression) {
  GB_ASSIGN_OR_RETURN(
      json r, Call("Runtime.evaluate",
                   {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}}));
  if (r.contains("exceptionDetails")) {
    const json& d = r["exceptionDetails"];
    std::string text = d.value("text", "exception");
    if (d.contains("exception")) text += " " + d["exception"].value("description", "");
    return base::Status::InvalidArgument("js_exception", text);
  }
  return r["result"].value("value", json());
}

std::vector<json> CdpClient::TakeEvents() {
  std::lock_guard lock(impl_->mu);
  return std::exchange(impl_->events, {});
}

}  // namespace gb::test
