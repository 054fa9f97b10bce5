// Who moved what at the tills, per deal, for GET /v1/tallies: the
// redemptions, deposits and refunds the store granted, counted by the staff
// member whose session asked (schema step 16). Those with no name (from a
// kiosk's offline events, or recorded before step 16) are not listed.
#include "sync/store/store_db.h"

namespace gb::store {

base::Result<std::map<uint32_t, nlohmann::json>> StoreDb::StaffTallies() {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT deal_id, 'redeemed', redeem_staff, count(*) FROM pledges"
               " WHERE redeemed_at IS NOT NULL AND redeem_staff <> '' GROUP BY deal_id, 3"
               " UNION ALL SELECT deal_id, 'deposits', deposit_staff, count(*) FROM pledges"
               " WHERE deposit_paid_at IS NOT NULL AND deposit_staff <> '' GROUP BY deal_id, 3"
               " UNION ALL SELECT deal_id, 'refunds', refund_staff, count(*) FROM pledges"
               " WHERE refunded_at IS NOT NULL AND refund_staff <> '' GROUP BY deal_id, 3"));
  std::map<uint32_t, nlohmann::json> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    nlohmann::json& by = out[static_cast<uint32_t>(q->Int(0))];
    nlohmann::json& member = by[q->Text(2)];
    if (member.is_null()) member = {{"redeemed", 0}, {"deposits", 0}, {"refunds", 0}};
    member[q->Text(1)] = q->Int(3);
  }
  return out;
}

}  // namespace gb::store
