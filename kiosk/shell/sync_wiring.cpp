#include "kiosk/shell/sync_wiring.h"

#include <ctime>

#include "kiosk/link/ledger_stores.h"
#include "kiosk/shell/server_till.h"
#include "kiosk/shell/store_shopper_check.h"
#include "sync/client/beast_transport.h"
#include "sync/client/cursor_file.h"

namespace gb::shell {

base::Result<std::unique_ptr<SyncWiring>> SyncWiring::Start(const config::KioskDir& dir,
                                                            const ledger::Identity& identity,
                                                            app::DealDesk& inner,
                                                            std::function<int64_t()> now) {
  std::unique_ptr<SyncWiring> wiring(new SyncWiring(inner));
  const std::optional<config::ServerSettings>& server = dir.settings().server;
  if (!server) return wiring;  // a standalone kiosk: nothing leaves it
  wiring->enabled_ = true;
  wiring->server_ = *server;
  if (!now) now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  wiring->now_ = now;
  base::Result<std::unique_ptr<LedgerIdentityWatch>> watch = LedgerIdentityWatch::Open(
      dir.ledger_path(), identity, server->host + ":" + std::to_string(server->port));
  if (watch.ok()) wiring->watch_ = std::move(watch).value();
  base::Result<std::unique_ptr<sync_client::SyncClient>> client =
      StartClient(dir, *server, identity, std::move(now), wiring->watch_.get());
  if (client.ok()) {
    wiring->client_ = std::move(client).value();
    // The alarm's event is in the outbox: upload it over this good connection now.
    sync_client::SyncClient* woken = wiring->client_.get();
    if (wiring->watch_) wiring->watch_->set_on_clear([woken] { woken->ServerBack(); });
    // The store's push (GET /v1/live) wakes the state poll at once, so a
    // sign-up anywhere shows here within a second; if it cannot connect,
    // the periodic poll still runs.
    sync_client::ServerEndpoint live_to;
    live_to.host = server->host;
    live_to.port = server->port;
    live_to.cert_sha256 = server->cert_sha256;
    live_to.token = server->token;
    sync_client::SyncClient* c = wiring->client_.get();
    auto live = sync_client::LiveClient::Start(
        std::move(live_to), [c](int64_t revision) { c->OnLiveRevision(revision); });
    if (live.ok()) wiring->live_ = std::move(live).value();
  } else {
    // The kiosk still takes sign-ups offline; staff see why it does not sync.
    wiring->start_error_ = client.status().ToString();
  }
  wiring->StartShopperCheck(identity);
  return wiring;
}

namespace {

sync_client::ServerEndpoint Endpoint(const config::ServerSettings& server) {
  sync_client::ServerEndpoint endpoint;
  endpoint.host = server.host;
  endpoint.port = server.port;
  endpoint.tls = true;  // kiosks always pin the store's certificate
  endpoint.cert_sha256 = server.cert_sha256;
  endpoint.token = server.token;
  return endpoint;
}

// A staff tap waits for the server at most this long before the till counts
// the store as offline (the sync thread's own requests may wait longer).
constexpr int kTillTimeoutMs = 3'000;
// A shopper who confirmed waits at most this long for the store's count
// before the kiosk signs up on its own.
constexpr int kShopperCheckTimeoutMs = 1'500;

}  // namespace

void SyncWiring::StartShopperCheck(const ledger::Identity& identity) {
  if (!server_) return;
  sync_client::ServerEndpoint endpoint = Endpoint(*server_);
  endpoint.timeout_ms = kShopperCheckTimeoutMs;
  base::Result<std::unique_ptr<sync_client::BeastTransport>> transport =
      sync_client::BeastTransport::Create(std::move(endpoint));
  if (!transport.ok()) return;  // a malformed server block: the kiosk counts on its own
  // Asked unless the sync thread's last exchange failed: then the store is
  // offline and the shopper should not wait for a timeout to learn it.
  auto reachable = [this] {
    std::optional<sync_client::SyncStatus> st = status();
    return st && (!st->started || st->online);
  };
  shopper_ = std::make_unique<StoreShopperCheck>(std::move(transport).value(),
                                                 identity.phone_key, std::move(reachable));
  gate_.set_check(shopper_.get());
}

base::Result<std::unique_ptr<till::Till>> SyncWiring::MakeTill(ledger::Ledger& ledger,
                                                                till::LocalTill local,
                                                                const std::string& place) const {
  if (!server_) return std::unique_ptr<till::Till>(new till::LocalTill(std::move(local)));
  sync_client::ServerEndpoint endpoint = Endpoint(*server_);
  endpoint.timeout_ms = kTillTimeoutMs;
  GB_ASSIGN_OR_RETURN(std::unique_ptr<sync_client::BeastTransport> beast,
                      sync_client::BeastTransport::Create(std::move(endpoint)));
  std::unique_ptr<sync_client::HttpTransport> transport = std::move(beast);
  if (watch_) {
    transport = std::make_unique<sync_client::AlarmTransport>(std::move(transport), *watch_, now_);
  }
  return std::unique_ptr<till::Till>(
      new ServerTill(ledger, std::move(local), std::move(transport),
                     ServerTillOptions{place, server_->offline_redeem, watch_.get()}));
}

base::Result<std::unique_ptr<sync_client::SyncClient>> SyncWiring::StartClient(
    const config::KioskDir& dir, const config::ServerSettings& server,
    const ledger::Identity& identity, std::function<int64_t()> now,
    sync_client::IdentityWatch* watch) {
  GB_ASSIGN_OR_RETURN(std::unique_ptr<sync_client::BeastTransport> beast,
                      sync_client::BeastTransport::Create(Endpoint(server)));
  std::unique_ptr<sync_client::HttpTransport> transport = std::move(beast);
  if (watch != nullptr) {
    transport = std::make_unique<sync_client::AlarmTransport>(std::move(transport), *watch, now);
  }
  // The sync thread's own connections: SQLite connections are not shared
  // across threads here, and it never signs, so it gets no key.
  GB_ASSIGN_OR_RETURN(ledger::Ledger outbox,
                      ledger::Ledger::Open(dir.ledger_path(), identity.WithoutKey()));
  GB_ASSIGN_OR_RETURN(ledger::Ledger state,
                      ledger::Ledger::Open(dir.ledger_path(), identity.WithoutKey()));
  sync_client::SyncClientOptions options;
  if (now) options.now = std::move(now);
  return sync_client::SyncClient::Start(
      std::make_unique<link::LedgerOutbox>(std::move(outbox)),
      std::make_unique<sync_client::CursorFile>(dir.dir() + "/sync-cursor.json"),
      std::move(transport), std::make_unique<link::LedgerStateSink>(std::move(state)),
      std::move(options));
}

SyncWiring::~SyncWiring() = default;

std::optional<sync_client::SyncStatus> SyncWiring::status() const {
  if (!enabled_) return std::nullopt;
  if (client_) return client_->status();
  sync_client::SyncStatus s;
  s.last_error = start_error_;
  return s;
}

void SyncWiring::Wake() {
  if (client_) client_->Wake();
}

base::Status SyncWiring::Flush(int64_t timeout_ms) {
  if (!enabled_) return base::Status::Ok();
  if (!client_) return base::Status::Error(base::Code::kUnavailable, "offline", start_error_);
  return client_->Flush(timeout_ms);
}

base::Result<app::JoinTicket> SyncWiring::WakingDesk::Join(const app::JoinRequest& request) {
  // A kiosk whose clock is far from the server's would stamp sign-ups with
  // times the deadline rules cannot trust: it takes none until it is set
  // right (the sync status shows staff by how much).
  if (std::optional<sync_client::SyncStatus> st = owner_.status(); st && st->skew_exceeded) {
    return base::Status::Error(
        base::Code::kFailedPrecondition, "kiosk_paused",
        "this kiosk's clock is " + std::to_string(st->clock_skew_s.value_or(0)) +
            " s off the store server's; sign-ups resume when it is set right");
  }
  base::Result<app::JoinTicket> ticket = inner_.Join(request);
  // Only a committed sign-up adds to the outbox; a refusal has nothing to send.
  if (ticket.ok()) owner_.Wake();
  return ticket;
}

}  // namespace gb::shell
