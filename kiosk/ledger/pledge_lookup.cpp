// Finding a pledge by what the till scans or types: the GB1 text or the short
// code. Both carry (key_id, serial), which the pledges table is unique on.
#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {
namespace {

constexpr const char* kPledgeColumns =
    "id, deal_id, state, joined_at, price_minor, deposit_due, deposit_paid, deposit_paid_at, "
    "coalesce(deposit_till,''), cancelled_at, refunded_at, coalesce(refund_minor,0), "
    "coalesce(refund_till,''), redeemed_at, coalesce(redeemed_place,''), key_id, serial, "
    "voucher, short_code, lang, position";

std::optional<int64_t> OptInt(const sqlite::Stmt& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return st.Int(col);
}

base::Result<rules::PledgeRecord> ReadPledge(const sqlite::Stmt& st) {
  rules::PledgeRecord p;
  p.id = st.Int(0);
  p.deal_id = static_cast<uint32_t>(st.Int(1));
  auto state = rules::ParsePledgeState(st.Text(2));
  if (!state.ok()) {
    return base::Status::Corruption(
        "db_corrupt", "pledge " + std::to_string(p.id) + ": " + state.status().message());
  }
  p.state = *state;
  p.joined_at = st.Int(3);
  p.price_minor = st.Int(4);
  p.deposit_due = st.Int(5);
  p.deposit_paid = st.Int(6);
  p.deposit_paid_at = OptInt(st, 7);
  p.deposit_till = st.Text(8);
  p.cancelled_at = OptInt(st, 9);
  p.refunded_at = OptInt(st, 10);
  p.refund_minor = st.Int(11);
  p.refund_till = st.Text(12);
  p.redeemed_at = OptInt(st, 13);
  p.redeemed_place = st.Text(14);
  p.key_id = static_cast<uint32_t>(st.Int(15));
  p.serial = static_cast<uint64_t>(st.Int(16));
  p.voucher_text = st.Text(17);
  p.short_code = st.Text(18);
  p.lang = st.Text(19);
  p.position = st.Int(20);
  return p;
}

}  // namespace

base::Result<rules::PledgeRecord> Ledger::GetPledge(int64_t pledge_id) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef st, sql_.Get(std::string("SELECT ") + kPledgeColumns + " FROM pledges WHERE id=?"));
  st->Bind(1, pledge_id);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) {
    return base::Status::NotFound("pledge_unknown",
                                  "there is no pledge " + std::to_string(pledge_id) + " here");
  }
  return ReadPledge(*st);
}

base::Result<std::optional<rules::PledgeRecord>> Ledger::FindPledge(uint32_t key_id,
                                                                    uint64_t serial) {
  // Serials are stored as SQLite integers (signed 64 bits); a larger one
  // cannot be ours.
  if (serial > static_cast<uint64_t>(INT64_MAX)) return std::optional<rules::PledgeRecord>();
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get(std::string("SELECT ") + kPledgeColumns +
                                           " FROM pledges WHERE key_id=? AND serial=?"));
  st->Bind(1, int64_t{key_id}).Bind(2, static_cast<int64_t>(serial));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<rules::PledgeRecord>();
  GB_ASSIGN_OR_RETURN(rules::PledgeRecord p, ReadPledge(*st));
  return std::optional<rules::PledgeRecord>(std::move(p));
}

base::Result<std::optional<rules::PledgeRecord>> Ledger::FindPledgeByVoucher(
    std::string_view text) {
  GB_ASSIGN_OR_RETURN(voucher::Voucher v, voucher::Parse(text));
  GB_ASSIGN_OR_RETURN(std::optional<rules::PledgeRecord> p,
                      FindPledge(v.body.key_id, v.body.serial));
  // Same key id and serial but other bytes: another voucher (a forgery or a
  // second device with this key id), never this pledge.
  if (p && p->voucher_text != text) return std::optional<rules::PledgeRecord>();
  return p;
}

base::Result<std::optional<rules::PledgeRecord>> Ledger::FindPledgeByShortCode(
    std::string_view code) {
  GB_ASSIGN_OR_RETURN(voucher::ShortCodeParts parts, voucher::ParseShortCode(code));
  GB_ASSIGN_OR_RETURN(std::optional<rules::PledgeRecord> p, FindPledge(parts.key_id, parts.serial));
  if (!p) return p;
  // The auth digits come from the signature: a guessed serial with wrong
  // digits does not find the pledge.
  auto stored = voucher::Parse(p->voucher_text);
  if (!stored.ok()) {
    // Not the caller's typo: the row itself is damaged.
    return base::Status::Corruption("db_corrupt",
                                    "the stored voucher of pledge " + std::to_string(p->id) +
                                        " does not parse: " + stored.status().message());
  }
  if (!voucher::MatchesShortCode(*stored, parts)) return std::optional<rules::PledgeRecord>();
  return p;
}

}  // namespace gb::ledger
