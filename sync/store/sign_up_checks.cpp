// The store is the authority on a sign-up (docs/security.md): whatever a
// kiosk signed, the store counts a voucher only when it promises what the
// store's deal offers, at a time and for a shopper the rules allow. A
// signature proves which kiosk spoke, not that it told the truth: a copied
// kiosk disk signs anything.
#include "core/base/hex.h"
#include "core/rules/pledge.h"
#include "sync/store/store_db.h"
#include "sync/store/till_target.h"

namespace gb::store {

base::Result<std::optional<SignUpRefusal>> StoreDb::CheckSignUp(const protocol::SignUpPayload& p,
                                                                const rules::Deal& deal,
                                                                const voucher::Body& body) {
  using R = std::optional<SignUpRefusal>;
  // The terms the voucher promises must be a version the store published,
  // live when the shopper signed up; that version says what the voucher
  // carries.
  const std::string hash = base::ToHex(body.terms_hash);
  GB_ASSIGN_OR_RETURN(std::optional<TermsVersion> terms, TermsLiveAt(deal, hash, p.joined_at));
  if (!terms) {
    return R(SignUpRefusal{"terms_mismatch",
                           "terms hash " + hash +
                               " is not that of any version of the deal's terms live at " +
                               std::to_string(p.joined_at)});
  }
  // The price printed on a voucher is the most its shopper pays: the first
  // tier's (rules::MaxPrice, what Ledger::SignUp prints). Any other is not
  // an offer of this store.
  if (int64_t{body.price_minor} != terms->price_minor) {
    return R(SignUpRefusal{"price_mismatch", "the voucher's price is " +
                                                 std::to_string(body.price_minor) +
                                                 " but the deal's terms promise " +
                                                 std::to_string(terms->price_minor)});
  }
  // A deal that asks a deposit starts its pledges reserved: an "active" one
  // would count (and unlock, and redeem) without the deposit.
  if (p.state != terms->first_state) {
    return R(SignUpRefusal{"state_mismatch", "a sign-up of this deal starts " + terms->first_state +
                                                 ", not " + p.state});
  }
  if (deal.cap > 0) {
    GB_ASSIGN_OR_RETURN(rules::Tally tally, DealTally(deal.id));
    if (tally.seats() >= deal.cap) {
      return R(SignUpRefusal{"over_cap", "all " + std::to_string(deal.cap) +
                                             " places were taken before this sign-up"});
    }
  }
  // The shopper's seats over every kiosk: one phone is one hash at every
  // kiosk holding the store's phone key (docs/sync-protocol.md "One phone
  // key per store").
  GB_ASSIGN_OR_RETURN(const int64_t seats, ShopperSeats(deal, p.phone_hash, p.joined_at));
  if (seats >= deal.per_shopper) {
    return R(SignUpRefusal{"shopper_limit", "this phone already holds " + std::to_string(seats) +
                                                " of the " + std::to_string(deal.per_shopper) +
                                                " places one shopper may take"});
  }
  return R();
}

base::Result<int64_t> StoreDb::ShopperSeats(const rules::Deal& deal,
                                            const std::string& phone_hash, int64_t at) {
  // As Ledger::ShopperSeats counts them at one kiosk: a reservation holds a
  // seat while it may be paid. pledges_by_phone makes it one index range.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT count(*) FROM pledges WHERE deal_id=? AND phone_hash=? AND"
                               " (state IN ('active','redeemed','expired') OR"
                               " (state='reserved' AND joined_at > ?))"));
  q->Bind(1, int64_t{deal.id}).Bind(2, phone_hash).Bind(3, at - deal.deposit.pay_within_s);
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  return row ? q->Int(0) : 0;
}

base::Result<std::optional<ShopperStanding>> StoreDb::ShopperCheck(uint32_t deal_id,
                                                                   const std::string& phone_hash,
                                                                   int64_t now) {
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(deal_id, &found));
  if (!found) return std::optional<ShopperStanding>();
  GB_ASSIGN_OR_RETURN(const int64_t seats, ShopperSeats(*deal, phone_hash, now));
  return std::optional<ShopperStanding>(ShopperStanding{seats, int64_t{deal->per_shopper}});
}

base::Result<std::optional<std::string>> StoreDb::RefusedSignUp(const TillTarget& target) {
  // REQUIRES: the target is not the pledge stored under its key id and
  // serial (if any), so a sign-up conflict with the very voucher the till
  // names is a refusal (late, untrue, a clone's reused serial...).
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT c.kind, e.payload FROM conflicts c JOIN events e ON e.origin = c.origin"
               " AND e.seq = c.seq WHERE c.key_id=? AND c.serial=? AND e.type='sign_up'"
               " ORDER BY c.id"));
  q->Bind(1, int64_t{target.key_id}).Bind(2, static_cast<int64_t>(target.serial));
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) return std::optional<std::string>();
    // Only the voucher the till names: a guessed short code learns nothing.
    nlohmann::json payload = nlohmann::json::parse(q->Text(1), nullptr, false);
    if (!payload.is_object() || !payload.contains("voucher") || !payload["voucher"].is_string()) {
      continue;
    }
    base::Result<bool> same = TargetMatches(target, payload["voucher"].get<std::string>());
    if (same.ok() && *same) return std::optional<std::string>(q->Text(0));
  }
}

}  // namespace gb::store
