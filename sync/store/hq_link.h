// HqLink: a store's link to its head office, SDIR/hq.json (mode 0600: it
// holds the store's bearer token there). Written by `groupbuy-provision
// link-store`; read by groupbuy-store, which then syncs upward
// (sync/uplink). A store with no hq.json stands alone.
// Thread-compatible value type and functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/result.h"

namespace gb::store {

struct HqLink {
  std::string store_id;     // this store's client id at the head office (origin of its events)
  std::string hq_name;      // the head office's name, for messages
  std::string host;
  uint16_t port = 0;        // 1..65535
  std::string cert_sha256;  // the head office certificate's SHA-256, 64 lower-case hex
  std::string token;        // this store's bearer token there

  bool operator==(const HqLink&) const = default;
};

// SDIR/hq.json's path.
std::string HqLinkPath(const std::string& store_dir);
// nullopt when there is no hq.json; "bad_settings" naming the file and the
// field when it is malformed; "insecure_permissions" when not 0600.
base::Result<std::optional<HqLink>> ReadHqLink(const std::string& store_dir);
// Writes hq.json atomically, mode 0600; AlreadyExists "already_linked"
// when the store has one.
base::Status WriteHqLink(const std::string& store_dir, const HqLink& link);

}  // namespace gb::store
