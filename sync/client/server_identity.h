// The server identity alarm: a store server that presents a certificate
// other than the one pinned at enrolment is not "offline", it may be a man
// in the middle. The transport's "pin_mismatch" becomes the alarm
// "server_identity_changed" (PermissionDenied), which TillClient and
// SyncClient report and which IsOffline() (till_client.h) is false for, so
// no till falls back to its ledger on the strength of it.
//
// IdentityWatch is told of every mismatch and of every reply that came over
// a connection with the pinned certificate (the alarm's end); the kiosk's
// (kiosk/shell/identity_watch.h) keeps the alarm in its ledger.
// AlarmTransport wraps a transport so every request tells the watch.
// Thread-safety: an IdentityWatch is called from several threads (the sync
// thread, the UI thread's till); AlarmTransport as the transport it wraps.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "core/base/result.h"
#include "sync/client/http_transport.h"

namespace gb::sync_client {

inline constexpr std::string_view kServerIdentityChanged = "server_identity_changed";

// PermissionDenied "server_identity_changed"; the message keeps `why`'s.
base::Status ServerIdentityChanged(const base::Status& why);
// The transport's "pin_mismatch" as the alarm; any other status as it is.
base::Status AsIdentityAlarm(base::Status status);
bool IsIdentityAlarm(const base::Status& status);

class IdentityWatch {
 public:
  virtual ~IdentityWatch() = default;
  // A connection showed a certificate other than the pinned one (nothing was sent).
  virtual void Mismatch(int64_t now) = 0;
  // A reply came over a connection with the pinned certificate.
  virtual void Verified(int64_t now) = 0;
  // The alarm stands (raised and not yet cleared by a verified reply).
  virtual bool Standing() const = 0;
};

class AlarmTransport final : public HttpTransport {
 public:
  // REQUIRES: `watch` outlives the transport. `now` gives Unix seconds.
  AlarmTransport(std::unique_ptr<HttpTransport> inner, IdentityWatch& watch,
                 std::function<int64_t()> now)
      : inner_(std::move(inner)), watch_(&watch), now_(std::move(now)) {}

  // The inner transport's reply (the watch is told it was verified) or its
  // error, a pin mismatch as the alarm (the watch is told).
  base::Result<HttpReply> Send(const HttpRequest& request) override;

 private:
  std::unique_ptr<HttpTransport> inner_;
  IdentityWatch* watch_;
  std::function<int64_t()> now_;
};

}  // namespace gb::sync_client
