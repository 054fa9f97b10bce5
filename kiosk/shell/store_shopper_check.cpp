#include "kiosk/shell/store_shopper_check.h"

#include "core/base/hex.h"
#include "kiosk/ledger/ledger.h"
#include "sync/client/shopper_client.h"

namespace gb::shell {

app::ShopperVerdict StoreShopperCheck::Ask(uint32_t deal_id, std::string_view phone_e164) {
  app::ShopperVerdict v;
  if (reachable_ && !reachable_()) return v;
  // The same hash the ledger stores and uploads (Ledger::SignUp).
  base::Result<std::vector<uint8_t>> phone_hash = ledger::PhoneHash(phone_key_, phone_e164);
  if (!phone_hash.ok()) return v;  // no hash to ask with: the kiosk's own count decides
  const std::string hash = base::ToHex(*phone_hash);
  base::Result<sync_client::ShopperAnswer> a =
      sync_client::CheckShopper(*transport_, deal_id, hash);
  if (!a.ok()) return v;  // no answer: the kiosk's own count decides
  v.answered = true;
  v.allowed = a->allowed;
  v.joined = a->joined;
  v.limit = a->limit;
  return v;
}

}  // namespace gb::shell
