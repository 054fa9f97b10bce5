// groupbuy-provision init-hq | link-store: a head office and the stores that
// report to it (docs/operations.md, "Head office").
#include <ctime>

#include "core/base/hex.h"
#include "core/voucher/ed25519.h"
#include "provisioning/command.h"
#include "sync/client/enroll_client.h"
#include "sync/store/hq_link.h"
#include "sync/store/store_db.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

struct InitHqArgs {
  std::string dir;
  store::StoreSettings settings;
};

struct LinkStoreArgs {
  std::string hq_dir;  // on the head office's machine; or
  std::string code;    // an enrolment code of the head office's (enroll-code --dir HDIR)
  std::string store_dir;
  std::string address;  // HOST:PORT stores reach the head office at
};

base::Status InitHq(InitHqArgs a, std::ostream& out) {
  a.settings.role = "hq";
  std::string token;
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Init(a.dir, a.settings, &token));
  GB_ASSIGN_OR_RETURN(std::string fingerprint, s.CertFingerprint());
  out << "head office \"" << s.settings().name << "\" set up in " << a.dir << " (listen "
      << s.settings().listen << ")\n"
      << "certificate sha256 " << fingerprint << "\n"
      << "admin token (shown once; also in " << a.dir << "/admin.token): " << token << "\n";
  return base::Status::Ok();
}

// The checks both ways of linking make before anything is written.
base::Result<store::StoreDir> LinkableStore(const std::string& store_dir) {
  GB_ASSIGN_OR_RETURN(store::StoreDir st, store::StoreDir::Open(store_dir));
  if (st.settings().role != "store") {
    return base::Status::InvalidArgument("not_a_store", store_dir + " is not a store");
  }
  GB_ASSIGN_OR_RETURN(std::optional<store::HqLink> had, store::ReadHqLink(store_dir));
  if (had) {
    return base::Status::AlreadyExists(
        "already_linked", store_dir + " already reports to \"" + had->hq_name + "\"");
  }
  return st;
}

// By code, from the store's own machine: the head office is dialled over TLS
// pinned to the code's fingerprint (a wrong one stops before the secret is
// sent) and enrols the store as a client of kind "store", as it would a kiosk.
base::Status LinkStoreByCode(const LinkStoreArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir st, LinkableStore(a.store_dir));
  GB_ASSIGN_OR_RETURN(protocol::EnrollCode code, protocol::DecodeEnrollCode(a.code));
  if (static_cast<int64_t>(std::time(nullptr)) >= code.expires_at) {
    return base::Status::Error(base::Code::kPermissionDenied, "code_expired",
                               "this enrolment code has expired; make a new one at the head "
                               "office (or, if this machine's clock is wrong, set it first)");
  }
  // Enrolment wants a public key; a store signs nothing upward, so the
  // private half is dropped.
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::Generate());
  GB_ASSIGN_OR_RETURN(auto transport,
                      sync_client::BeastTransport::Create(sync_client::EndpointFor(code)));
  std::string name = st.settings().name.substr(0, 64);
  sync_client::EnrollRequest request{code.secret, key.Public().Pem(), name, "store"};
  GB_ASSIGN_OR_RETURN(sync_client::EnrollReply reply, sync_client::Enroll(*transport, request));
  store::HqLink link{reply.kiosk_id, reply.store_name,          code.host,
                     code.port,      base::ToHex(code.cert_sha256), reply.token};
  base::Status written = store::WriteHqLink(a.store_dir, link);
  if (!written.ok()) {
    return written.WithContext("the head office enrolled this store as " + reply.kiosk_id +
                               " but hq.json could not be written; revoke " + reply.kiosk_id +
                               " at the head office and link again with a new code");
  }
  out << "store \"" << st.settings().name << "\" linked to head office \"" << reply.store_name
      << "\" as " << reply.kiosk_id << "; it reports to " << code.host << ":" << code.port
      << " when groupbuy-store runs\n";
  return base::Status::Ok();
}

base::Status LinkStore(const LinkStoreArgs& a, std::ostream& out) {
  if (!a.code.empty()) return LinkStoreByCode(a, out);
  if (a.hq_dir.empty()) {
    return base::Status::InvalidArgument("bad_arguments",
                                         "link-store needs --hq-dir HDIR or --code CODE");
  }
  GB_ASSIGN_OR_RETURN(store::StoreDir hq, store::StoreDir::Open(a.hq_dir));
  if (hq.settings().role != "hq") {
    return base::Status::InvalidArgument(
        "not_a_head_office", a.hq_dir + " is a store, not a head office (see init-hq)");
  }
  GB_ASSIGN_OR_RETURN(store::StoreDir st, LinkableStore(a.store_dir));
  GB_ASSIGN_OR_RETURN(store::HostPort hp, KioskAddress(a.address, hq));
  GB_ASSIGN_OR_RETURN(std::string fingerprint, hq.CertFingerprint());
  GB_ASSIGN_OR_RETURN(std::string token, store::NewToken());
  GB_ASSIGN_OR_RETURN(std::string id_hex, store::NewToken());
  // The head office keeps every client with a key; a store signs nothing
  // today, so its private half is not kept anywhere.
  GB_ASSIGN_OR_RETURN(voucher::SigningKey key, voucher::SigningKey::Generate());
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(hq.db_path()));
  GB_ASSIGN_OR_RETURN(uint32_t key_id, db->NextKeyId());
  store::KioskRecord rec;
  rec.kiosk_id = "store-" + id_hex.substr(0, 8);
  rec.key_id = key_id;
  rec.public_key_pem = key.Public().Pem();
  rec.token_sha256 = store::Sha256(token);
  rec.enrolled_at = static_cast<int64_t>(std::time(nullptr));
  rec.kind = "store";
  rec.name = st.settings().name;
  // The head office learns the store first, as add-kiosk does: an hq.json
  // naming a token the head office does not know would fail every sync.
  GB_RETURN_IF_ERROR(db->AddKiosk(rec));
  store::HqLink link{rec.kiosk_id, hq.settings().name, hp.host, hp.port, fingerprint, token};
  GB_RETURN_IF_ERROR(store::WriteHqLink(a.store_dir, link));
  out << "store \"" << st.settings().name << "\" linked to head office \"" << hq.settings().name
      << "\" as " << rec.kiosk_id << "; it reports to " << hp.host << ":" << hp.port
      << " when groupbuy-store runs\n";
  return base::Status::Ok();
}

}  // namespace

void RegisterHq(CLI::App& app, Action& action) {
  auto* init = app.add_subcommand("init-hq", "Set up a head office: identity, TLS, database");
  auto ia = std::make_shared<InitHqArgs>();
  init->add_option("--dir", ia->dir, "The head office's folder (HDIR)")->required();
  init->add_option("--name", ia->settings.name, "The chain's or head office's name")
      ->required()
      ->check(TextArg("the head office name", 120));
  init->add_option("--listen", ia->settings.listen,
                   std::string("HOST:PORT to listen on (default ") + store::kDefaultListen + ")");
  init->callback([&action, ia] { action = [ia](std::ostream& out) { return InitHq(*ia, out); }; });

  auto* link = app.add_subcommand("link-store", "Make a store report to a head office");
  auto la = std::make_shared<LinkStoreArgs>();
  auto* hq_dir = link->add_option("--hq-dir", la->hq_dir,
                                  "The head office's folder (HDIR), on the same machine");
  auto* code = link->add_option(
      "--code", la->code, "Or: a GBE1:... code from enroll-code --dir HDIR at the head office");
  code->excludes(hq_dir);
  link->add_option("--store-dir", la->store_dir, "The store's folder (SDIR)")->required();
  link->add_option("--address", la->address,
                   "HOST:PORT the store reaches the head office at (default: its listen address)")
      ->excludes(code);
  link->callback(
      [&action, la] { action = [la](std::ostream& out) { return LinkStore(*la, out); }; });
}

}  // namespace gb::provisioning
