// Uplink: a store server's sync with its head office (docs/sync-protocol.md,
// "Head office"). The store is a client of the head office exactly as a
// kiosk is of the store: the same SyncClient thread, backoff, cursor file
// and pinned-TLS transport, and a LiveClient on the head office's /v1/live.
//
//   up:   SnapshotOutbox turns the store's own counts into "tallies" events
//         (seq = the store's revision); a new one only when the counts moved.
//   down: ChainStateSink applies GET /v1/state (chain-wide deals, the rest
//         of the chain's counts, the head office's decisions) to the store's
//         database (StoreDb::ApplyChainState), so its kiosks hear of them.
//
// A store cut off from its head office keeps serving its kiosks; when the
// link returns it sends its latest snapshot (absolute counts: nothing is
// counted twice) and catches up on the head office's state.
// Thread-safety: status() from any thread; the destructor stops the threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/base/result.h"
#include "sync/client/live_client.h"
#include "sync/client/outbox_source.h"
#include "sync/client/state_sink.h"
#include "sync/client/sync_client.h"
#include "sync/store/hq_link.h"
#include "sync/store/store_db.h"

namespace gb::uplink {

// How the store tells which of its kiosks are offline (StoreDb::
// MarkKiosksOffline): `contacts` gives the server's in-memory last request
// per kiosk (thread-safe; StoreBackend::Contacts), `since` is when the
// server started, `offline_after_s` the silence that makes a kiosk offline.
struct KioskWatch {
  std::function<std::map<std::string, int64_t>()> contacts;  // empty: kiosks are not watched
  int64_t since = 0;
  int64_t offline_after_s = 60;
};

// The store's counts as outbox events. Thread-compatible (the sync thread).
class SnapshotOutbox final : public sync_client::OutboxSource {
 public:
  SnapshotOutbox(std::shared_ptr<store::StoreDb> db, std::string store_id,
                 std::function<int64_t()> now, KioskWatch watch = {})
      : db_(std::move(db)),
        store_id_(std::move(store_id)),
        now_(std::move(now)),
        watch_(std::move(watch)) {}
  // At most one event: the snapshot at the current revision, when that is
  // above `after` and its counts or offline kiosks differ from the last
  // snapshot handed out (or none was since this process started). The same
  // revision always gives the same event, so a resend is a duplicate, not a
  // new report. With a watch, first writes down kiosks gone offline or back
  // (a new revision when that changed).
  base::Result<std::vector<protocol::Event>> After(int64_t after, int limit) override;

 private:
  std::shared_ptr<store::StoreDb> db_;
  std::string store_id_;
  std::function<int64_t()> now_;
  KioskWatch watch_;
  std::optional<protocol::Event> last_;
};

class ChainStateSink final : public sync_client::StateSink {
 public:
  ChainStateSink(std::shared_ptr<store::StoreDb> db, std::string store_id)
      : db_(std::move(db)), store_id_(std::move(store_id)) {}
  base::Result<int64_t> Revision() override { return db_->ChainRevision(); }
  base::Result<int64_t> Apply(std::string_view body, int64_t now) override;

 private:
  std::shared_ptr<store::StoreDb> db_;
  std::string store_id_;
};

struct UplinkOptions {
  int idle_poll_ms = 1'000;  // how often counts are compared and the head office asked
  sync_client::BackoffOptions backoff;
  std::function<int64_t()> now;  // Unix seconds; default: the system clock
  KioskWatch kiosks;             // which kiosks to report offline; since defaults to now()
};

class Uplink {
 public:
  // Opens its own database connection on db_path and starts the threads.
  // Errors: the database's, the transport's ("bad_endpoint").
  static base::Result<std::unique_ptr<Uplink>> Start(const std::string& store_dir,
                                                     const std::string& db_path,
                                                     const store::HqLink& link,
                                                     UplinkOptions options = {});
  ~Uplink();
  sync_client::SyncStatus status() const { return client_->status(); }
  const store::HqLink& link() const { return link_; }

 private:
  explicit Uplink(store::HqLink link) : link_(std::move(link)) {}
  store::HqLink link_;
  std::unique_ptr<sync_client::SyncClient> client_;
  std::unique_ptr<sync_client::LiveClient> live_;
};

}  // namespace gb::uplink
