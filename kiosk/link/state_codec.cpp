#include "kiosk/link/state_codec.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/rules/deal_json.h"

namespace gb::link {
namespace {

using base::Status;
using nlohmann::json;

Status Bad(const std::string& what) { return Status::InvalidArgument("bad_state", what); }

// The integer member `key` of `obj`, >= 0.
base::Result<int64_t> Count(const json& obj, const char* key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer() || it->get<int64_t>() < 0) {
    return Bad(path + "." + key + " must be an integer >= 0");
  }
  return it->get<int64_t>();
}

base::Result<ledger::RemoteDeal> DecodeDeal(const json& d, const std::string& path,
                                            std::string_view origin) {
  if (!d.is_object()) return Bad(path + " must be an object");
  auto terms = d.find("deal");
  if (terms == d.end() || !terms->is_object()) return Bad(path + ".deal must be an object");
  auto deal = rules::DealFromJson(*terms);
  if (!deal.ok()) return deal.status().WithContext(path + ".deal");
  auto state = d.find("state");
  if (state == d.end() || !state->is_string()) return Bad(path + ".state must be a string");
  auto parsed_state = rules::ParseDealState(state->get<std::string>());
  if (!parsed_state.ok()) return parsed_state.status().WithContext(path + ".state");
  GB_ASSIGN_OR_RETURN(int64_t committed, Count(d, "committed", path));
  GB_ASSIGN_OR_RETURN(int64_t reserved, Count(d, "reserved", path));
  rules::Tally own;
  auto by_kiosk = d.find("by_kiosk");
  if (by_kiosk == d.end() || !by_kiosk->is_object()) {
    return Bad(path + ".by_kiosk must be an object");
  }
  auto mine = by_kiosk->find(std::string(origin));
  if (mine != by_kiosk->end()) {
    const std::string mine_path = path + ".by_kiosk." + std::string(origin);
    if (!mine->is_object()) return Bad(mine_path + " must be an object");
    GB_ASSIGN_OR_RETURN(own.committed, Count(*mine, "committed", mine_path));
    GB_ASSIGN_OR_RETURN(own.reserved, Count(*mine, "reserved", mine_path));
  }
  // A total below this kiosk's share would be a server bug; never go negative.
  rules::Tally others{std::max<int64_t>(0, committed - own.committed),
                      std::max<int64_t>(0, reserved - own.reserved)};
  return ledger::RemoteDeal{*std::move(deal), *parsed_state, others};
}

base::Result<ledger::StoreKiosk> DecodeKiosk(const json& k, const std::string& path) {
  if (!k.is_object()) return Bad(path + " must be an object");
  ledger::StoreKiosk out;
  auto id = k.find("kiosk_id");
  if (id == k.end() || !id->is_string() || id->get<std::string>().empty()) {
    return Bad(path + ".kiosk_id must be a non-empty string");
  }
  out.kiosk_id = id->get<std::string>();
  GB_ASSIGN_OR_RETURN(int64_t key_id, Count(k, "key_id", path));
  if (key_id > int64_t{UINT32_MAX}) return Bad(path + ".key_id must be below 2^32");
  out.key_id = static_cast<uint32_t>(key_id);
  auto pem = k.find("public_key");
  if (pem == k.end() || !pem->is_string() ||
      pem->get<std::string>().find("-----BEGIN PUBLIC KEY-----") == std::string::npos) {
    return Bad(path + ".public_key must be a PEM public key");
  }
  out.public_key_pem = pem->get<std::string>();
  auto revoked = k.find("revoked_at");
  if (revoked == k.end() || !(revoked->is_null() || revoked->is_number_integer())) {
    return Bad(path + ".revoked_at must be null or an integer");
  }
  if (revoked->is_number_integer()) out.revoked_at = revoked->get<int64_t>();
  // "suspended" came later: a server without it suspends nobody.
  auto suspended = k.find("suspended");
  if (suspended != k.end() && !suspended->is_boolean()) {
    return Bad(path + ".suspended must be true or false");
  }
  if (suspended != k.end() && suspended->get<bool>()) {
    auto at = k.find("suspended_at");
    if (at == k.end() || !at->is_number_integer()) {
      return Bad(path + ".suspended_at must be an integer when suspended");
    }
    out.suspended_at = at->get<int64_t>();
    auto why = k.find("suspend_reason");
    if (why != k.end()) {
      if (!why->is_string()) return Bad(path + ".suspend_reason must be a string");
      out.suspend_reason = why->get<std::string>().substr(0, 256);
    }
  }
  return out;
}

base::Result<ledger::StoreStaff> DecodeStaff(const json& m, const std::string& path) {
  if (!m.is_object()) return Bad(path + " must be an object");
  ledger::StoreStaff out;
  auto name = m.find("name");
  if (name == m.end() || !name->is_string() || name->get<std::string>().empty() ||
      name->get<std::string>().size() > 64) {
    return Bad(path + ".name must be a string of 1 to 64 bytes");
  }
  out.name = name->get<std::string>();
  auto removed = m.find("removed");
  if (removed == m.end() || !removed->is_boolean()) {
    return Bad(path + ".removed must be true or false");
  }
  out.removed = removed->get<bool>();
  if (out.removed) return out;  // a tombstone needs only its name
  auto role = m.find("role");
  if (role == m.end() || !role->is_string() ||
      (*role != "staff" && *role != "cashier" && *role != "manager")) {
    return Bad(path + ".role must be \"cashier\" (or \"staff\") or \"manager\"");
  }
  // The kiosk's ledger keeps a cashier as "staff", the older name.
  out.role = *role == "cashier" ? "staff" : role->get<std::string>();
  auto hash = m.find("pin_hash");
  if (hash == m.end() || !hash->is_string() || hash->get<std::string>().empty()) {
    return Bad(path + ".pin_hash must be a non-empty string");
  }
  out.pin_hash = hash->get<std::string>();
  auto created = m.find("created_at");
  if (created != m.end()) {
    if (!created->is_number_integer()) return Bad(path + ".created_at must be an integer");
    out.created_at = created->get<int64_t>();
  }
  return out;
}

base::Result<ledger::StoreLease> DecodeLease(const json& l, const std::string& path) {
  if (!l.is_object()) return Bad(path + " must be an object");
  GB_ASSIGN_OR_RETURN(int64_t deal_id, Count(l, "deal_id", path));
  GB_ASSIGN_OR_RETURN(int64_t seats, Count(l, "seats", path));
  GB_ASSIGN_OR_RETURN(int64_t expires_at, Count(l, "expires_at", path));
  if (deal_id > int64_t{UINT32_MAX}) return Bad(path + ".deal_id must be below 2^32");
  if (seats > INT32_MAX) return Bad(path + ".seats must be below 2^31");
  ledger::StoreLease out;
  out.lease = {static_cast<uint32_t>(deal_id), static_cast<int32_t>(seats), expires_at};
  // "used" is for the staff screen; a server may leave it out.
  if (l.contains("used")) {
    GB_ASSIGN_OR_RETURN(out.used_at_store, Count(l, "used", path));
  }
  return out;
}

// A place (till id or redemption place) as the store sends it: a string,
// "" when not known; bounded as the till protocol bounds it.
base::Result<std::string> Place(const json& obj, const std::string& path) {
  auto it = obj.find("place");
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string() || it->get<std::string>().size() > 128) {
    return Bad(path + ".place must be a string of at most 128 bytes");
  }
  return it->get<std::string>();
}

// The member `key` of a pledge: absent or null (not happened), or an object.
base::Result<const json*> Fact(const json& p, const char* key, const std::string& path) {
  auto it = p.find(key);
  if (it == p.end() || it->is_null()) return static_cast<const json*>(nullptr);
  if (!it->is_object()) return Bad(path + "." + key + " must be null or an object");
  return &*it;
}

base::Result<ledger::StorePledge> DecodePledge(const json& p, const std::string& path) {
  if (!p.is_object()) return Bad(path + " must be an object");
  ledger::StorePledge out;
  GB_ASSIGN_OR_RETURN(int64_t key_id, Count(p, "key_id", path));
  if (key_id > int64_t{UINT32_MAX}) return Bad(path + ".key_id must be below 2^32");
  out.key_id = static_cast<uint32_t>(key_id);
  GB_ASSIGN_OR_RETURN(int64_t serial, Count(p, "serial", path));
  out.serial = static_cast<uint64_t>(serial);
  GB_ASSIGN_OR_RETURN(int64_t deal_id, Count(p, "deal_id", path));
  if (deal_id > int64_t{UINT32_MAX}) return Bad(path + ".deal_id must be below 2^32");
  out.deal_id = static_cast<uint32_t>(deal_id);
  auto state = p.find("state");
  if (state == p.end() || !state->is_string()) return Bad(path + ".state must be a string");
  auto parsed = rules::ParsePledgeState(state->get<std::string>());
  if (!parsed.ok()) return parsed.status().WithContext(path + ".state");
  out.state = *parsed;
  GB_ASSIGN_OR_RETURN(out.rev, Count(p, "rev", path));
  GB_ASSIGN_OR_RETURN(const json* deposit, Fact(p, "deposit", path));
  if (deposit != nullptr) {
    const std::string at_path = path + ".deposit";
    GB_ASSIGN_OR_RETURN(out.deposit_amount, Count(*deposit, "amount", at_path));
    if (out.deposit_amount == 0) return Bad(at_path + ".amount must be above 0");
    auto at = deposit->find("at");
    if (at == deposit->end() || !(at->is_null() || at->is_number_integer())) {
      return Bad(at_path + ".at must be null or an integer");
    }
    if (at->is_number_integer()) out.deposit_at = at->get<int64_t>();
    GB_ASSIGN_OR_RETURN(out.deposit_place, Place(*deposit, at_path));
  }
  GB_ASSIGN_OR_RETURN(const json* refund, Fact(p, "refund", path));
  if (refund != nullptr) {
    const std::string at_path = path + ".refund";
    GB_ASSIGN_OR_RETURN(out.refund_amount, Count(*refund, "amount", at_path));
    GB_ASSIGN_OR_RETURN(out.refunded_at, Count(*refund, "at", at_path));
    GB_ASSIGN_OR_RETURN(out.refund_place, Place(*refund, at_path));
  }
  GB_ASSIGN_OR_RETURN(const json* redemption, Fact(p, "redemption", path));
  if (redemption != nullptr) {
    const std::string at_path = path + ".redemption";
    GB_ASSIGN_OR_RETURN(out.redeemed_at, Count(*redemption, "at", at_path));
    GB_ASSIGN_OR_RETURN(out.redeemed_place, Place(*redemption, at_path));
  }
  return out;
}

}  // namespace

base::Result<ledger::RemoteState> DecodeState(std::string_view body, std::string_view origin) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("bad_json", "the state is not JSON");
  if (!j.is_object()) return Bad("the state must be a JSON object");
  ledger::RemoteState state;
  GB_ASSIGN_OR_RETURN(state.revision, Count(j, "revision", "state"));
  auto deals = j.find("deals");
  if (deals == j.end() || !deals->is_array()) return Bad("state.deals must be an array");
  for (size_t i = 0; i < deals->size(); ++i) {
    GB_ASSIGN_OR_RETURN(ledger::RemoteDeal d,
                        DecodeDeal((*deals)[i], "deals[" + std::to_string(i) + "]", origin));
    state.deals.push_back(std::move(d));
  }
  auto kiosks = j.find("kiosks");
  if (kiosks == j.end() || !kiosks->is_array()) return Bad("state.kiosks must be an array");
  for (size_t i = 0; i < kiosks->size(); ++i) {
    GB_ASSIGN_OR_RETURN(ledger::StoreKiosk k,
                        DecodeKiosk((*kiosks)[i], "kiosks[" + std::to_string(i) + "]"));
    state.kiosks.push_back(std::move(k));
  }
  // "staff" came later: a server without it has no staff of its own.
  auto staff = j.find("staff");
  if (staff != j.end()) {
    if (!staff->is_array()) return Bad("state.staff must be an array");
    for (size_t i = 0; i < staff->size(); ++i) {
      GB_ASSIGN_OR_RETURN(ledger::StoreStaff m,
                          DecodeStaff((*staff)[i], "staff[" + std::to_string(i) + "]"));
      state.staff.push_back(std::move(m));
    }
  }
  // "leases" came later: without it the kiosk keeps the leases it has.
  auto leases = j.find("leases");
  if (leases != j.end()) {
    if (!leases->is_array()) return Bad("state.leases must be an array");
    state.leases.emplace();
    for (size_t i = 0; i < leases->size(); ++i) {
      GB_ASSIGN_OR_RETURN(ledger::StoreLease l,
                          DecodeLease((*leases)[i], "leases[" + std::to_string(i) + "]"));
      state.leases->push_back(l);
    }
  }
  // "pledges" came later: without it nothing is known of this kiosk's pledges.
  auto pledges = j.find("pledges");
  if (pledges != j.end()) {
    if (!pledges->is_array()) return Bad("state.pledges must be an array");
    for (size_t i = 0; i < pledges->size(); ++i) {
      GB_ASSIGN_OR_RETURN(ledger::StorePledge p,
                          DecodePledge((*pledges)[i], "pledges[" + std::to_string(i) + "]"));
      state.pledges.push_back(std::move(p));
    }
  }
  return state;
}

}  // namespace gb::link
