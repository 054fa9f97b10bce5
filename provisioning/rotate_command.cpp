// groupbuy-provision rotate-key: a kiosk takes a new signing key and a new
// token and keeps its id, ledger and history (docs/operations.md "Rotating a kiosk's
// key"). Run on the kiosk, with groupbuy-kiosk stopped.
//
// The kiosk makes the key; only its public half goes to the store, over the
// kiosk's own pinned TLS with its own token. The store retires the old key
// from that moment (vouchers it signed before stay valid everywhere) and
// names the new key id. Every step can be repeated after a crash: the new key
// is staged in KDIR first and the store answers a repeated key with the same
// id (kiosk/config/kiosk_dir.h StageKey, CommitKey).
#include <ctime>
#include <filesystem>

#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/ledger.h"
#include "provisioning/command.h"
#include "sync/client/beast_transport.h"
#include "sync/client/cursor_file.h"
#include "sync/client/enroll_client.h"

namespace gb::provisioning {
namespace {

struct RotateArgs {
  std::string kiosk_dir;
};

// The store refuses a retired key's voucher that it first sees after the
// rotation ("retired_key"), so a sign-up still in the outbox would be lost:
// the kiosk must have uploaded them first. Checked before a key is staged
// (once staged, the kiosk cannot start and sign up until the rotation ends).
base::Status CheckOutboxSent(const config::KioskDir& dir) {
  sync_client::CursorFile cursor(dir.dir() + "/sync-cursor.json");
  GB_ASSIGN_OR_RETURN(sync_client::SyncCursor c, cursor.Load());
  GB_ASSIGN_OR_RETURN(ledger::Identity id, dir.LoadIdentity());
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, ledger::Ledger::Open(dir.ledger_path(), id.WithoutKey()));
  int64_t after = c.acked_seq;
  int unsent = 0;
  for (;;) {
    GB_ASSIGN_OR_RETURN(std::vector<ledger::OutboxEvent> events, l.OutboxAfter(after, 500));
    if (events.empty()) break;
    for (const ledger::OutboxEvent& e : events) {
      if (e.type == "sign_up") ++unsent;
    }
    after = events.back().seq;
  }
  if (unsent == 0) return base::Status::Ok();
  return base::Status::FailedPrecondition(
      "outbox_not_sent", std::to_string(unsent) +
                             " sign-up(s) have not reached the store yet; vouchers of the old key "
                             "that reach it after the rotation are refused. Start the kiosk, let "
                             "it sync, stop it and run rotate-key again");
}

base::Status RotateKey(const RotateArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(config::KioskDir dir, config::KioskDir::Open(a.kiosk_dir));
  if (!dir.settings().server) {
    return base::Status::FailedPrecondition(
        "not_enrolled", a.kiosk_dir + " is a standalone kiosk: its key is known to no store. "
                        "Enrol it in a store first (groupbuy-provision enroll)");
  }
  const config::ServerSettings& server = *dir.settings().server;
  const uint32_t old_key = dir.settings().key_id;
  if (!std::filesystem::exists(dir.staged_key_path())) GB_RETURN_IF_ERROR(CheckOutboxSent(dir));
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, dir.StageKey());
  sync_client::ServerEndpoint to;
  to.host = server.host;
  to.port = server.port;
  to.tls = true;  // as the kiosk's sync: pinned to the store's certificate
  to.cert_sha256 = server.cert_sha256;
  to.token = server.token;
  GB_ASSIGN_OR_RETURN(auto transport, sync_client::BeastTransport::Create(to));
  base::Result<sync_client::RotateReply> reply =
      sync_client::RotateKey(*transport, key.Public().Pem());
  if (!reply.ok()) {
    return reply.status().WithContext(
        "the store did not take the new key; the kiosk keeps key id " + std::to_string(old_key) +
        " and does not start until rotate-key is run again (or " + dir.staged_key_path() +
        " is deleted to give up)");
  }
  // The new token goes into kiosk.json with the new key id, in one write.
  GB_RETURN_IF_ERROR(dir.CommitKey(reply->key_id, reply->token));
  out << "kiosk " << dir.settings().kiosk_id << " now signs with key id " << reply->key_id;
  if (reply->retired_key_id != 0) {
    out << "; key id " << reply->retired_key_id
        << " is retired: vouchers it signed and sent before now stay valid; the kiosk has a "
           "new token";
  }
  out << "\n";
  return base::Status::Ok();
}

}  // namespace

void RegisterRotate(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "rotate-key", "Give a kiosk a new signing key, keeping its id and history (kiosk stopped)");
  auto a = std::make_shared<RotateArgs>();
  cmd->add_option("--kiosk-dir", a->kiosk_dir, "The kiosk's folder (KDIR)")->required();
  cmd->callback([&action, a] { action = [a](std::ostream& out) { return RotateKey(*a, out); }; });
}

}  // namespace gb::provisioning
