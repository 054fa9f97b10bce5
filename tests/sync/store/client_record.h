// A kiosk's or linked store's record for StoreDb::AddKiosk in tests: its key
// from a seed of key_id (the same key every time), its token "token-<id>",
// and for a store the name "Shop <id>". Header-only.
#pragma once

#include <array>
#include <string>

#include "sync/store/store_db.h"

namespace gb::test {

inline store::KioskRecord ClientRecord(const std::string& id, uint32_t key_id,
                                       const std::string& kind = "kiosk",
                                       voucher::SigningKey* key_out = nullptr) {
  std::array<uint8_t, 32> seed{};
  seed.fill(static_cast<uint8_t>(key_id));
  auto key = voucher::SigningKey::FromSeed(seed);
  store::KioskRecord k;
  k.kiosk_id = id;
  k.key_id = key_id;
  k.public_key_pem = key->Public().Pem();
  k.token_sha256 = store::Sha256("token-" + id);
  k.kind = kind;
  k.name = kind == "store" ? "Shop " + id : "";
  if (key_out) *key_out = std::move(key).value();
  return k;
}

}  // namespace gb::test
