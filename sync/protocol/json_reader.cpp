#include "sync/protocol/json_reader.h"

#include <limits>

namespace gb::protocol {
namespace {

using nlohmann::json;

// parse(..., allow_exceptions=false) says only *that* the text is malformed.
// A second, SAX-only pass over the rejected text finds *where*, without
// building anything and without exceptions.
class ErrorLocator final : public nlohmann::json_sax<json> {
 public:
  size_t position() const { return position_; }

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    position_ = position;
    return false;
  }

 private:
  size_t position_ = 0;
};

std::string Range(int64_t min, int64_t max) {
  if (max == std::numeric_limits<int64_t>::max()) {
    if (min == 1) return "a positive integer";
    if (min == 0) return "a non-negative integer";
  }
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string URange(uint64_t min, uint64_t max) {
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

}  // namespace

base::Result<json> ParseJson(std::string_view text) {
  json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!value.is_discarded()) return value;
  ErrorLocator locator;
  (void)json::sax_parse(text.begin(), text.end(), &locator);
  // nlohmann counts the offending character as read: report its 0-based offset.
  size_t at = locator.position() > 0 ? locator.position() - 1 : 0;
  return base::Status::InvalidArgument(
      "bad_json", "the body is not valid JSON (error at byte " + std::to_string(at) + ")");
}

FieldReader::FieldReader(const json& object, std::string path, std::string reason)
    : object_(object), path_(std::move(path)), reason_(std::move(reason)) {}

std::string FieldReader::PathOf(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

base::Status FieldReader::Error(std::string_view key, std::string_view what) const {
  return base::Status::InvalidArgument(reason_, PathOf(key) + " " + std::string(what));
}

base::Status FieldReader::CheckObject(std::initializer_list<std::string_view> known) const {
  if (!object_.is_object()) {
    return base::Status::InvalidArgument(
        reason_, (path_.empty() ? std::string("the body") : path_) + " must be a JSON object");
  }
  // Unknown members are refused rather than dropped: an event is stored as
  // sent, so a field this version does not understand must not pass silently.
  for (const auto& [name, value] : object_.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == name;
    if (!found) return Error(name, "is not a known field");
  }
  return base::Status::Ok();
}

const json* FieldReader::Find(std::string_view key) const {
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(std::string(key));
  return it == object_.end() ? nullptr : &*it;
}

base::Result<int64_t> FieldReader::Int(std::string_view key, int64_t min, int64_t max) const {
  const json* v = Find(key);
  if (v == nullptr) return Error(key, "is missing (" + Range(min, max) + ")");
  if (v->is_number_unsigned()) {
    auto u = v->get<uint64_t>();
    if (max >= 0 && u <= static_cast<uint64_t>(max) && static_cast<int64_t>(u) >= min) {
      return static_cast<int64_t>(u);
    }
  } else if (v->is_number_integer()) {
    auto i = v->get<int64_t>();
    if (i >= min && i <= max) return i;
  }
  return Error(key, "must be " + Range(min, max));
}

base::Result<uint64_t> FieldReader::Uint(std::string_view key, uint64_t min, uint64_t max) const {
  const json* v = Find(key);
  if (v == nullptr) return Error(key, "is missing (" + URange(min, max) + ")");
  // The parser stores every non-negative integer as unsigned, but a json
  // built in code from an int is signed: accept both when not negative.
  if (v->is_number_unsigned() || (v->is_number_integer() && v->get<int64_t>() >= 0)) {
    auto u =
        v->is_number_unsigned() ? v->get<uint64_t>() : static_cast<uint64_t>(v->get<int64_t>());
    if (u >= min && u <= max) return u;
  }
  return Error(key, "must be " + URange(min, max));
}

base::Result<std::string> FieldReader::String(std::string_view key, size_t min_bytes,
                                              size_t max_bytes) const {
  const json* v = Find(key);
  std::string want = min_bytes == max_bytes
                         ? "a string of exactly " + std::to_string(max_bytes) + " bytes"
                         : "a string of " + std::to_string(min_bytes) + " to " +
                               std::to_string(max_bytes) + " bytes";
  if (v == nullptr) return Error(key, "is missing (" + want + ")");
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() >= min_bytes && s.size() <= max_bytes) return s;
  }
  return Error(key, "must be " + want);
}

base::Result<bool> FieldReader::Bool(std::string_view key) const {
  const json* v = Find(key);
  if (v == nullptr) return Error(key, "is missing (true or false)");
  if (!v->is_boolean()) return Error(key, "must be true or false");
  return v->get<bool>();
}

}  // namespace gb::protocol
