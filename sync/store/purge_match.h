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

}  // namespace gb::store
