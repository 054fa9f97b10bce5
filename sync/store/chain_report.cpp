// What a head office (and a store in a chain) shows of counts kept outside
// its own pledges: /v1/tallies' chain totals and per-store rows, and
// /v1/report.csv.
#include <sstream>

#include "core/rules/deal_state.h"
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

using nlohmann::json;

struct OutsideRow {
  uint32_t deal_id = 0;
  std::string source;
  std::string title;
  std::string state;
  int64_t committed = 0, reserved = 0, redeemed = 0, cancelled = 0, price = 0, updated_at = 0;
  int64_t held = 0;
};

// RFC 4180 quoting; a cell that a spreadsheet would run as a formula gets a
// leading apostrophe (store and deal names come from other machines).
std::string CsvCell(const std::string& s) {
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

base::Result<std::vector<OutsideRow>> ReadOutside(sqlite::StmtCache& sql) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql.Get("SELECT deal_id, source, title, state, committed, reserved, redeemed,"
                              " cancelled, price_minor, updated_at, held FROM outside_tallies"
                              " ORDER BY deal_id, source"));
  std::vector<OutsideRow> rows;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    rows.push_back({static_cast<uint32_t>(q->Int(0)), q->Text(1), q->Text(2), q->Text(3), q->Int(4),
                    q->Int(5), q->Int(6), q->Int(7), q->Int(8), q->Int(9), q->Int(10)});
  }
  return rows;
}

// The seats of capped deals lent to each holder, by (deal, holder).
base::Result<std::map<std::pair<uint32_t, std::string>, json>> Lent(sqlite::StmtCache& sql) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql.Get("SELECT deal_id, kiosk_id, seats, expires_at FROM leases"));
  std::map<std::pair<uint32_t, std::string>, json> lent;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    lent[{static_cast<uint32_t>(q->Int(0)), q->Text(1)}] = {{"seats", q->Int(2)},
                                                           {"expires_at", q->Int(3)}};
  }
  return lent;
}

base::Result<std::map<std::string, std::string>> StoreNames(sqlite::StmtCache& sql) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql.Get("SELECT kiosk_id, coalesce(name, kiosk_id) FROM kiosks"
                              " WHERE kind='store'"));
  std::map<std::string, std::string> names;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    names[q->Text(0)] = q->Text(1);
  }
  return names;
}

}  // namespace

base::Status StoreDb::AddOutside(json& tallies) {
  GB_ASSIGN_OR_RETURN(bool hq, IsHeadOffice());
  GB_ASSIGN_OR_RETURN(std::vector<OutsideRow> rows, ReadOutside(sql_));
  GB_ASSIGN_OR_RETURN(auto names, StoreNames(sql_));
  std::map<std::pair<uint32_t, std::string>, json> lent;
  if (hq) {
    GB_ASSIGN_OR_RETURN(lent, Lent(sql_));
  }
  tallies["role"] = hq ? "hq" : "store";
  std::map<uint32_t, json*> by_id;
  for (json& d : tallies["deals"]) {
    by_id[d["id"].get<uint32_t>()] = &d;
    d["chain"] = hq;
    if (hq) d["by_store"] = json::object();
  }
  json local = json::array();  // stores' own deals, reported to a head office
  for (const OutsideRow& r : rows) {
    auto it = by_id.find(r.deal_id);
    json store_row = {{"name", names.count(r.source) ? names[r.source] : r.source},
                      {"committed", r.committed}, {"reserved", r.reserved},
                      {"redeemed", r.redeemed},   {"cancelled", r.cancelled},
                      {"state", r.state},         {"price", r.price},
                      {"updated_at", r.updated_at}};
    if (it == by_id.end()) {
      if (hq) {
        store_row["store"] = r.source;
        store_row["deal_id"] = r.deal_id;
        store_row["title"] = r.title;
        local.push_back(std::move(store_row));
      }
      continue;
    }
    json& d = *it->second;
    d["committed"] = d["committed"].get<int64_t>() + r.committed;
    d["reserved"] = d["reserved"].get<int64_t>() + r.reserved;
    d["participants"] = d["committed"].get<int64_t>() + d["reserved"].get<int64_t>();
    if (hq) {
      // The head office has no pledges of its own: a chain deal's redeemed
      // and cancelled are its stores'.
      d["redeemed"] = d.value("redeemed", int64_t{0}) + r.redeemed;
      d["cancelled"] = d.value("cancelled", int64_t{0}) + r.cancelled;
      // A capped deal: what the store's kiosks hold and what it was lent
      // ("Caps over the chain"), so "sold out here" at a kiosk can be explained.
      if (r.held > 0) store_row["held"] = r.held;
      if (auto l = lent.find({r.deal_id, r.source}); l != lent.end()) store_row["lent"] = l->second;
      d["by_store"][r.source] = std::move(store_row);
    } else {
      d["chain"] = true;  // 'chain': the rest of the chain, as the head office said
      d["elsewhere"] = {{"committed", r.committed}, {"reserved", r.reserved}};
    }
  }
  // Tier and price follow the totals over the chain.
  for (auto& [id, d] : by_id) {
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(id, &found));
    if (!found) continue;
    const int64_t committed = (*d)["committed"].get<int64_t>();
    std::optional<size_t> tier = rules::ReachedTier(*deal, committed);
    (*d)["tier"] = tier ? json(*tier) : json(nullptr);
    (*d)["price"] = rules::PriceNow(*deal, committed);
  }
  if (hq) {
    tallies["store_deals"] = std::move(local);
    // When each store last reached this head office: the clients' list
    // Tallies() made (a store polls every second or so while linked).
    std::map<std::string, json> seen;
    if (tallies.contains("kiosks")) {
      for (const json& k : tallies["kiosks"]) seen[k.value("kiosk_id", "")] = k.value("last_seen_at", json());
    }
    GB_ASSIGN_OR_RETURN(auto kiosks, StoreKiosks());
    json stores = json::array();
    for (const auto& [id, name] : names) {
      json row = {{"id", id},
                  {"name", name},
                  {"last_seen_at", seen.count(id) ? seen[id] : json()},
                  {"kiosks_offline", json::array()}};
      // What the store last said of its kiosks (an older store says nothing).
      if (auto k = kiosks.find(id); k != kiosks.end()) row.update(k->second);
      stores.push_back(std::move(row));
    }
    tallies["stores"] = std::move(stores);
  }
  return base::Status::Ok();
}

base::Result<std::string> StoreDb::ReportCsv(const std::string& own_name) {
  GB_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  struct EndRead {
    sqlite::Db* db;
    ~EndRead() { (void)db->Exec("COMMIT"); }
  } end_read{db_.get()};
  GB_ASSIGN_OR_RETURN(std::vector<OutsideRow> rows, ReadOutside(sql_));
  GB_ASSIGN_OR_RETURN(auto names, StoreNames(sql_));
  std::ostringstream out;
  out << "deal,title,store,store_name,participants,committed,reserved,redeemed,cancelled,state,"
         "price_minor,staff\r\n";
  for (const OutsideRow& r : rows) {
    if (r.source == "chain") continue;  // a store's view of the others, not a store
    std::string title = r.title;
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(r.deal_id, &found));
    if (found && deal->title.count("en")) title = deal->title.at("en");
    out << r.deal_id << ',' << CsvCell(title) << ',' << CsvCell(r.source) << ','
        << CsvCell(names.count(r.source) ? names[r.source] : r.source) << ','
        << r.committed + r.reserved << ',' << r.committed << ',' << r.reserved << ','
        << r.redeemed << ',' << r.cancelled << ',' << r.state << ',' << r.price << ",\r\n";
  }
  // This server's own pledges (a store's; a head office has none), with
  // who granted their redemptions, deposits and refunds at the tills.
  GB_ASSIGN_OR_RETURN(auto by_staff, StaffTallies());
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT p.deal_id, d.state, sum(p.state IN ('active','redeemed','expired')),"
               " sum(p.state = 'reserved'), sum(p.state = 'redeemed'),"
               " sum(p.state = 'cancelled') FROM pledges p JOIN deals d ON d.id = p.deal_id"
               " GROUP BY p.deal_id ORDER BY p.deal_id"));
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    const auto id = static_cast<uint32_t>(q->Int(0));
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(id, &found));
    if (!found) continue;
    const int64_t committed = q->Int(2);
    const auto en = deal->title.find("en");
    std::string staff;
    for (const auto& [name, n] : by_staff[id].items()) {
      if (!staff.empty()) staff += "; ";
      staff += name + " (redeemed " + std::to_string(n.value("redeemed", int64_t{0})) +
               ", deposits " + std::to_string(n.value("deposits", int64_t{0})) + ", refunds " +
               std::to_string(n.value("refunds", int64_t{0})) + ")";
    }
    out << id << ',' << CsvCell(en != deal->title.end() ? en->second : "") << ",,"
        << CsvCell(own_name) << ',' << committed + q->Int(3) << ',' << committed << ','
        << q->Int(3) << ',' << q->Int(4) << ',' << q->Int(5) << ',' << q->Text(1) << ','
        << rules::PriceNow(*deal, committed) << ',' << CsvCell(staff) << "\r\n";
  }
  return out.str();
}

}  // namespace gb::store
