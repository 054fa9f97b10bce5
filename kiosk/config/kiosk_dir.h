// KioskDir: the folder that makes a machine a kiosk (KDIR).
//
//   KDIR/kiosk.json    settings: kiosk id, key id, store name, country, time
//                      zone, printer, and once enrolled in a store the
//                      "server" object (mode 0600: it holds the bearer token)
//   KDIR/signing.key   Ed25519 private key, PKCS#8 PEM, mode 0600
//   KDIR/signing.pub   its public key
//   KDIR/phone.key     32 bytes (hex), the key for phone hashes, mode 0600:
//                      the store's (the same at every kiosk of the store),
//                      given at enrolment; random for a standalone kiosk, or
//                      one enrolled before stores had a phone key
//   KDIR/ledger.db     the ledger (kiosk/ledger), made on first open
//
// Init refuses a folder that already holds a kiosk. Open checks every file
// and names the one that is missing, unreadable, insecure or malformed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/base/result.h"
#include "kiosk/ledger/ledger.h"

namespace gb::config {

// The store server a kiosk syncs with, written by `groupbuy-provision
// add-kiosk`. A standalone kiosk has none.
//   "server": {"host": "10.0.0.5", "port": 8443, "cert_sha256": "<64 hex>",
//              "token": "<64 hex>"}
struct ServerSettings {
  std::string host;
  uint16_t port = 0;        // 1..65535
  std::string cert_sha256;  // the store certificate's SHA-256, 64 lower-case hex
  std::string token;        // the kiosk's bearer token (the server keeps its hash)
  // The store's policy: may this kiosk's till redeem its own vouchers while
  // the server is unreachable? (kiosk.json "offline_redeem", default false)
  bool offline_redeem = false;

  bool operator==(const ServerSettings&) const = default;
};

struct KioskSettings {
  std::string kiosk_id;        // "kiosk-3f9a1c" (origin of its outbox events)
  uint32_t key_id = 1;         // assigned at enrolment; 1 for a standalone kiosk
  std::string store_name;
  std::string country = "DE";  // ISO 3166 alpha-2, for phone numbers typed without +
  int utc_offset_minutes = 0;  // the store's time zone, for everything shown
  std::string printer;         // a printer spec; default png:KDIR/printer
  std::string language = "en"; // the kiosk's first language
  std::optional<ServerSettings> server;  // set by enrolment in a store
};

struct InitOptions {
  std::string store_name;
  std::string country = "DE";
  int utc_offset_minutes = 0;
  std::string printer;  // empty: png:KDIR/printer
  // Networked enrolment (groupbuy-provision enroll) knows both from the store
  // and the key it made before asking: empty means a new random id / key.
  std::string kiosk_id;
  std::string signing_key_pem;  // PKCS#8 PEM
  // The store's phone key (64 hex digits) from POST /v1/enroll; empty means
  // a new random key.
  std::string phone_key_hex;
};

class KioskDir {
 public:
  // Reasons: "kiosk_exists", "bad_settings" (naming the field), and the file
  // reasons of core/base/file_util.h.
  static base::Result<KioskDir> Init(const std::string& dir, const InitOptions& options);
  static base::Result<KioskDir> Open(const std::string& dir);

  const std::string& dir() const { return dir_; }
  const KioskSettings& settings() const { return settings_; }
  std::string ledger_path() const { return dir_ + "/ledger.db"; }
  // Enrolment in a store: rewrites kiosk.json (atomically, mode 0600) with
  // the store's key id for this kiosk and the server settings. Reason
  // "bad_settings" when a server field is empty or malformed.
  base::Status Enrol(uint32_t key_id, const ServerSettings& server);
  // The store's phone key replaces phone.key (atomically, mode 0600), for
  // add-kiosk. Phones hashed before under the old key stay as they were
  // (docs/sync-protocol.md "One phone key per store"). Reason
  // "bad_settings" unless `hex` is 64 lower-case hex digits.
  base::Status AdoptPhoneKey(const std::string& hex);
  // The identity the ledger needs, with the signing key loaded. Refuses
  // ("rotation_unfinished") while a key rotation is half done: the old key
  // may already be retired at the store.
  base::Result<ledger::Identity> LoadIdentity() const;

  // Key rotation (groupbuy-provision rotate-key), safe against a crash at
  // any point. StageKey returns KDIR/signing.key.next, making it (mode 0600)
  // when absent, so a retry shows the store the same new key. CommitKey then
  // writes kiosk.json with the key id the store gave (and its new bearer
  // token, when not empty), replaces signing.key and signing.pub with the
  // staged key, and removes signing.key.next.
  base::Result<voucher::SigningKey> StageKey();
  base::Status CommitKey(uint32_t key_id, const std::string& token = "");
  std::string staged_key_path() const { return dir_ + "/signing.key.next"; }

 private:
  KioskDir(std::string dir, KioskSettings settings)
      : dir_(std::move(dir)), settings_(std::move(settings)) {}
  std::string dir_;
  KioskSettings settings_;
};

}  // namespace gb::config
