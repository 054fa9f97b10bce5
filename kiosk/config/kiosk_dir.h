// KioskDir: the folder that makes a machine a kiosk (KDIR).
//
//   KDIR/kiosk.json    settings: kiosk id, key id, store name, country, time
//                      zone, printer (mode 0600: it names secrets' places)
//   KDIR/signing.key   Ed25519 private key, PKCS#8 PEM, mode 0600
//   KDIR/signing.pub   its public key
//   KDIR/phone.key     32 random bytes (hex), the store's key for phone hashes,
//                      mode 0600
//   KDIR/ledger.db     the ledger (kiosk/ledger), made on first open
//
// Init refuses a folder that already holds a kiosk. Open checks every file
// and names the one that is missing, unreadable, insecure or malformed.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "kiosk/base/result.h"
#include "kiosk/ledger/ledger.h"

namespace gb::config {

struct KioskSettings {
  std::string kiosk_id;        // "kiosk-3f9a1c" (origin of its outbox events)
  uint32_t key_id = 1;         // assigned at enrolment; 1 for a standalone kiosk
  std::string store_name;
  std::string country = "DE";  // ISO 3166 alpha-2, for phone numbers typed without +
  int utc_offset_minutes = 0;  // the store's time zone, for everything shown
  std::string printer;         // a printer spec; default png:KDIR/printer
  std::string language = "en"; // the kiosk's first language
};

struct InitOptions {
  std::string store_name;
  std::string country = "DE";
  int utc_offset_minutes = 0;
  std::string printer;  // empty: png:KDIR/printer
};

class KioskDir {
 public:
  // Reasons: "kiosk_exists", "bad_settings" (naming the field), and the file
  // reasons of kiosk/base/file_util.h.
  static base::Result<KioskDir> Init(const std::string& dir, const InitOptions& options);
  static base::Result<KioskDir> Open(const std::string& dir);

  const std::string& dir() const { return dir_; }
  const KioskSettings& settings() const { return settings_; }
  std::string ledger_path() const { return dir_ + "/ledger.db"; }
  // The identity the ledger needs, with the signing key loaded.
  base::Result<ledger::Identity> LoadIdentity() const;

 private:
  KioskDir(std::string dir, KioskSettings settings)
      : dir_(std::move(dir)), settings_(std::move(settings)) {}
  std::string dir_;
  KioskSettings settings_;
};

}  // namespace gb::config
