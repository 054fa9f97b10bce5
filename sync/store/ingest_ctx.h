// The state of one group commit while its events are applied (ingest.cpp,
// ingest_refund.cpp). Private to the store library.
#pragma once

#include <cstdint>
#include <set>

#include "sync/store/store_db.h"

namespace gb::store {

struct StoreDb::IngestCtx {
  int64_t rev = 0;  // the revision this group writes
  int64_t now = 0;
  bool changed = false;
  std::set<uint32_t> touched_deals;
  IngestResult* result = nullptr;
};

}  // namespace gb::store
