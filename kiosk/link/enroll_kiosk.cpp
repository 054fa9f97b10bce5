#include "kiosk/link/enroll_kiosk.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/base/file_util.h"
#include "core/base/hex.h"
#include "core/rules/phone.h"
#include "core/voucher/ed25519.h"
#include "kiosk/link/ledger_stores.h"
#include "sync/client/beast_transport.h"
#include "sync/client/enroll_client.h"
#include "sync/protocol/enroll_code.h"

namespace gb::link {
namespace {

// Everything that can be checked without the store is checked first: a code
// is good for one use, and a refusal after the store said yes wastes it.
base::Status CheckLocally(const EnrollKioskRequest& r, const protocol::EnrollCode& code,
                          int64_t now) {
  if (now >= code.expires_at) {
    return base::Status::Error(base::Code::kPermissionDenied, "code_expired",
                               "this enrolment code has expired; make a new one (or, if this "
                               "machine's clock is wrong, set it first)");
  }
  // Init would refuse any of these after the store said yes.
  for (const char* file :
       {"/kiosk.json", "/signing.key", "/signing.pub", "/phone.key", "/ledger.db"}) {
    if (::access((r.kiosk_dir + file).c_str(), F_OK) == 0) {
      return base::Status::AlreadyExists(
          "kiosk_exists",
          r.kiosk_dir + " already holds a kiosk (" + (file + 1) + "); enrol into an empty folder");
    }
  }
  if (!rules::IsKnownCountry(r.options.country)) {
    return base::Status::InvalidArgument("bad_settings",
                                         "--country '" + r.options.country + "' has no phone plan");
  }
  if (r.options.utc_offset_minutes < -14 * 60 || r.options.utc_offset_minutes > 14 * 60) {
    return base::Status::InvalidArgument("bad_settings", "--utc-offset must be within -840..840");
  }
  return base::MakeDirs(r.kiosk_dir, 0700);
}

base::Status Explain(base::Status s) {
  if (s.reason() == "pin_mismatch") {
    return base::Status::Error(
        s.code(), s.reason(),
        s.message() +
            ". The code names another certificate than the server shows: the secret "
            "was not sent and the code is still unused. Check the address, or make a "
            "new code on the right store");
  }
  return s;
}

// After the store said yes: the kiosk id it assigned, with our own key.
base::Result<EnrolledKiosk> WriteKiosk(const EnrollKioskRequest& r,
                                       const protocol::EnrollCode& code,
                                       const sync_client::EnrollReply& reply,
                                       const voucher::SigningKey& key, int64_t now) {
  config::InitOptions o = r.options;
  o.store_name = reply.store_name;
  o.kiosk_id = reply.kiosk_id;
  o.signing_key_pem = key.PrivatePem();
  o.phone_key_hex = reply.phone_key;  // the store's: one hash per phone at every kiosk
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Init(r.kiosk_dir, o));
  config::ServerSettings server;
  server.host = code.host;
  server.port = code.port;
  server.cert_sha256 = base::ToHex(code.cert_sha256);
  server.token = reply.token;
  GB_RETURN_IF_ERROR(k.Enrol(reply.key_id, server));
  GB_ASSIGN_OR_RETURN(ledger::Identity id, k.LoadIdentity());
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, ledger::Ledger::Open(k.ledger_path(), id.WithoutKey()));
  LedgerStateSink sink(std::move(l));
  EnrolledKiosk out;
  GB_ASSIGN_OR_RETURN(out.revision, sink.Apply(reply.state_body, now));
  const nlohmann::json state = nlohmann::json::parse(reply.state_body, nullptr, false);
  if (state.is_object() && state.contains("deals") && state["deals"].is_array()) {
    out.deals = state["deals"].size();
  }
  out.kiosk_id = reply.kiosk_id;
  out.key_id = reply.key_id;
  out.store_name = reply.store_name;
  out.host = code.host;
  out.port = code.port;
  out.ledger_path = k.ledger_path();
  return out;
}

}  // namespace

base::Result<EnrolledKiosk> EnrollKiosk(const EnrollKioskRequest& r, int64_t now) {
  GB_ASSIGN_OR_RETURN(protocol::EnrollCode code, protocol::DecodeEnrollCode(r.code_text));
  GB_RETURN_IF_ERROR(CheckLocally(r, code, now));
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::Generate());
  GB_ASSIGN_OR_RETURN(auto transport, sync_client::BeastTransport::Create(
                                          sync_client::EndpointFor(code, r.timeout_ms)));
  sync_client::EnrollRequest request{code.secret, key.Public().Pem(), r.name};
  base::Result<sync_client::EnrollReply> reply = sync_client::Enroll(*transport, request);
  if (!reply.ok()) return Explain(reply.status());
  base::Result<EnrolledKiosk> written = WriteKiosk(r, code, *reply, key, now);
  if (!written.ok()) {
    return written.status().WithContext(
        "the store enrolled kiosk " + reply->kiosk_id +
        " but this folder could not be completed; revoke that kiosk "
        "(groupbuy-provision revoke) and enrol again with a new code");
  }
  return written;
}

}  // namespace gb::link
