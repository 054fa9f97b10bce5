// groupbuy-provision enroll: a new kiosk enrols itself in a store with a
// one-time code from `enroll-code` (docs/operations.md "Enrolling a kiosk
// with a code").
//
// The kiosk makes its own Ed25519 key; only the public half leaves it. It
// dials the address in the code over HTTPS pinned to the code's certificate
// fingerprint (a wrong one stops before the secret is sent), and from the
// answer writes KDIR as init-kiosk followed by add-kiosk would: kiosk.json
// (0600) with the store's kiosk id, key id, address, fingerprint and token,
// signing.key (0600), signing.pub, phone.key (0600), and the ledger holding
// the store's catalog and keys, so `groupbuy-kiosk --dir KDIR` syncs at once.
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "kiosk/base/file_util.h"
#include "kiosk/base/hex.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/rules/phone.h"
#include "kiosk/voucher/ed25519.h"
#include "provisioning/command.h"
#include "sync/client/enroll_client.h"
#include "sync/client/stores.h"

namespace gb::provisioning {
namespace {

struct EnrollArgs {
  std::string kiosk_dir;
  std::string code;
  std::string name;
  config::InitOptions options;
};

// Everything that can be checked without the store is checked first: a code
// is good for one use, and a refusal after the store said yes wastes it.
base::Status CheckLocally(const EnrollArgs& a, const protocol::EnrollCode& code, int64_t now) {
  if (now >= code.expires_at) {
    return base::Status::Error(base::Code::kPermissionDenied, "code_expired",
                               "this enrolment code has expired; make a new one (or, if this "
                               "machine's clock is wrong, set it first)");
  }
  // Init would refuse any of these after the store said yes.
  for (const char* file :
       {"/kiosk.json", "/signing.key", "/signing.pub", "/phone.key", "/ledger.db"}) {
    if (::access((a.kiosk_dir + file).c_str(), F_OK) == 0) {
      return base::Status::AlreadyExists(
          "kiosk_exists",
          a.kiosk_dir + " already holds a kiosk (" + (file + 1) + "); enrol into an empty folder");
    }
  }
  if (!rules::IsKnownCountry(a.options.country)) {
    return base::Status::InvalidArgument("bad_settings",
                                         "--country '" + a.options.country + "' has no phone plan");
  }
  if (a.options.utc_offset_minutes < -14 * 60 || a.options.utc_offset_minutes > 14 * 60) {
    return base::Status::InvalidArgument("bad_settings", "--utc-offset must be within -840..840");
  }
  return base::MakeDirs(a.kiosk_dir, 0700);
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
base::Status WriteKiosk(const EnrollArgs& a, const protocol::EnrollCode& code,
                        const sync_client::EnrollReply& reply, const voucher::SigningKey& key,
                        int64_t now, std::ostream& out) {
  config::InitOptions o = a.options;
  o.store_name = reply.store_name;
  o.kiosk_id = reply.kiosk_id;
  o.signing_key_pem = key.PrivatePem();
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Init(a.kiosk_dir, o));
  config::ServerSettings server;
  server.host = code.host;
  server.port = code.port;
  server.cert_sha256 = base::ToHex(code.cert_sha256);
  server.token = reply.token;
  GB_RETURN_IF_ERROR(k.Enrol(reply.key_id, server));
  GB_ASSIGN_OR_RETURN(ledger::Identity id, k.LoadIdentity());
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, ledger::Ledger::Open(k.ledger_path(), id.WithoutKey()));
  sync_client::LedgerStateSink sink(std::move(l));
  GB_ASSIGN_OR_RETURN(int64_t revision, sink.Apply(reply.state_body, now));
  const size_t deals = nlohmann::json::parse(reply.state_body)["deals"].size();
  out << "kiosk " << reply.kiosk_id << " enrolled in \"" << reply.store_name << "\" with key id "
      << reply.key_id << "; it syncs with " << code.host << ":" << code.port << "\n"
      << "imported " << deals << " deal" << (deals == 1 ? "" : "s") << " (store revision "
      << revision << ") into " << k.ledger_path() << "\n";
  return base::Status::Ok();
}

// "-" reads the code from the first line of standard input, which other
// users cannot see in /proc as they can the command line.
base::Result<std::string> CodeText(const std::string& arg) {
  if (arg != "-") return arg;
  std::string line;
  if (!std::getline(std::cin, line)) {
    return base::Status::InvalidArgument(
        "bad_enroll_code", "--code - reads the code from standard input, which was empty");
  }
  return line;
}

base::Status Enroll(const EnrollArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(std::string text, CodeText(a.code));
  GB_ASSIGN_OR_RETURN(protocol::EnrollCode code, protocol::DecodeEnrollCode(text));
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  GB_RETURN_IF_ERROR(CheckLocally(a, code, now));
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::Generate());
  GB_ASSIGN_OR_RETURN(auto transport,
                      sync_client::BeastTransport::Create(sync_client::EndpointFor(code)));
  sync_client::EnrollRequest request{code.secret, key.Public().Pem(), a.name};
  base::Result<sync_client::EnrollReply> reply = sync_client::Enroll(*transport, request);
  if (!reply.ok()) return Explain(reply.status());
  base::Status written = WriteKiosk(a, code, *reply, key, now, out);
  if (!written.ok()) {
    return written.WithContext("the store enrolled kiosk " + reply->kiosk_id +
                               " but this folder could not be completed; revoke that kiosk "
                               "(groupbuy-provision revoke) and enrol again with a new code");
  }
  return base::Status::Ok();
}

}  // namespace

void RegisterEnroll(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("enroll", "Enrol a new kiosk in a store with a one-time code");
  auto a = std::make_shared<EnrollArgs>();
  cmd->add_option("--kiosk-dir", a->kiosk_dir, "The new kiosk's folder (KDIR), empty or absent")
      ->required();
  cmd->add_option("--code", a->code,
                  "The GBE1:... code from enroll-code, or - to read it from stdin")
      ->required();
  cmd->add_option("--name", a->name, "A name for staff, e.g. \"by the door\" (optional)");
  cmd->add_option("--country", a->options.country, "ISO country for phone numbers (default DE)");
  cmd->add_option("--utc-offset", a->options.utc_offset_minutes,
                  "The store's time zone in minutes east of UTC (default 0)");
  cmd->add_option("--printer", a->options.printer, "Printer spec (default png:KDIR/printer)");
  cmd->callback([&action, a] { action = [a](std::ostream& out) { return Enroll(*a, out); }; });
}

}  // namespace gb::provisioning
