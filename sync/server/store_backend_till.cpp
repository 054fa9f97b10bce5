// StoreBackend's till money calls, rescue list (till_routes.h) and deal stop
// (deal_routes.h): each is one store transaction on the reader's connection,
// under db_mu_.
#include <chrono>

#include "sync/server/store_backend.h"

namespace gb::server {
namespace {

using nlohmann::json;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json VerdictJson(const store::MoneyVerdict& v, bool dry_run) {
  json out = {{"verdict", v.verdict}, {"key_id", v.key_id}, {"serial", v.serial}};
  if (dry_run) out["dry_run"] = true;
  if (v.verdict == "UNKNOWN") return out;
  out["deal_id"] = v.deal_id;
  if (v.verdict == "REFUSED") {
    out["reason"] = v.reason;
    out["message"] = v.message;
    return out;
  }
  out["amount_minor"] = v.amount_minor;
  out["at"] = v.at;
  out["place"] = v.place;
  return out;
}

}  // namespace

base::Result<json> StoreBackend::Deposit(const TillCall& call) {
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(
      store::MoneyVerdict v,
      reader_->Deposit(
          {call.voucher, call.short_code, call.place, call.origin, NowSeconds(), call.dry_run,
           call.staff}));
  return VerdictJson(v, call.dry_run);
}

base::Result<json> StoreBackend::Refund(const TillCall& call) {
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(
      store::MoneyVerdict v,
      reader_->Refund(
          {call.voucher, call.short_code, call.place, call.origin, NowSeconds(), call.dry_run,
           call.staff}));
  return VerdictJson(v, call.dry_run);
}

base::Result<json> StoreBackend::Rescue() {
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(int64_t open, reader_->CountOpenRescue());
  GB_ASSIGN_OR_RETURN(std::vector<store::RescueItem> items, reader_->ListRescue());
  json list = json::array();
  for (const store::RescueItem& it : items) {
    list.push_back({{"id", it.id},
                    {"kind", it.kind},
                    {"type", it.type},
                    {"origin", it.origin},
                    {"seq", it.seq},
                    {"deal_id", it.deal_id ? json(*it.deal_id) : json(nullptr)},
                    {"key_id", it.key_id ? json(*it.key_id) : json(nullptr)},
                    {"serial", it.serial ? json(*it.serial) : json(nullptr)},
                    {"detail", it.detail},
                    {"at", it.at},
                    {"staff",
                     {{"redeemed", it.redeem_staff},
                      {"deposit", it.deposit_staff},
                      {"refund", it.refund_staff}}}});
  }
  return json{{"open", open}, {"items", std::move(list)}};
}

base::Result<json> StoreBackend::ResolveRescue(const RescueCall& call) {
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(store::RescueOutcome out,
                      reader_->ResolveRescue({call.id, call.resolution, call.note, NowSeconds()}));
  return json{{"id", out.id},
              {"resolution", out.resolution},
              {"resolved_at", out.resolved_at},
              {"revision", out.revision}};
}

base::Result<json> StoreBackend::PauseDeal(uint32_t deal_id, bool paused) {
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(store::DealPause out, reader_->PauseDeal(deal_id, paused, NowSeconds()));
  return json{{"deal_id", out.deal_id},
              {"paused", out.paused},
              {"changed", out.changed},
              {"revision", out.revision}};
}

base::Result<json> StoreBackend::StopDeal(uint32_t deal_id) {
  std::lock_guard lock(db_mu_);
  GB_ASSIGN_OR_RETURN(store::DealStop out, reader_->StopDeal(deal_id, NowSeconds()));
  return json{{"deal_id", out.deal_id},
              {"stopped_at", out.stopped_at},
              {"state", out.state},
              {"revision", out.revision}};
}

}  // namespace gb::server
