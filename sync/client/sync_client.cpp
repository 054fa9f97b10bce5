#include "sync/client/sync_client.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "sync/client/http_date.h"
#include "sync/client/server_identity.h"

namespace gb::sync_client {
namespace {

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SyncClient::SyncClient(std::unique_ptr<OutboxSource> source, std::unique_ptr<CursorStore> cursor,
                       std::unique_ptr<HttpTransport> transport, SyncClientOptions options)
    : source_(std::move(source)),
      cursor_(std::move(cursor)),
      transport_(std::move(transport)),
      options_(std::move(options)),
      backoff_(options_.backoff, options_.seed != 0 ? options_.seed : std::random_device{}()) {
  if (!options_.now) options_.now = SystemNow;
}

base::Result<std::unique_ptr<SyncClient>> SyncClient::Start(
    std::unique_ptr<OutboxSource> source, std::unique_ptr<CursorStore> cursor,
    std::unique_ptr<HttpTransport> transport, SyncClientOptions options) {
  return Start(std::move(source), std::move(cursor), std::move(transport), nullptr,
               std::move(options));
}

base::Result<std::unique_ptr<SyncClient>> SyncClient::Start(
    std::unique_ptr<OutboxSource> source, std::unique_ptr<CursorStore> cursor,
    std::unique_ptr<HttpTransport> transport, std::unique_ptr<StateSink> state,
    SyncClientOptions options) {
  std::unique_ptr<SyncClient> client(
      new SyncClient(std::move(source), std::move(cursor), std::move(transport), std::move(options)));
  client->state_ = std::move(state);
  if (client->state_) {
    GB_ASSIGN_OR_RETURN(client->status_.state_revision, client->state_->Revision());
  }
  UploadOptions upload;
  upload.batch_limit = client->options_.batch_limit;
  upload.now = client->options_.now;
  GB_ASSIGN_OR_RETURN(Uploader uploader, Uploader::Create(*client->source_, *client->cursor_,
                                                          *client->transport_, upload));
  client->status_.acked_seq = uploader.cursor().acked_seq;
  client->status_.poisoned = uploader.cursor().poisoned;
  client->thread_ = std::thread([c = client.get(), u = std::move(uploader)]() mutable {
    c->Run(std::move(u));
  });
  return client;
}

SyncClient::~SyncClient() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

SyncStatus SyncClient::status() const {
  std::lock_guard lock(mu_);
  return status_;
}

void SyncClient::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void SyncClient::OnLiveRevision(int64_t revision) {
  {
    std::lock_guard lock(mu_);
    // A lower revision than ours means the server was restored from a
    // backup: poll too, the state sink takes the server's word.
    if (revision == status_.state_revision) return;
    woken_ = true;
    status_.live_wakes += 1;
  }
  cv_.notify_all();
}

void SyncClient::ServerBack() {
  {
    std::lock_guard lock(mu_);
    back_ = true;
  }
  cv_.notify_all();
}

bool SyncClient::Sleep(int64_t ms, bool wakeable) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(ms),
               [&] { return stop_ || back_ || (wakeable && woken_); });
  if (wakeable) woken_ = false;
  back_ = false;
  return !stop_;
}

void SyncClient::Succeeded(const std::string& date, const Uploader& uploader, int acked) {
  const int64_t now = options_.now();
  std::lock_guard lock(mu_);
  status_.started = true;
  status_.online = true;
  status_.offline_since = 0;
  status_.last_ok_at = now;
  status_.failures = 0;
  status_.identity_changed = false;
  status_.acked_seq = uploader.cursor().acked_seq;
  status_.events_acked += acked;
  status_.poisoned = uploader.cursor().poisoned;
  // A reply without a Date leaves the last measurement standing.
  if (std::optional<int64_t> server = ParseHttpDate(date)) {
    status_.clock_skew_s = *server - now;
    status_.skew_exceeded = *status_.clock_skew_s > options_.max_skew_s ||
                            *status_.clock_skew_s < -options_.max_skew_s;
  }
}

void SyncClient::Failed(const base::Status& status, const Uploader& uploader) {
  const int64_t now = options_.now();
  std::lock_guard lock(mu_);
  if (status_.online || !status_.started || status_.offline_since == 0) status_.offline_since = now;
  status_.started = true;
  status_.online = false;
  // A transport not wrapped in an AlarmTransport still says "pin_mismatch".
  const base::Status said = AsIdentityAlarm(status);
  status_.last_error = said.ToString();
  status_.identity_changed = IsIdentityAlarm(said);
  status_.failures += 1;
  status_.acked_seq = uploader.cursor().acked_seq;
}

base::Result<std::string> SyncClient::Poll() {
  if (!state_) {
    GB_ASSIGN_OR_RETURN(HttpReply beat, transport_->Send(HttpRequest{"GET", "/healthz", ""}));
    if (beat.status != 200) {
      return base::Status::Error(base::Code::kUnavailable, "server_error",
                                 "/healthz answered " + std::to_string(beat.status));
    }
    return beat.date;
  }
  GB_ASSIGN_OR_RETURN(int64_t since, state_->Revision());
  GB_ASSIGN_OR_RETURN(HttpReply reply, transport_->Send(HttpRequest{
                                           "GET", "/v1/state?since=" + std::to_string(since), ""}));
  if (reply.status != 200) {
    const char* reason = reply.status == 401   ? "unauthorized"
                         : reply.status == 403 ? "forbidden"
                         : reply.status == 429 ? "rate_limited"
                                               : "server_error";
    return base::Status::Error(base::Code::kUnavailable, reason,
                               "/v1/state answered " + std::to_string(reply.status));
  }
  const int64_t now = options_.now();
  GB_ASSIGN_OR_RETURN(int64_t revision, state_->Apply(reply.body, now));
  {
    std::lock_guard lock(mu_);
    status_.state_revision = revision;
    status_.state_applied_at = now;
  }
  return reply.date;
}

base::Status SyncClient::Flush(int64_t timeout_ms) {
  std::unique_lock lock(mu_);
  // Backing off after a failure: the next attempt may be a minute away.
  if (!stop_ && status_.started && !status_.online) {
    return base::Status::Error(base::Code::kUnavailable, "offline", status_.last_error);
  }
  const int64_t ticket = ++flush_asked_;
  woken_ = true;
  cv_.notify_all();
  cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
               [&] { return stop_ || flush_drained_ >= ticket || flush_failed_ >= ticket; });
  if (flush_drained_ >= ticket) return base::Status::Ok();
  if (flush_failed_ >= ticket) return flush_error_;
  if (stop_) return base::Status::Error(base::Code::kUnavailable, "stopping", "the sync stopped");
  return base::Status::Error(
      base::Code::kDeadlineExceeded, "flush_timeout",
      "the store did not acknowledge the outbox within " + std::to_string(timeout_ms) + " ms");
}

int64_t SyncClient::FlushTicket() const {
  std::lock_guard lock(mu_);
  return flush_asked_;
}

void SyncClient::AnswerFlush(int64_t ticket, const base::Status& outcome) {
  {
    std::lock_guard lock(mu_);
    if (outcome.ok()) {
      flush_drained_ = std::max(flush_drained_, ticket);
    } else {
      flush_failed_ = std::max(flush_failed_, ticket);
      flush_error_ = outcome;
    }
  }
  cv_.notify_all();
}

void SyncClient::Run(Uploader uploader) {
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
    }
    // This thread is the store's uplink as well as the kiosk's sync: an
    // exception from a step (a reply that breaks a decoder's assumption)
    // counts as a failed exchange and is retried with backoff, never the
    // end of the process.
    bool go_on = false;
    try {
      go_on = Step(uploader);
    } catch (const std::exception& e) {
      Failed(base::Status::Internal("internal", std::string("a sync step failed: ") + e.what()),
             uploader);
      go_on = Sleep(backoff_.NextDelayMs(), /*wakeable=*/false);
    } catch (...) {
      Failed(base::Status::Internal("internal", "a sync step failed"), uploader);
      go_on = Sleep(backoff_.NextDelayMs(), /*wakeable=*/false);
    }
    if (!go_on) return;
  }
}

bool SyncClient::Step(Uploader& uploader) {
  // A Flush made before this step reads the outbox is answered by it.
  const int64_t ticket = FlushTicket();
  base::Result<StepResult> step = uploader.Step();
  if (!step.ok()) {
    Failed(step.status(), uploader);
    AnswerFlush(ticket, step.status());
    return Sleep(backoff_.NextDelayMs(), /*wakeable=*/false);
  }
  if (step->kind != StepResult::Kind::kIdle) {
    backoff_.Reset();
    Succeeded(step->date, uploader, step->acked);
    return true;  // there may be more; a resized or probing batch goes at once
  }
  AnswerFlush(ticket, base::Status::Ok());
  // Drained: learn what the others did (or just prove the server is there), then rest.
  base::Result<std::string> beat = Poll();
  if (!beat.ok()) {
    Failed(beat.status(), uploader);
    return Sleep(backoff_.NextDelayMs(), /*wakeable=*/false);
  }
  backoff_.Reset();
  Succeeded(*beat, uploader, 0);
  return Sleep(options_.idle_poll_ms, /*wakeable=*/true);
}

}  // namespace gb::sync_client
