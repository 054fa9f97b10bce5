// groupbuy-provision init-hq | link-store: a head office and the stores that
// report to it (docs/operations.md, "Head office").
#include <ctime>

#include "kiosk/voucher/ed25519.h"
#include "provisioning/command.h"
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
  std::string hq_dir;
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

base::Status LinkStore(const LinkStoreArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir hq, store::StoreDir::Open(a.hq_dir));
  GB_ASSIGN_OR_RETURN(store::StoreDir st, store::StoreDir::Open(a.store_dir));
  if (hq.settings().role != "hq") {
    return base::Status::InvalidArgument(
        "not_a_head_office", a.hq_dir + " is a store, not a head office (see init-hq)");
  }
  if (st.settings().role != "store") {
    return base::Status::InvalidArgument("not_a_store", a.store_dir + " is not a store");
  }
  GB_ASSIGN_OR_RETURN(std::optional<store::HqLink> had, store::ReadHqLink(a.store_dir));
  if (had) {
    return base::Status::AlreadyExists(
        "already_linked", a.store_dir + " already reports to \"" + had->hq_name + "\"");
  }
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
  init->add_option("--name", ia->settings.name, "The chain's or head office's name")->required();
  init->add_option("--listen", ia->settings.listen,
                   std::string("HOST:PORT to listen on (default ") + store::kDefaultListen + ")");
  init->callback([&action, ia] { action = [ia](std::ostream& out) { return InitHq(*ia, out); }; });

  auto* link = app.add_subcommand("link-store", "Make a store report to a head office");
  auto la = std::make_shared<LinkStoreArgs>();
  link->add_option("--hq-dir", la->hq_dir, "The head office's folder (HDIR)")->required();
  link->add_option("--store-dir", la->store_dir, "The store's folder (SDIR)")->required();
  link->add_option("--address", la->address,
                   "HOST:PORT the store reaches the head office at (default: its listen address)");
  link->callback(
      [&action, la] { action = [la](std::ostream& out) { return LinkStore(*la, out); }; });
}

}  // namespace gb::provisioning
