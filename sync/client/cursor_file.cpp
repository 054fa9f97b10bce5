#include "sync/client/cursor_file.h"

#include <nlohmann/json.hpp>

#include "core/base/file_util.h"

namespace gb::sync_client {
namespace {

using base::Status;
using nlohmann::json;

Status BadCursor(const std::string& path, const std::string& what) {
  return Status::Corruption("bad_cursor_file",
                            path + ": " + what + "; move it away to resend every event");
}

}  // namespace

base::Result<SyncCursor> CursorFile::Load() {
  base::Result<std::string> text = base::ReadFile(path_);
  if (!text.ok()) {
    if (text.status().reason() == "file_missing") return SyncCursor{};
    return text.status();
  }
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return BadCursor(path_, "not a JSON object");
  SyncCursor cursor;
  auto seq = j.find("acked_seq");
  if (seq == j.end() || !seq->is_number_integer() || seq->get<int64_t>() < 0) {
    return BadCursor(path_, "acked_seq must be a non-negative integer");
  }
  cursor.acked_seq = seq->get<int64_t>();
  auto list = j.find("poisoned");
  if (list != j.end()) {
    if (!list->is_array()) return BadCursor(path_, "poisoned must be an array");
    for (const json& p : *list) {
      if (!p.is_object() || !p.value("seq", json()).is_number_integer() ||
          !p.value("type", json()).is_string() ||
          !p.value("http_status", json()).is_number_integer() ||
          !p.value("reason", json()).is_string() || !p.value("message", json()).is_string() ||
          !p.value("at", json()).is_number_integer()) {
        return BadCursor(path_,
                         "a poisoned entry lacks seq, type, http_status, reason, message or at");
      }
      cursor.poisoned.push_back(Poisoned{
          p["seq"].get<int64_t>(), p["type"].get<std::string>(), p["http_status"].get<int>(),
          p["reason"].get<std::string>(), p["message"].get<std::string>(), p["at"].get<int64_t>()});
    }
  }
  return cursor;
}

Status CursorFile::Save(const SyncCursor& cursor) {
  json poisoned = json::array();
  for (const Poisoned& p : cursor.poisoned) {
    poisoned.push_back({{"seq", p.seq},
                        {"type", p.type},
                        {"http_status", p.http_status},
                        {"reason", p.reason},
                        {"message", p.message},
                        {"at", p.at}});
  }
  json j = {{"acked_seq", cursor.acked_seq}, {"poisoned", std::move(poisoned)}};
  // Refusal messages come from the network: replace bad UTF-8 rather than throw.
  return base::WriteFileAtomic(path_, j.dump(2, ' ', false, json::error_handler_t::replace) + "\n",
                               0600, base::Overwrite::kYes);
}

}  // namespace gb::sync_client
