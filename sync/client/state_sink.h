// StateSink: where the sync thread puts what the store server reports
// (GET /v1/state). LedgerStateSink (stores.h) applies it to the kiosk
// ledger; tests use fakes. Used by the sync thread only.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/base/result.h"

namespace gb::sync_client {

class StateSink {
 public:
  virtual ~StateSink() = default;
  // The revision to ask after (since=REV): that of the last state applied.
  virtual base::Result<int64_t> Revision() = 0;
  // Applies the body of a 200 answer to GET /v1/state?since=Revision()
  // durably, together with its revision. Errors: the decoder's ("bad_json",
  // "bad_state", a deal rule's) and the store's. Returns the new revision.
  virtual base::Result<int64_t> Apply(std::string_view body, int64_t now) = 0;
};

}  // namespace gb::sync_client
