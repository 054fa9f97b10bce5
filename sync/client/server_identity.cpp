#include "sync/client/server_identity.h"

#include <string>

namespace gb::sync_client {

base::Status ServerIdentityChanged(const base::Status& why) {
  return base::Status::Error(base::Code::kPermissionDenied, std::string(kServerIdentityChanged),
                             "the store server's identity has changed: " + why.message());
}

base::Status AsIdentityAlarm(base::Status status) {
  if (status.reason() == "pin_mismatch") return ServerIdentityChanged(status);
  return status;
}

bool IsIdentityAlarm(const base::Status& status) {
  return status.reason() == kServerIdentityChanged || status.reason() == "pin_mismatch";
}

base::Result<HttpReply> AlarmTransport::Send(const HttpRequest& request) {
  base::Result<HttpReply> reply = inner_->Send(request);
  if (reply.ok()) {
    // Any answer, a 4xx too: the transport checked the pin before sending.
    watch_->Verified(now_());
    return reply;
  }
  if (!IsIdentityAlarm(reply.status())) return reply;
  watch_->Mismatch(now_());
  return AsIdentityAlarm(reply.status());
}

}  // namespace gb::sync_client
