// The real stores behind the uploader's seams (outbox_source.h).
//
// LedgerOutbox reads the kiosk ledger's outbox through its own Ledger
// connection (the sync thread's; no signing key needed) and wraps each row
// as a protocol event of the ledger's origin. A row whose payload is not
// JSON is a corrupt ledger ("db_corrupt"), not something to upload.
//
// LedgerStateSink applies GET /v1/state answers to the kiosk ledger through
// its own Ledger connection (Ledger::ApplyRemoteState), decoding them for the
// ledger's origin (state_codec.h).
//
// CursorFile keeps the SyncCursor as JSON in one file (KDIR/sync-cursor.json),
// replaced atomically and durably (base::WriteFileAtomic), mode 0600 because
// refusal messages may name the kiosk's data. A missing file is a fresh
// cursor; a malformed one is "bad_cursor_file", naming the file, and is left
// alone for staff rather than silently reset (which would resend everything:
// harmless, but it would hide whatever damaged the file).
#pragma once

#include <memory>
#include <string>

#include "kiosk/ledger/ledger.h"
#include "sync/client/outbox_source.h"
#include "sync/client/state_sink.h"

namespace gb::sync_client {

class LedgerOutbox final : public OutboxSource {
 public:
  explicit LedgerOutbox(ledger::Ledger ledger) : ledger_(std::move(ledger)) {}
  base::Result<std::vector<protocol::Event>> After(int64_t after, int limit) override;

 private:
  ledger::Ledger ledger_;
};

class LedgerStateSink final : public StateSink {
 public:
  explicit LedgerStateSink(ledger::Ledger ledger) : ledger_(std::move(ledger)) {}
  base::Result<int64_t> Revision() override { return ledger_.SyncRevision(); }
  base::Result<int64_t> Apply(std::string_view body, int64_t now) override;

 private:
  ledger::Ledger ledger_;
};

class CursorFile final : public CursorStore {
 public:
  explicit CursorFile(std::string path) : path_(std::move(path)) {}
  base::Result<SyncCursor> Load() override;
  base::Status Save(const SyncCursor& cursor) override;

 private:
  std::string path_;
};

}  // namespace gb::sync_client
