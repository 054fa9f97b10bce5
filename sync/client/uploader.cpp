#include "sync/client/uploader.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sync/protocol/ack.h"
#include "sync/protocol/batch_codec.h"

namespace gb::sync_client {
namespace {

using base::Status;

// The server's error body is {"reason": ..., "message": ...}; anything else is
// kept as text, cut short so a misbehaving proxy cannot flood the ledger.
void ReadRefusal(const std::string& body, std::string& reason, std::string& message) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_object()) {
    if (auto it = j.find("reason"); it != j.end() && it->is_string()) reason = *it;
    if (auto it = j.find("error"); reason.empty() && it != j.end() && it->is_string()) reason = *it;
    if (auto it = j.find("message"); it != j.end() && it->is_string()) message = *it;
  }
  if (reason.empty()) reason = "refused";
  if (message.empty()) message = body.substr(0, 200);
  if (message.size() > 500) message.resize(500);
}

Status ReplyError(const HttpReply& reply) {
  std::string reason, message;
  ReadRefusal(reply.body, reason, message);
  std::string what = "store server answered " + std::to_string(reply.status) + " (" + reason +
                     "): " + message;
  switch (reply.status) {
    case 401: return Status::Error(base::Code::kUnauthenticated, "unauthorized", what);
    case 403: return Status::Error(base::Code::kPermissionDenied, "forbidden", what);
    case 429: return Status::ResourceExhausted("rate_limited", what);
    default: return Status::Error(base::Code::kUnavailable, "server_error", what);
  }
}

}  // namespace

base::Result<Uploader> Uploader::Create(OutboxSource& source, CursorStore& cursor,
                                        HttpTransport& transport, UploadOptions options) {
  GB_ASSIGN_OR_RETURN(SyncCursor loaded, cursor.Load());
  if (options.batch_limit < 1) options.batch_limit = 1;
  return Uploader(source, cursor, transport, std::move(options), std::move(loaded));
}

Status Uploader::Advance(int64_t seq) {
  SyncCursor next = cursor_;
  next.acked_seq = seq;
  // Saved first: if saving fails the cursor stays behind and the events are
  // resent, which is harmless; the other order could skip events.
  GB_RETURN_IF_ERROR(store_->Save(next));
  cursor_ = std::move(next);
  return Status::Ok();
}

base::Result<StepResult> Uploader::Step() {
  const int limit = cursor_.acked_seq < probe_until_ ? 1 : limit_;
  GB_ASSIGN_OR_RETURN(std::vector<protocol::Event> events, source_->After(cursor_.acked_seq, limit));
  if (events.empty()) return StepResult{};
  const int64_t last = events.back().seq;

  GB_ASSIGN_OR_RETURN(HttpReply reply, transport_->Send(HttpRequest{
                                           "POST", "/v1/events", protocol::EncodeBatch(events)}));
  StepResult result;
  result.date = reply.date;

  if (reply.status == 200) {
    GB_ASSIGN_OR_RETURN(protocol::Ack ack, protocol::DecodeAck(reply.body));
    if (ack.acked_seq < cursor_.acked_seq) {
      return Status::Corruption("ack_behind", "the store server acknowledged seq " +
                                                  std::to_string(ack.acked_seq) +
                                                  " but had acknowledged " +
                                                  std::to_string(cursor_.acked_seq) + " before");
    }
    // An ack past what was sent would skip events the server never saw.
    const int64_t to = std::min(ack.acked_seq, last);
    result.kind = StepResult::Kind::kSent;
    result.acked = static_cast<int>(std::count_if(
        events.begin(), events.end(), [&](const protocol::Event& e) { return e.seq <= to; }));
    if (to > cursor_.acked_seq) GB_RETURN_IF_ERROR(Advance(to));
    return result;
  }

  const bool too_large = reply.status == 413;
  const bool refused = reply.status == 400 || reply.status == 409 || reply.status == 422;
  if (!too_large && !refused) return ReplyError(reply);

  if (events.size() > 1) {
    // Find the culprit without giving up the good events around it.
    if (too_large) {
      limit_ = std::max(1, static_cast<int>(events.size()) / 2);
    } else {
      probe_until_ = last;
    }
    result.kind = StepResult::Kind::kRetry;
    return result;
  }

  Poisoned p;
  p.seq = events[0].seq;
  p.type = events[0].type;
  p.http_status = reply.status;
  ReadRefusal(reply.body, p.reason, p.message);
  p.at = options_.now();
  SyncCursor next = cursor_;
  next.acked_seq = p.seq;
  next.poisoned.push_back(std::move(p));
  GB_RETURN_IF_ERROR(store_->Save(next));
  cursor_ = std::move(next);
  // The culprit of a 413 is set aside: full batches again.
  if (too_large) limit_ = options_.batch_limit;
  result.kind = StepResult::Kind::kPoisoned;
  result.acked = 1;
  return result;
}

}  // namespace gb::sync_client
