#include "sync/store/till_target.h"

#include "core/voucher/codec.h"

namespace gb::store {

base::Result<TillTarget> ParseTillTarget(const std::string& text, const std::string& short_code,
                                         const std::string& place, size_t max_place) {
  if (text.empty() == short_code.empty()) {
    return base::Status::InvalidArgument("bad_request",
                                         "give exactly one of voucher and short_code");
  }
  if (place.empty() || place.size() > max_place) {
    return base::Status::InvalidArgument(
        "bad_place", "place must be 1 to " + std::to_string(max_place) + " bytes");
  }
  TillTarget t;
  if (!text.empty()) {
    GB_ASSIGN_OR_RETURN(voucher::Voucher parsed, voucher::Parse(text));
    t.key_id = parsed.body.key_id;
    t.serial = parsed.body.serial;
    t.text = text;
  } else {
    GB_ASSIGN_OR_RETURN(t.code, voucher::ParseShortCode(short_code));
    t.key_id = t.code->key_id;
    t.serial = t.code->serial;
  }
  return t;
}

base::Result<bool> TargetMatches(const TillTarget& target, const std::string& stored) {
  // Another text under this serial is not this voucher (a clone's, say).
  if (!target.code) return stored == target.text;
  auto parsed = voucher::Parse(stored);
  if (!parsed.ok())
    return base::Status::Corruption("db_corrupt", "a stored voucher does not parse");
  return voucher::MatchesShortCode(*parsed, *target.code);
}

}  // namespace gb::store
