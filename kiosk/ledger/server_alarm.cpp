// The server identity alarm (ledger.h): kept in meta as JSON, so a restart
// does not forget it, and turned into one outbox event when it clears, so
// the store hears of it over the first connection that is the store again.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "kiosk/ledger/ledger.h"

namespace gb::ledger {
namespace {

using nlohmann::json;

// The row as written by RaiseServerAlarm; anything else is a damaged ledger.
base::Result<ServerAlarm> ParseAlarm(const std::string& text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto num = [&](const char* key) -> std::optional<int64_t> {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
    return j[key].get<int64_t>();
  };
  const auto first = num("first_at"), last = num("last_at"), count = num("mismatches");
  if (!first || !last || !count) {
    return base::Status::Corruption("db_corrupt", "meta server_alarm is not an alarm: " + text);
  }
  return ServerAlarm{*first, *last, *count};
}

}  // namespace

base::Result<std::optional<ServerAlarm>> Ledger::GetServerAlarm() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT value FROM meta WHERE key='server_alarm'"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<ServerAlarm>();
  const std::string text = st->Text(0);
  GB_ASSIGN_OR_RETURN(ServerAlarm a, ParseAlarm(text));
  return std::optional<ServerAlarm>(a);
}

base::Result<bool> Ledger::RaiseServerAlarm(int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(std::optional<ServerAlarm> standing, GetServerAlarm());
  ServerAlarm a = standing.value_or(ServerAlarm{now, now, 0});
  // A clock set back must not make the alarm end before it began.
  a.last_at = std::max(a.first_at, now);
  a.mismatches += 1;
  const json row = {{"first_at", a.first_at}, {"last_at", a.last_at}, {"mismatches", a.mismatches}};
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef put, sql_.Get("INSERT INTO meta(key, value) VALUES('server_alarm', ?)"
                                            " ON CONFLICT(key) DO UPDATE SET value=excluded.value"));
  GB_RETURN_IF_ERROR(put->Bind(1, row.dump()).Run());
  GB_RETURN_IF_ERROR(tx.Commit());
  return !standing.has_value();
}

base::Result<std::optional<ServerAlarm>> Ledger::ClearServerAlarm(int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(std::optional<ServerAlarm> standing, GetServerAlarm());
  if (!standing) return standing;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef del, sql_.Get("DELETE FROM meta WHERE key='server_alarm'"));
  GB_RETURN_IF_ERROR(del->Run());
  const json payload = {{"first_at", standing->first_at},
                        {"last_at", standing->last_at},
                        {"mismatches", standing->mismatches}};
  GB_RETURN_IF_ERROR(AppendEvent("server_identity", now, payload.dump()));
  GB_RETURN_IF_ERROR(tx.Commit());
  return standing;
}

}  // namespace gb::ledger
