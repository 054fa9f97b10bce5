// In-memory fakes for the sync client's seams: an outbox, a cursor store and
// a scripted HTTP transport that plays a store server.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sync/client/http_transport.h"
#include "sync/client/outbox_source.h"
#include "sync/client/state_sink.h"
#include "sync/protocol/batch_codec.h"

namespace gb::sync_client::testing {

// A cancel event is the smallest valid payload: enough to exercise batching.
inline protocol::Event CancelEvent(int64_t seq) {
  return protocol::Event{"kiosk-1", seq, "cancel", 1'767'225'600 + seq,
                         {{"key_id", 7}, {"serial", seq}, {"at", 1'767'225'600 + seq}}};
}

class VectorOutbox final : public OutboxSource {
 public:
  void Append(protocol::Event e) {
    std::lock_guard lock(mu_);
    events_.push_back(std::move(e));
  }
  base::Result<std::vector<protocol::Event>> After(int64_t after, int limit) override {
    std::lock_guard lock(mu_);
    std::vector<protocol::Event> out;
    for (const auto& e : events_) {
      if (e.seq > after && static_cast<int>(out.size()) < limit) out.push_back(e);
    }
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<protocol::Event> events_;
};

class MemoryCursor final : public CursorStore {
 public:
  base::Result<SyncCursor> Load() override { return saved; }
  base::Status Save(const SyncCursor& c) override {
    if (fail_saves) return base::Status::IoError("disk_full", "no space left");
    saved = c;
    ++saves;
    return base::Status::Ok();
  }
  SyncCursor saved;
  bool fail_saves = false;
  int saves = 0;
};

// A store server in a function: by default it stores every event it is sent
// (refusing seqs listed in `poison` with a 400 and batches over
// `max_events` with a 413) and acks the highest stored seq.
class FakeServer final : public HttpTransport {
 public:
  base::Result<HttpReply> Send(const HttpRequest& req) override {
    std::lock_guard lock(mu_);
    requests.push_back(req);
    if (!scripted.empty()) {
      auto next = std::move(scripted.front());
      scripted.pop_front();
      return next;
    }
    if (down) return base::Status::Error(base::Code::kUnavailable, "unreachable", "refused");
    if (req.target == "/healthz") return HttpReply{200, "ok", date};
    if (req.target.starts_with("/v1/state?since=")) return HttpReply{state_status, state_body, date};
    auto batch = protocol::DecodeBatch(req.body);
    if (!batch.ok()) return HttpReply{400, R"({"reason":"bad_batch","message":"x"})", date};
    if (batch->events.size() > max_events) return HttpReply{413, "{}", date};
    for (const auto& e : batch->events) {
      for (int64_t p : poison) {
        if (e.seq == p) {
          return HttpReply{400, R"({"reason":"bad_payload","message":"events[0].payload.serial is wrong"})",
                           date};
        }
      }
    }
    for (const auto& e : batch->events) {
      if (e.seq > acked) {
        stored.push_back(e.seq);
        acked = e.seq;
      }
    }
    return HttpReply{200, R"({"acked_seq":)" + std::to_string(acked) + "}", date};
  }

  std::mutex mu_;
  std::vector<HttpRequest> requests;
  std::deque<base::Result<HttpReply>> scripted;  // served first, in order
  std::vector<int64_t> poison;
  std::vector<int64_t> stored;
  size_t max_events = 1000;
  int64_t acked = 0;
  bool down = false;
  std::string date;
  int state_status = 200;
  std::string state_body = R"({"revision":1,"since":0,"deals":[],"kiosks":[]})";
};

// Keeps the state bodies it is given; the revision is the "revision" member.
class FakeStateSink final : public StateSink {
 public:
  base::Result<int64_t> Revision() override {
    std::lock_guard lock(mu_);
    return revision;
  }
  base::Result<int64_t> Apply(std::string_view body, int64_t now) override {
    std::lock_guard lock(mu_);
    if (fail_apply) return base::Status::Corruption("db_corrupt", "the disk ate it");
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j["revision"].is_number_integer()) {
      return base::Status::InvalidArgument("bad_state", "no revision");
    }
    bodies.emplace_back(body);
    applied_at = now;
    revision = j["revision"].get<int64_t>();
    return revision;
  }

  std::mutex mu_;
  int64_t revision = 0;
  int64_t applied_at = 0;
  bool fail_apply = false;
  std::vector<std::string> bodies;
};

}  // namespace gb::sync_client::testing
