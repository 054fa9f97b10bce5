#include "sync/uplink/uplink.h"

#include <ctime>

#include "sync/client/beast_transport.h"
#include "sync/client/cursor_file.h"
#include "sync/protocol/json_reader.h"

namespace gb::uplink {

base::Result<std::vector<protocol::Event>> SnapshotOutbox::After(int64_t after, int limit) {
  std::vector<protocol::Event> out;
  if (limit < 1) return out;
  if (watch_.contacts) {
    GB_RETURN_IF_ERROR(db_->MarkKiosksOffline(watch_.contacts(), now_(), watch_.since,
                                              watch_.offline_after_s)
                           .status());
  }
  GB_ASSIGN_OR_RETURN(store::OwnSnapshot snap, db_->OwnCounts());
  if (snap.revision <= after) return out;
  const nlohmann::json payload = protocol::ToJson(snap.payload);
  if (last_ && last_->payload == payload) {
    // Nothing to report since the last snapshot: resend it only while the
    // head office has not acknowledged it.
    if (last_->seq > after) out.push_back(*last_);
    return out;
  }
  last_ = protocol::Event{store_id_, snap.revision, std::string(protocol::kTallies), now_(),
                          payload};
  out.push_back(*last_);
  return out;
}

base::Result<int64_t> ChainStateSink::Apply(std::string_view body, int64_t now) {
  GB_ASSIGN_OR_RETURN(nlohmann::json state, protocol::ParseJson(body));
  return db_->ApplyChainState(state, store_id_, now);
}

base::Result<std::unique_ptr<Uplink>> Uplink::Start(const std::string& store_dir,
                                                    const std::string& db_path,
                                                    const store::HqLink& link,
                                                    UplinkOptions options) {
  std::unique_ptr<Uplink> up(new Uplink(link));
  std::function<int64_t()> now = options.now;
  if (!now) now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  sync_client::ServerEndpoint to;
  to.host = link.host;
  to.port = link.port;
  to.tls = true;  // a head office is always reached over TLS, its certificate pinned
  to.cert_sha256 = link.cert_sha256;
  to.token = link.token;
  GB_ASSIGN_OR_RETURN(std::unique_ptr<sync_client::BeastTransport> transport,
                      sync_client::BeastTransport::Create(to));
  // The sync thread's own connection: the server's others are busy serving.
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> opened, store::StoreDb::Open(db_path));
  std::shared_ptr<store::StoreDb> db = std::move(opened);
  sync_client::SyncClientOptions o;
  o.idle_poll_ms = options.idle_poll_ms;
  o.backoff = options.backoff;
  o.now = now;
  KioskWatch watch = options.kiosks;
  if (watch.since == 0) watch.since = now();
  GB_ASSIGN_OR_RETURN(
      up->client_,
      sync_client::SyncClient::Start(std::make_unique<SnapshotOutbox>(db, link.store_id, now,
                                                                      std::move(watch)),
                                     std::make_unique<sync_client::CursorFile>(
                                         store_dir + "/hq-cursor.json"),
                                     std::move(transport),
                                     std::make_unique<ChainStateSink>(db, link.store_id), o));
  // The head office's push wakes the state poll, so an unlock decided there
  // reaches this store's kiosks within a second or two; without it the
  // periodic poll still runs.
  sync_client::SyncClient* c = up->client_.get();
  auto live = sync_client::LiveClient::Start(std::move(to),
                                             [c](int64_t rev) { c->OnLiveRevision(rev); });
  if (live.ok()) up->live_ = std::move(live).value();
  return up;
}

Uplink::~Uplink() {
  live_.reset();  // before the client it calls into
  client_.reset();
}

}  // namespace gb::uplink
