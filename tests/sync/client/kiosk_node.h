// One kiosk for the process tests, wired as groupbuy-kiosk wires it: the app's
// ledger connection, and a SyncClient with its own connections (the outbox
// and the state sink), the cursor file and a plain-HTTP BeastTransport to a
// groupbuy-store on 127.0.0.1.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/link/ledger_stores.h"
#include "sync/client/beast_transport.h"
#include "sync/client/cursor_file.h"
#include "sync/client/sync_client.h"

namespace gb::test {

class KioskNode {
 public:
  // Opens KDIR (enrolled by add-kiosk) and its ledger; no sync yet.
  explicit KioskNode(const std::string& kdir) {
    auto dir = config::KioskDir::Open(kdir);
    EXPECT_TRUE(dir.ok()) << dir.status().ToString();
    if (!dir.ok()) return;
    dir_.emplace(std::move(dir).value());
    auto id = dir_->LoadIdentity();
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (!id.ok()) return;
    sync_identity_ = id->WithoutKey();
    auto l = ledger::Ledger::Open(dir_->ledger_path(), std::move(id).value());
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    if (l.ok()) ledger_.emplace(std::move(l).value());
  }

  // Starts the sync thread against 127.0.0.1:port: plain HTTP, or with `tls`
  // HTTPS pinned to the fingerprint in kiosk.json (as groupbuy-kiosk does).
  bool StartSync(uint16_t port, int idle_poll_ms = 50, bool tls = false) {
    if (!dir_ || !ledger_ || !dir_->settings().server) return false;
    sync_client::ServerEndpoint to;
    to.port = port;
    to.tls = tls;
    if (tls) to.cert_sha256 = dir_->settings().server->cert_sha256;
    to.token = dir_->settings().server->token;
    to.timeout_ms = 5'000;
    auto transport = sync_client::BeastTransport::Create(to);
    auto outbox = ledger::Ledger::Open(dir_->ledger_path(), sync_identity_.WithoutKey());
    auto state = ledger::Ledger::Open(dir_->ledger_path(), sync_identity_.WithoutKey());
    if (!transport.ok() || !outbox.ok() || !state.ok()) return false;
    sync_client::SyncClientOptions o;
    o.idle_poll_ms = idle_poll_ms;
    o.backoff = {.base_ms = 20, .cap_ms = 200, .floor_ms = 10};
    auto c = sync_client::SyncClient::Start(
        std::make_unique<link::LedgerOutbox>(std::move(outbox).value()),
        std::make_unique<sync_client::CursorFile>(dir_->dir() + "/sync-cursor.json"),
        std::move(transport).value(),
        std::make_unique<link::LedgerStateSink>(std::move(state).value()), o);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok()) return false;
    client_ = std::move(c).value();
    return true;
  }
  void StopSync() { client_.reset(); }

  ledger::Ledger& ledger() { return *ledger_; }
  sync_client::SyncClient& client() { return *client_; }
  const std::string& origin() const { return sync_identity_.origin; }

 private:
  std::optional<config::KioskDir> dir_;
  ledger::Identity sync_identity_;
  std::optional<ledger::Ledger> ledger_;
  std::unique_ptr<sync_client::SyncClient> client_;
};

}  // namespace gb::test
