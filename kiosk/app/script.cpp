#include "kiosk/app/script.h"

#include <charconv>

namespace gb::app {
namespace {

base::Status Bad(int line, std::string_view what) {
  return base::Status::InvalidArgument("bad_script",
                                       "line " + std::to_string(line) + ": " + std::string(what));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits off the first word.
std::string_view Word(std::string_view& rest) {
  rest = Trim(rest);
  const std::size_t end = rest.find_first_of(" \t");
  std::string_view word = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : Trim(rest.substr(end));
  return word;
}

template <typename T>
bool Number(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool IsId(std::string_view s) {
  if (s.size() < 2 || s[0] != '#') return false;
  for (char c : s.substr(1)) {
    if (c == ' ' || c == '\t') return false;
  }
  return true;
}

bool IsShotName(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

base::Result<ScriptCommand> ParseLine(int line, std::string_view rest) {
  ScriptCommand cmd;
  cmd.line = line;
  const std::string_view verb = Word(rest);
  using K = ScriptCommand::Kind;
  if (verb == "tap") {
    const std::string_view first = Word(rest);
    if (IsId(first) && rest.empty()) {
      cmd.kind = K::kTapId;
      cmd.id = std::string(first.substr(1));
      return cmd;
    }
    const std::string_view second = Word(rest);
    if (Number(first, cmd.x) && Number(second, cmd.y) && rest.empty() && cmd.x >= 0 && cmd.y >= 0) {
      cmd.kind = K::kTapAt;
      return cmd;
    }
    return Bad(line, "tap wants #ID or X Y (pixels)");
  }
  if (verb == "press") {
    const std::string_view id = Word(rest);
    const std::string_view ms = Word(rest);
    if (!IsId(id) || !Number(ms, cmd.ms) || cmd.ms < 0 || !rest.empty()) {
      return Bad(line, "press wants #ID and milliseconds, e.g. press #staff 2000");
    }
    cmd.kind = K::kPress;
    cmd.id = std::string(id.substr(1));
    return cmd;
  }
  if (verb == "type" || verb == "scan") {
    if (rest.empty()) return Bad(line, std::string(verb) + " wants a text");
    cmd.kind = verb == "type" ? K::kType : K::kScan;
    cmd.text = std::string(rest);
    return cmd;
  }
  if (verb == "wait") {
    const std::string_view ms = Word(rest);
    if (!Number(ms, cmd.ms) || cmd.ms < 0 || !rest.empty()) {
      return Bad(line, "wait wants milliseconds, e.g. wait 1500");
    }
    cmd.kind = K::kWait;
    return cmd;
  }
  if (verb == "shot") {
    const std::string_view name = Word(rest);
    if (!IsShotName(name) || !rest.empty()) {
      return Bad(line, "shot wants a name of letters, digits, '-', '_' and '.'");
    }
    cmd.kind = K::kShot;
    cmd.text = std::string(name);
    return cmd;
  }
  if (verb == "expect" || verb == "await") {
    const std::string_view id = Word(rest);
    if (!IsId(id)) return Bad(line, std::string(verb) + " wants #ID and a text");
    cmd.kind = verb == "expect" ? K::kExpect : K::kAwait;
    cmd.id = std::string(id.substr(1));
    cmd.text = std::string(rest);
    return cmd;
  }
  return Bad(line, "unknown command \"" + std::string(verb) +
                       "\" (tap, press, type, scan, wait, shot, expect, await)");
}

}  // namespace

base::Result<std::vector<ScriptCommand>> ParseScript(std::string_view text) {
  std::vector<ScriptCommand> out;
  int line = 0;
  while (!text.empty() || line == 0) {
    ++line;
    const std::size_t nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    const std::string_view trimmed = Trim(raw);
    if (!trimmed.empty() && trimmed.front() != '#') {
      GB_ASSIGN_OR_RETURN(ScriptCommand cmd, ParseLine(line, trimmed));
      out.push_back(std::move(cmd));
    }
    if (text.empty()) break;
  }
  return out;
}

}  // namespace gb::app
