// StoreShopperCheck: the app's ShopperLimitCheck over POST /v1/shopper-check
// (sync/client/shopper_client.h), on a pinned connection of its own with a
// short timeout, for the UI thread.
//
// The phone is hashed here with the kiosk's phone key (the store's, given
// at enrolment), so only the hash leaves the kiosk. The store is not asked
// while the sync thread finds it unreachable (`reachable` false), so an
// offline kiosk's shopper never waits for a timeout; any failure to get an
// answer is {answered=false}, and the kiosk counts on its own.
// One thread (as the transport).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>

#include "kiosk/app/seams.h"
#include "sync/client/http_transport.h"

namespace gb::shell {

class StoreShopperCheck final : public app::ShopperLimitCheck {
 public:
  // `reachable` (may be empty: always ask) says whether to try the store now.
  StoreShopperCheck(std::unique_ptr<sync_client::HttpTransport> transport,
                    const std::array<uint8_t, 32>& phone_key, std::function<bool()> reachable)
      : transport_(std::move(transport)), phone_key_(phone_key), reachable_(std::move(reachable)) {}

  app::ShopperVerdict Ask(uint32_t deal_id, std::string_view phone_e164) override;

 private:
  std::unique_ptr<sync_client::HttpTransport> transport_;
  std::array<uint8_t, 32> phone_key_;
  std::function<bool()> reachable_;
};

}  // namespace gb::shell
