// Ledger::SignUp: the one transaction that turns a tap on "confirm" into a
// committed, signed voucher.
#include <cctype>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/base/hex.h"
#include "core/rules/join.h"
#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "core/voucher/terms_hash.h"
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {

base::Result<int32_t> Ledger::ShopperSeats(const rules::Deal& deal,
                                           const std::vector<uint8_t>& hash, int64_t now) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef st,
      sql_.Get("SELECT count(*) FROM pledges WHERE deal_id=? AND phone_hash=? AND "
               "(state IN ('active','redeemed','expired') OR "
               "(state='reserved' AND joined_at > ?))"));
  st->Bind(1, deal.id).BindBlob(2, hash).Bind(3, now - deal.deposit.pay_within_s);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  return row ? static_cast<int32_t>(st->Int(0)) : 0;
}

base::Status Ledger::CheckNotSuspended() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT suspended_at FROM store_kiosks"
                                           " WHERE key_id=? AND suspended_at IS NOT NULL"));
  st->Bind(1, int64_t{id_.key_id});
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return base::Status::Ok();
  // Another device signed under this key with the same serials: whatever
  // this kiosk issues now could collide again, so it issues nothing.
  return base::Status::FailedPrecondition(
      "kiosk_suspended",
      "the store suspended this kiosk's key (the same voucher serial arrived with different "
      "content); it issues no vouchers until it is given a new key");
}

base::Result<uint64_t> Ledger::TakeSerial() {
  // The counter only rises, and it rises inside the sign-up transaction: a
  // crash before COMMIT loses both the serial and the voucher that used it,
  // and that voucher was never shown or printed.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("INSERT INTO serials(key_id, last) VALUES(?, 1) "
                                           "ON CONFLICT(key_id) DO UPDATE SET last = last + 1 "
                                           "RETURNING last"));
  up->Bind(1, id_.key_id);
  GB_ASSIGN_OR_RETURN(bool row, up->Step());
  if (!row) return base::Status::Internal("db_error", "serial counter returned no row");
  uint64_t serial = static_cast<uint64_t>(up->Int(0));
  // RETURNING rows are produced before the statement finishes: run it to the end.
  GB_RETURN_IF_ERROR(up->Run());
  return serial;
}

base::Result<SignUpReceipt> Ledger::SignUp(const SignUpRequest& req) {
  if (req.phone_e164.size() < 9 || req.phone_e164[0] != '+') {
    return base::Status::InvalidArgument("bad_phone", "phone number is not in E.164 form");
  }
  // Vouchers carry issued_at in 32 bits; a clock outside that range is broken.
  if (req.now < 0 || req.now > int64_t{UINT32_MAX}) {
    return base::Status::InvalidArgument("bad_clock", "the kiosk clock reads " +
                                                          std::to_string(req.now) +
                                                          ", which a voucher cannot carry");
  }
  if (!id_.key) {
    return base::Status::FailedPrecondition("no_signing_key",
                                            "this ledger connection cannot issue vouchers");
  }
  if (req.lang.size() != 2 || !std::islower(static_cast<unsigned char>(req.lang[0])) ||
      !std::islower(static_cast<unsigned char>(req.lang[1]))) {
    return base::Status::InvalidArgument("bad_lang", "language code must be two lower-case letters");
  }
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_RETURN_IF_ERROR(CheckNotSuspended());
  GB_ASSIGN_OR_RETURN(DealRecord rec, LoadDeal(req.deal_id, req.now));
  const rules::Deal& deal = rec.deal;
  rules::DealState state = rules::Advance(deal, rec.state, rec.tally, req.now);
  GB_ASSIGN_OR_RETURN(std::vector<uint8_t> phone_hash, PhoneHash(id_.phone_key, req.phone_e164));
  GB_ASSIGN_OR_RETURN(int32_t seats, ShopperSeats(deal, phone_hash, req.now));
  GB_ASSIGN_OR_RETURN(rules::LeaseCheck lease, LeaseFor(deal, req.lease_required));
  GB_RETURN_IF_ERROR(rules::CheckJoin({deal, state, rec.tally, seats, req.now, lease}));

  GB_ASSIGN_OR_RETURN(uint64_t serial, TakeSerial());
  voucher::Body body;
  body.key_id = id_.key_id;
  body.deal_id = deal.id;
  body.serial = serial;
  body.issued_at = static_cast<uint32_t>(req.now);
  body.price_minor = static_cast<uint32_t>(rules::MaxPrice(deal));
  body.terms_hash = voucher::TermsHash(rules::CanonicalTerms(deal));
  body.flags = req.offline ? voucher::kFlagOffline : 0;
  const voucher::Voucher signed_voucher = voucher::Sign(body, *id_.key);
  std::string text = voucher::Encode(signed_voucher);
  std::string short_code = voucher::ShortCode(signed_voucher);

  SignUpReceipt r;
  r.serial = serial;
  r.voucher_text = text;
  r.short_code = short_code;
  r.state = rules::InitialPledgeState(deal);
  r.price_minor = rules::MaxPrice(deal);
  r.deposit_due = rules::DepositAmount(deal, r.price_minor);
  r.tally = rec.tally;
  if (rules::IsCommitted(r.state)) ++r.tally.committed; else ++r.tally.reserved;
  r.position = r.tally.seats();

  GB_ASSIGN_OR_RETURN(sqlite::StmtRef pledge, sql_.Get(
      "INSERT INTO pledges(deal_id, state, phone_hash, name, joined_at, price_minor, "
      "deposit_due, updated_at, key_id, serial, voucher, short_code, lang, position) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  pledge->Bind(1, deal.id).Bind(2, rules::PledgeStateName(r.state)).BindBlob(3, phone_hash);
  if (req.name && !req.name->empty()) pledge->Bind(4, *req.name); else pledge->BindNull(4);
  GB_RETURN_IF_ERROR(pledge->Bind(5, req.now).Bind(6, r.price_minor).Bind(7, r.deposit_due)
                         .Bind(8, req.now).Bind(9, id_.key_id)
                         .Bind(10, static_cast<int64_t>(serial)).Bind(11, text)
                         .Bind(12, short_code).Bind(13, req.lang).Bind(14, r.position).Run());
  r.pledge_id = db_->LastInsertRowId();

  // The server needs the voucher (to verify and count it) and the phone hash
  // (for the per-shopper limit across kiosks), never the phone or the name.
  nlohmann::json payload = {{"origin", id_.origin},   {"key_id", id_.key_id},
                            {"serial", serial},       {"deal_id", deal.id},
                            {"voucher", text},        {"phone_hash", base::ToHex(phone_hash)},
                            {"joined_at", req.now},   {"state", rules::PledgeStateName(r.state)},
                            {"offline", req.offline}};
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef ev, sql_.Get("INSERT INTO outbox(type, at, payload) "
                                           "VALUES('sign_up', ?, ?)"));
  GB_RETURN_IF_ERROR(ev->Bind(1, req.now).Bind(2, payload.dump()).Run());

  GB_ASSIGN_OR_RETURN(sqlite::StmtRef job, sql_.Get("INSERT INTO print_jobs(kind, pledge_id, lang, "
                                            "created_at, updated_at) VALUES('voucher',?,?,?,?)"));
  GB_RETURN_IF_ERROR(
      job->Bind(1, r.pledge_id).Bind(2, req.lang).Bind(3, req.now).Bind(4, req.now).Run());
  r.print_job_id = db_->LastInsertRowId();

  // The state after this sign-up: the pledge that reaches the threshold
  // unlocks the deal in the same transaction.
  const rules::DealState after = rules::Advance(deal, state, r.tally, req.now);
  if (after != rec.state) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE deals SET state=?, updated_at=? WHERE id=?"));
    GB_RETURN_IF_ERROR(up->Bind(1, rules::DealStateName(after)).Bind(2, req.now)
                           .Bind(3, deal.id).Run());
  }
  GB_RETURN_IF_ERROR(tx.Commit());
  return r;
}

}  // namespace gb::ledger
