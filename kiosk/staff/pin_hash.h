// Staff PINs: 4 to 8 digits, stored only as a salted PBKDF2-HMAC-SHA256 hash.
//
//   "pbkdf2-sha256$<iterations>$<salt: 32 hex>$<hash: 64 hex>"
//
// The iteration count travels in the text, so it can be raised later without
// invalidating stored PINs. A PIN has at most 10^8 values: the hash keeps it
// off the disk in plain text, while the lock-out (StaffDirectory) is what
// stops guessing at the kiosk.
//
// Pure apart from OpenSSL's random salt; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/base/result.h"

namespace gb::staff {

inline constexpr int kDefaultPinIterations = 100'000;

// Ok for 4..8 ASCII digits; otherwise "bad_pin" (the message never repeats the PIN).
base::Status CheckPin(std::string_view pin);

// A fresh salt each time. "bad_pin" as CheckPin; "bad_iterations" for < 1.
base::Result<std::string> HashPin(std::string_view pin, int iterations = kDefaultPinIterations);

// True when `pin` is the PIN `encoded` was made from. The derived keys are
// compared in constant time; a malformed `encoded` is false, never a crash.
bool VerifyPin(std::string_view pin, std::string_view encoded);

}  // namespace gb::staff
