// CursorFile keeps the SyncCursor as JSON in one file (KDIR/sync-cursor.json),
// replaced atomically and durably (base::WriteFileAtomic), mode 0600 because
// refusal messages may name the kiosk's data. A missing file is a fresh
// cursor; a malformed one is "bad_cursor_file", naming the file, and is left
// alone for staff rather than silently reset (which would resend everything:
// harmless, but it would hide whatever damaged the file).
#pragma once

#include <string>

#include "core/base/result.h"
#include "sync/client/outbox_source.h"

namespace gb::sync_client {

class CursorFile final : public CursorStore {
 public:
  explicit CursorFile(std::string path) : path_(std::move(path)) {}
  base::Result<SyncCursor> Load() override;
  base::Status Save(const SyncCursor& cursor) override;

 private:
  std::string path_;
};

}  // namespace gb::sync_client
