// LiveSession: one WebSocket connection of GET /v1/live, after the router
// has authenticated the upgrade request (http_session.h hands it over).
//
// It writes {"revision": N} text frames: the store's revision when it
// subscribes to the LiveHub, then each change. Only the newest revision is
// kept: a slow client gets the latest value when its last write finishes,
// never a growing queue. A read is kept pending only so control frames
// (ping, pong, close) are answered; data frames from the client are ignored,
// and one over kMaxClientMessage closes the connection. Beast's WebSocket
// timeout pings a silent client after half the idle timeout and drops it
// after the whole, so dead connections go.
//
// Memory per connection is the stream (socket, timers, Beast's small frame
// buffers), a 32-byte frame and nothing that grows. Internal to
// http_server.cpp; every handler runs on the connection's strand.
#pragma once

#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <cstdio>

#include "sync/server/http_session.h"
#include "sync/server/live_hub.h"

namespace gb::server {

namespace websocket = beast::websocket;

inline constexpr size_t kMaxClientMessage = 1024;

template <class Stream>
class LiveSession final : public SessionBase,
                          public LiveSink,
                          public std::enable_shared_from_this<LiveSession<Stream>> {
 public:
  LiveSession(Stream&& stream, std::shared_ptr<SharedState> state, ConnectionSlot slot)
      : ws_(std::move(stream)), state_(std::move(state)), slot_(std::move(slot)) {}

  void Accept(http::request<http::string_body> req) {
    // The WebSocket stream keeps its own timers; the TCP one must be off.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout t;
    t.handshake_timeout = std::chrono::seconds(10);
    t.idle_timeout = state_->live_idle_timeout;
    t.keep_alive_pings = true;
    ws_.set_option(t);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "groupbuy-store"); }));
    ws_.read_message_max(kMaxClientMessage);
    ws_.auto_fragment(false);
    auto self = this->shared_from_this();
    ws_.async_accept(req, [self](beast::error_code ec) {
      if (ec) return;
      self->open_ = true;
      if (self->state_->stopping) return self->DoClose();
      self->DoRead();
      // Subscribing pushes the current revision, which starts the first write.
      self->state_->live->Subscribe(self);
    });
  }

  // LiveSink: from the hub's thread.
  void Push(int64_t revision) override {
    net::post(ws_.get_executor(), [self = this->shared_from_this(), revision] {
      self->latest_ = revision;
      self->have_latest_ = true;
      if (!self->writing_) self->DoWrite();
    });
  }

  void StopIfIdle() override {
    net::post(ws_.get_executor(), [self = this->shared_from_this()] {
      if (self->open_) {
        self->DoClose();
      } else {
        beast::get_lowest_layer(self->ws_).cancel();
      }
    });
  }

 private:
  void DoRead() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->open_ = false;  // closed, timed out, too large, or reset
        return;
      }
      self->buffer_.clear();  // the client has nothing to tell us
      self->DoRead();
    });
  }

  void DoWrite() {
    if (!open_ || !have_latest_ || closing_) return;
    have_latest_ = false;
    const int n = std::snprintf(frame_, sizeof frame_, "{\"revision\":%lld}",
                                static_cast<long long>(latest_));
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(frame_, static_cast<size_t>(n)),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                      self->writing_ = false;
                      if (ec) {
                        self->open_ = false;
                        return;
                      }
                      if (self->closing_) return self->DoClose();
                      self->DoWrite();  // a newer revision came meanwhile
                    });
  }

  void DoClose() {
    closing_ = true;
    if (!open_ || writing_) return;  // the write's handler closes
    open_ = false;
    ws_.async_close(websocket::close_code::going_away,
                    [self = this->shared_from_this()](beast::error_code) {});
  }

  websocket::stream<Stream> ws_;
  std::shared_ptr<SharedState> state_;
  ConnectionSlot slot_;
  beast::flat_buffer buffer_{kMaxClientMessage};
  char frame_[32];
  int64_t latest_ = 0;
  bool have_latest_ = false;
  bool writing_ = false;
  bool open_ = false;
  bool closing_ = false;
};

template <class Stream>
bool StartLive(Stream& stream, std::shared_ptr<SharedState> state,
               http::request<http::string_body>& req, const std::string& principal,
               ConnectionSlot slot) {
  {
    // Counted before the stream moves, so a refusal leaves it usable for the 429.
    std::lock_guard lock(state->mu);
    auto& list = state->live_by_principal[principal];
    std::erase_if(list, [](const auto& w) { return w.expired(); });
    if (static_cast<int>(list.size()) >= state->max_live_per_token) return false;
  }
  auto session =
      std::make_shared<LiveSession<Stream>>(std::move(stream), state, std::move(slot));
  // Two upgrades of one token on two threads may both pass the check above;
  // the second to register is dropped here (closed unanswered, the client
  // retries), so the cap holds exactly.
  if (!state->AddLive(principal, session)) return true;
  state->Add(session);
  session->Accept(std::move(req));
  return true;
}

}  // namespace gb::server
