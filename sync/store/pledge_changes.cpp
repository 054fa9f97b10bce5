// GET /v1/state's "pledges": what the store changed of the pledges a kiosk
// issued, so its ledger hears of a deposit, refund or redemption made at
// another kiosk's till (docs/sync-protocol.md, "Pledges").
//
// Privacy: only the asking kiosk's own pledges, and of those only the state,
// the money and the redemption. No phone hash, no voucher text, no origin of
// another till's request: the kiosk has the rest in its own ledger.
#include <string>

#include "sync/store/store_db.h"

namespace gb::store {
namespace {

using nlohmann::json;

std::string TextOr(const sqlite::StmtRef& q, int col) { return q->IsNull(col) ? "" : q->Text(col); }

}  // namespace

base::Result<json> StoreDb::PledgesChangedSince(const std::string& kiosk_id, int64_t since) {
  json out = json::array();
  if (kiosk_id.empty()) return out;  // the admin issues no vouchers
  // A kiosk's pledges are those signed with its keys, the current one and
  // any it had before a rotate-key (ingest refuses a
  // sign-up whose key is not the uploading kiosk's); origin is checked too,
  // so a row can only ever go back to the kiosk that uploaded it. The
  // (key_id, rev) index makes this a range scan from `since`.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT p.key_id, p.serial, p.deal_id, p.state, p.rev,"
                               " p.deposit_paid, p.deposit_paid_at, p.deposit_place,"
                               " p.refunded_at, p.refund_minor, p.refund_place,"
                               " p.redeemed_at, p.redeemed_place"
                               " FROM (SELECT key_id FROM kiosks WHERE kiosk_id = ?1 AND kind = 'kiosk'"
                               "       UNION SELECT key_id FROM retired_keys WHERE kiosk_id = ?1) k"
                               " JOIN pledges p ON p.key_id = k.key_id AND p.rev > ?2"
                               " WHERE p.origin = ?1"
                               " ORDER BY p.rev, p.key_id, p.serial"));
  q->Bind(1, kiosk_id).Bind(2, since);
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    json p = {{"key_id", q->Int(0)},
              {"serial", q->Int(1)},
              {"deal_id", q->Int(2)},
              {"state", q->Text(3)},
              {"rev", q->Int(4)}};
    // deposit_paid without a time: taken before the store kept times.
    if (q->Int(5) > 0 || !q->IsNull(6)) {
      p["deposit"] = {{"amount", q->Int(5)},
                      {"at", q->IsNull(6) ? json(nullptr) : json(q->Int(6))},
                      {"place", TextOr(q, 7)}};
    } else {
      p["deposit"] = nullptr;
    }
    if (!q->IsNull(8)) {
      p["refund"] = {
          {"amount", q->IsNull(9) ? 0 : q->Int(9)}, {"at", q->Int(8)}, {"place", TextOr(q, 10)}};
    } else {
      p["refund"] = nullptr;
    }
    if (!q->IsNull(11)) {
      p["redemption"] = {{"at", q->Int(11)}, {"place", TextOr(q, 12)}};
    } else {
      p["redemption"] = nullptr;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace gb::store
