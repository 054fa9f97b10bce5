// The kiosk ledger behind the sync client's seams (sync/client/outbox_source.h,
// state_sink.h).
//
// LedgerOutbox reads the kiosk ledger's outbox through its own Ledger
// connection (the sync thread's; no signing key needed) and wraps each row
// as a protocol event of the ledger's origin. A row whose payload is not
// JSON is a corrupt ledger ("db_corrupt"), not something to upload.
//
// LedgerStateSink applies GET /v1/state answers to the kiosk ledger through
// its own Ledger connection (Ledger::ApplyRemoteState), decoding them for the
// ledger's origin (kiosk/link/state_codec.h).
#pragma once

#include <memory>
#include <string>

#include "kiosk/ledger/ledger.h"
#include "sync/client/outbox_source.h"
#include "sync/client/state_sink.h"

namespace gb::link {

class LedgerOutbox final : public sync_client::OutboxSource {
 public:
  explicit LedgerOutbox(ledger::Ledger ledger) : ledger_(std::move(ledger)) {}
  base::Result<std::vector<protocol::Event>> After(int64_t after, int limit) override;

 private:
  ledger::Ledger ledger_;
};

class LedgerStateSink final : public sync_client::StateSink {
 public:
  explicit LedgerStateSink(ledger::Ledger ledger) : ledger_(std::move(ledger)) {}
  base::Result<int64_t> Revision() override { return ledger_.SyncRevision(); }
  base::Result<int64_t> Apply(std::string_view body, int64_t now) override;

 private:
  ledger::Ledger ledger_;
};

}  // namespace gb::link
