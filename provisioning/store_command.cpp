// groupbuy-provision init-store | add-kiosk, and catalog import into a store:
// a store server's set-up (docs/operations-store.md).
#include <ctime>

#include "core/voucher/ed25519.h"
#include "kiosk/config/catalog.h"
#include "kiosk/config/kiosk_dir.h"
#include "provisioning/command.h"
#include "sync/store/store_db.h"
#include "sync/store/store_dir.h"

namespace gb::provisioning {
namespace {

struct InitStoreArgs {
  std::string dir;
  store::StoreSettings settings;
};

struct AddKioskArgs {
  std::string dir;
  std::string kiosk_dir;
  std::string address;  // HOST:PORT kiosks reach the server at; default: the listen address
};

base::Status InitStore(const InitStoreArgs& a, std::ostream& out) {
  std::string token;
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Init(a.dir, a.settings, &token));
  GB_ASSIGN_OR_RETURN(std::string fingerprint, s.CertFingerprint());
  out << "store \"" << s.settings().name << "\" set up in " << a.dir << " (listen "
      << s.settings().listen << ")\n"
      << "certificate sha256 " << fingerprint << "\n"
      << "admin token (shown once; also in " << a.dir << "/admin.token): " << token << "\n";
  return base::Status::Ok();
}


base::Status AddKiosk(const AddKioskArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(a.dir));
  GB_ASSIGN_OR_RETURN(config::KioskDir k, config::KioskDir::Open(a.kiosk_dir));
  GB_ASSIGN_OR_RETURN(store::HostPort hp, KioskAddress(a.address, s));
  GB_ASSIGN_OR_RETURN(voucher::PublicKey key,
                      voucher::PublicKey::FromPemFile(a.kiosk_dir + "/signing.pub"));
  GB_ASSIGN_OR_RETURN(std::string fingerprint, s.CertFingerprint());
  GB_ASSIGN_OR_RETURN(std::string token, store::NewToken());
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  GB_ASSIGN_OR_RETURN(uint32_t key_id, db->NextKeyId());
  store::KioskRecord rec;
  rec.kiosk_id = k.settings().kiosk_id;
  rec.key_id = key_id;
  rec.public_key_pem = key.Pem();
  rec.token_sha256 = store::Sha256(token);
  rec.enrolled_at = static_cast<int64_t>(std::time(nullptr));
  // The server learns the kiosk first: a kiosk.json naming a token the server
  // does not know would fail every sync, while the reverse is only unused.
  GB_RETURN_IF_ERROR(db->AddKiosk(rec));
  // One phone key per store: the same phone is the same hash at every kiosk,
  // so the store's per-shopper limit holds across them (docs/security.md).
  GB_ASSIGN_OR_RETURN(std::string phone_key, s.PhoneKeyHex());
  GB_RETURN_IF_ERROR(k.AdoptPhoneKey(phone_key));
  config::ServerSettings server{hp.host, hp.port, fingerprint, token};
  GB_RETURN_IF_ERROR(k.Enrol(key_id, server));
  out << "kiosk " << rec.kiosk_id << " enrolled in \"" << s.settings().name << "\" with key id "
      << key_id << "; it syncs with " << hp.host << ":" << hp.port << "\n";
  return base::Status::Ok();
}

}  // namespace

base::Result<store::HostPort> KioskAddress(const std::string& address, const store::StoreDir& s) {
  GB_ASSIGN_OR_RETURN(store::HostPort hp,
                      store::ParseHostPort(address.empty() ? s.settings().listen : address));
  if (hp.port == 0 || hp.host == "0.0.0.0" || hp.host == "::" || hp.host.empty()) {
    return base::Status::InvalidArgument(
        "no_address", "the store listens on " + s.settings().listen +
                          ", which kiosks cannot dial; give --address HOST:PORT");
  }
  return hp;
}

base::Status ImportStoreCatalog(const std::string& dir, const std::string& file, int64_t now,
                                std::ostream& out) {
  GB_ASSIGN_OR_RETURN(store::StoreDir s, store::StoreDir::Open(dir));
  GB_ASSIGN_OR_RETURN(std::vector<rules::Deal> deals, config::ReadCatalogFile(file, now));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<store::StoreDb> db, store::StoreDb::Open(s.db_path()));
  GB_RETURN_IF_ERROR(db->PutDeals(deals, now));
  out << "imported " << deals.size() << " deal" << (deals.size() == 1 ? "" : "s") << " from "
      << file << " into store \"" << s.settings().name << "\"\n";
  for (const rules::Deal& d : deals) {
    auto title = d.title.contains("en") ? d.title.at("en") : d.title.begin()->second;
    out << "  " << d.id << "  " << title << "\n";
  }
  return base::Status::Ok();
}

void RegisterStore(CLI::App& app, Action& action) {
  auto* init = app.add_subcommand("init-store", "Set up a store server: identity, TLS, database");
  auto ia = std::make_shared<InitStoreArgs>();
  init->add_option("--dir", ia->dir, "The store's folder (SDIR)")->required();
  init->add_option("--name", ia->settings.name, "The store's name")
      ->required()
      ->check(TextArg("the store name", 120));
  init->add_option("--listen", ia->settings.listen,
                   std::string("HOST:PORT to listen on (default ") + store::kDefaultListen + ")");
  init->callback(
      [&action, ia] { action = [ia](std::ostream& out) { return InitStore(*ia, out); }; });

  auto* add = app.add_subcommand("add-kiosk", "Enrol a kiosk folder in this store");
  auto aa = std::make_shared<AddKioskArgs>();
  add->add_option("--dir", aa->dir, "The store's folder (SDIR)")->required();
  add->add_option("--kiosk-dir", aa->kiosk_dir, "The kiosk's folder (KDIR, from init-kiosk)")
      ->required();
  add->add_option("--address", aa->address,
                  "HOST:PORT the kiosk reaches the server at (default: the listen address)");
  add->callback([&action, aa] { action = [aa](std::ostream& out) { return AddKiosk(*aa, out); }; });
}

}  // namespace gb::provisioning
