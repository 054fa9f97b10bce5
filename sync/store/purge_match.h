// After a purge the store holds sign-up events with the phone hash zeroed
// (StoreDb::PurgePersonalData), and so may a kiosk's outbox. A resend of such
// an event must still count as the same event, not as a clone's (seq_reuse).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace gb::store {

// True when the stored payload text and the incoming payload differ only in
// phone_hash, and one of the two hashes is the purged (all-zero) one.
bool SameButPurged(const std::string& stored, const nlohmann::json& incoming);

// A refused event whose conflict was folded into the summary (conflict_cap)
// is kept as {"summarised":"<SHA-256 hex of its payload text>"}: true when
// `stored` is that marker for `incoming_text`.
bool SameButSummarised(const std::string& stored, const std::string& incoming_text);
// The marker above for a payload text.
std::string SummaryMarker(const std::string& payload_text);

}  // namespace gb::store
