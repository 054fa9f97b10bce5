// Reading untrusted JSON without exceptions: the parse step and a typed field
// reader that names the field path in every error.
//
// Every failure is InvalidArgument with the reason the caller chose (the
// protocol's "bad_event", "bad_payload", ...) and a message that starts with
// the field's path, e.g. "events[3].seq must be a positive integer".
// Pure functions and value types; thread-compatible. Compiles as C++20.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::protocol {

// Parses text as one JSON value. Never throws. Reason "bad_json" for
// malformed text; the message gives the byte offset of the error.
base::Result<nlohmann::json> ParseJson(std::string_view text);

// Reads the members of one JSON object. REQUIRES: object outlives the reader.
class FieldReader {
 public:
  // path: the object's own path ("" for the top level, "events[3]", ...).
  FieldReader(const nlohmann::json& object, std::string path, std::string reason);

  // Fails unless the value is an object whose keys are all in `known`.
  base::Status CheckObject(std::initializer_list<std::string_view> known) const;

  // A JSON integer (not 1.0) in [min, max].
  base::Result<int64_t> Int(std::string_view key, int64_t min, int64_t max) const;
  // A JSON integer in [min, max], for fields that use the full unsigned range.
  base::Result<uint64_t> Uint(std::string_view key, uint64_t min, uint64_t max) const;
  // A string of min_bytes..max_bytes bytes (UTF-8 checked by the parser).
  base::Result<std::string> String(std::string_view key, size_t min_bytes, size_t max_bytes) const;
  base::Result<bool> Bool(std::string_view key) const;

  // The path of a member, "events[3].seq", for messages built by callers.
  std::string PathOf(std::string_view key) const;
  // An error with this reader's reason about a member: "<path> <what>".
  base::Status Error(std::string_view key, std::string_view what) const;

 private:
  // The member, or nullptr when it is missing.
  const nlohmann::json* Find(std::string_view key) const;

  const nlohmann::json& object_;
  std::string path_;
  std::string reason_;
};

}  // namespace gb::protocol
