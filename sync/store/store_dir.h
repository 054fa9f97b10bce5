// StoreDir: the folder that makes a machine a store server (SDIR).
//
//   SDIR/store.json    name, listen address ("HOST:PORT") and role ("store" or "hq")
//   SDIR/hq.json       a store's link to its head office (link-store), mode 0600
//   SDIR/tls.key       the TLS private key, PKCS#8 PEM, mode 0600
//   SDIR/tls.crt       its self-signed certificate (kiosks pin its SHA-256)
//   SDIR/admin.token   the admin's bearer token, mode 0600
//   SDIR/phone.key     the store's key for phone hashes (HMAC-SHA256), 32
//                      random bytes as 64 hex digits, mode 0600: every kiosk
//                      enrolled from now on hashes phones with it, so one
//                      phone is one hash at every kiosk (docs/security.md)
//   SDIR/store.db      the store database (StoreDb), made by Init
//
// Init refuses a folder that already holds a store ("store_exists"); Open
// checks the files and names the one that is missing, insecure or malformed.
// A folder made before stores had a phone key gets one from the first Open
// (the server's start or any groupbuy-provision command on it).
// Thread-compatible value type.
#pragma once

#include <string>

#include "core/base/result.h"
#include "sync/store/token.h"

namespace gb::store {

inline constexpr const char* kDefaultListen = "0.0.0.0:8443";

struct StoreSettings {
  std::string name;
  std::string listen = kDefaultListen;  // HOST:PORT
  // "store", or "hq" for a head office (init-hq): the same server and
  // database, whose clients are stores (docs/sync-protocol.md).
  std::string role = "store";
};

// "HOST:PORT" split; reason "bad_listen" unless the port is 0..65535.
struct HostPort {
  std::string host;
  uint16_t port = 0;
};
base::Result<HostPort> ParseHostPort(const std::string& text);

class StoreDir {
 public:
  // Creates the folder's files and an empty database. `admin_token` receives
  // the admin token, which Init's caller shows once.
  static base::Result<StoreDir> Init(const std::string& dir, const StoreSettings& settings,
                                     std::string* admin_token);
  static base::Result<StoreDir> Open(const std::string& dir);
  // True when dir/store.json exists (catalog import picks its target by this).
  static bool IsStoreDir(const std::string& dir);

  const std::string& dir() const { return dir_; }
  const StoreSettings& settings() const { return settings_; }
  std::string db_path() const { return dir_ + "/store.db"; }
  std::string cert_path() const { return dir_ + "/tls.crt"; }
  std::string key_path() const { return dir_ + "/tls.key"; }
  std::string phone_key_path() const { return dir_ + "/phone.key"; }

  // SHA-256 of the admin token file's token (checked to be mode 0600).
  base::Result<Digest> AdminTokenHash() const;
  // The store's phone key as 64 lower-case hex digits (checked: mode 0600,
  // 32 bytes). Reasons: the file reasons, "bad_settings" when malformed.
  base::Result<std::string> PhoneKeyHex() const;
  // The certificate's SHA-256 fingerprint, 64 hex digits.
  base::Result<std::string> CertFingerprint() const;

 private:
  StoreDir(std::string dir, StoreSettings settings)
      : dir_(std::move(dir)), settings_(std::move(settings)) {}
  std::string dir_;
  StoreSettings settings_;
};

}  // namespace gb::store
