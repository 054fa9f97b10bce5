// GET /v1/series: sign-ups over time, for the dashboard's charts.
// One read transaction, so every deal's line belongs to one revision.
#include <vector>

#include "sync/store/store_db.h"

namespace gb::store {
namespace {

using nlohmann::json;

// Keeps every step-th point and the last, so a long line keeps its shape
// and still ends at the deal's total (the number the tallies show).
json Thin(const std::vector<std::pair<int64_t, int64_t>>& points, size_t max_points) {
  const size_t n = points.size();
  const size_t step = n <= max_points ? 1 : (n + max_points - 1) / max_points;
  json out = json::array();
  for (size_t i = 0; i < n; ++i) {
    if (i % step == step - 1 || i == n - 1) out.push_back({points[i].first, points[i].second});
  }
  return out;
}

}  // namespace

base::Result<json> StoreDb::Series(size_t max_points) {
  if (max_points < 2) max_points = 2;
  GB_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  struct EndRead {
    sqlite::Db* db;
    ~EndRead() { (void)db->Exec("COMMIT"); }
  } end_read{db_.get()};
  std::map<uint32_t, std::vector<std::pair<int64_t, int64_t>>> lines;
  GB_ASSIGN_OR_RETURN(bool hq, IsHeadOffice());
  if (hq) {
    // A head office has no pledges: its line is the sum of each store's
    // last reported count, stepping whenever one of them reported a change.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef h,
                        sql_.Get("SELECT deal_id, source, at, committed + reserved"
                                 " FROM tally_history ORDER BY deal_id, at, rowid"));
    std::map<uint32_t, std::map<std::string, int64_t>> last;
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, h->Step());
      if (!row) break;
      const auto deal = static_cast<uint32_t>(h->Int(0));
      auto& per_store = last[deal];
      per_store[h->Text(1)] = h->Int(3);
      int64_t total = 0;
      for (const auto& [source, n] : per_store) total += n;
      auto& line = lines[deal];
      if (!line.empty() && line.back().first == h->Int(2)) {
        line.back().second = total;  // one point per second, as for pledges
      } else {
        line.emplace_back(h->Int(2), total);
      }
    }
    json deals = json::object();
    for (const auto& [id, line] : lines) deals[std::to_string(id)] = Thin(line, max_points);
    return json{{"deals", std::move(deals)}};
  }
  // The same states as the tallies' participants (committed + reserved), so
  // the chart's last point and the progress bar agree.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT deal_id, joined_at, count(*) FROM pledges"
                               " WHERE state IN ('reserved','active','redeemed','expired')"
                               " GROUP BY deal_id, joined_at ORDER BY deal_id, joined_at"));
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    auto& line = lines[static_cast<uint32_t>(q->Int(0))];
    const int64_t before = line.empty() ? 0 : line.back().second;
    line.emplace_back(q->Int(1), before + q->Int(2));
  }
  json deals = json::object();
  for (const auto& [id, line] : lines) deals[std::to_string(id)] = Thin(line, max_points);
  return json{{"deals", std::move(deals)}};
}

}  // namespace gb::store
