#include "kiosk/shell/sync_wiring.h"

#include "sync/client/beast_transport.h"
#include "sync/client/stores.h"

namespace gb::shell {

base::Result<std::unique_ptr<SyncWiring>> SyncWiring::Start(const config::KioskDir& dir,
                                                            const ledger::Identity& identity,
                                                            app::DealDesk& inner,
                                                            std::function<int64_t()> now) {
  std::unique_ptr<SyncWiring> wiring(new SyncWiring(inner));
  const std::optional<config::ServerSettings>& server = dir.settings().server;
  if (!server) return wiring;  // a standalone kiosk: nothing leaves it
  wiring->enabled_ = true;
  base::Result<std::unique_ptr<sync_client::SyncClient>> client =
      StartClient(dir, *server, identity, std::move(now));
  if (client.ok()) {
    wiring->client_ = std::move(client).value();
  } else {
    // The kiosk still takes sign-ups offline; staff see why it does not sync.
    wiring->start_error_ = client.status().ToString();
  }
  return wiring;
}

base::Result<std::unique_ptr<sync_client::SyncClient>> SyncWiring::StartClient(
    const config::KioskDir& dir, const config::ServerSettings& server,
    const ledger::Identity& identity, std::function<int64_t()> now) {
  sync_client::ServerEndpoint endpoint;
  endpoint.host = server.host;
  endpoint.port = server.port;
  endpoint.tls = true;  // kiosks always pin the store's certificate
  endpoint.cert_sha256 = server.cert_sha256;
  endpoint.token = server.token;
  GB_ASSIGN_OR_RETURN(std::unique_ptr<sync_client::BeastTransport> transport,
                      sync_client::BeastTransport::Create(std::move(endpoint)));
  // The sync thread's own connections: SQLite connections are not shared
  // across threads here, and it never signs, so it gets no key.
  GB_ASSIGN_OR_RETURN(ledger::Ledger outbox,
                      ledger::Ledger::Open(dir.ledger_path(), identity.WithoutKey()));
  GB_ASSIGN_OR_RETURN(ledger::Ledger state,
                      ledger::Ledger::Open(dir.ledger_path(), identity.WithoutKey()));
  sync_client::SyncClientOptions options;
  if (now) options.now = std::move(now);
  return sync_client::SyncClient::Start(
      std::make_unique<sync_client::LedgerOutbox>(std::move(outbox)),
      std::make_unique<sync_client::CursorFile>(dir.dir() + "/sync-cursor.json"),
      std::move(transport), std::make_unique<sync_client::LedgerStateSink>(std::move(state)),
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

base::Result<app::JoinTicket> SyncWiring::WakingDesk::Join(const app::JoinRequest& request) {
  base::Result<app::JoinTicket> ticket = inner_.Join(request);
  // Only a committed sign-up adds to the outbox; a refusal has nothing to send.
  if (ticket.ok()) owner_.Wake();
  return ticket;
}

}  // namespace gb::shell
