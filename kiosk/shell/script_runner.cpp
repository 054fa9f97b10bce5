// KioskRuntime::RunScript: the script lines of docs/automation.md against
// the running kiosk.
#include <chrono>
#include <filesystem>

#include "kiosk/shell/kiosk_runtime.h"
#include "ui/keyboard.h"
#include "ui/keypad.h"

namespace gb::shell {
namespace {

constexpr auto kPrintPatience = std::chrono::seconds(30);
constexpr auto kAwaitPatience = std::chrono::seconds(30);

base::Status Fail(const app::ScriptCommand& cmd, const std::string& what) {
  return base::Status::FailedPrecondition("script_failed",
                                          "line " + std::to_string(cmd.line) + ": " + what);
}

void CollectIds(const ui::Widget& w, std::string& out) {
  if (!w.id().empty()) out += (out.empty() ? "#" : ", #") + w.id();
  for (const auto& child : w.children()) CollectIds(*child, out);
}

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
    char32_t c = n == 1 ? b : b & (0x7F >> n);
    for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out += c;
    i += static_cast<std::size_t>(n);
  }
  return out;
}

// The keys that might type `c`, in the order to try them.
std::string KeyFor(char32_t c) {
  if (c >= U'0' && c <= U'9') return "key-" + std::string(1, static_cast<char>(c));
  if (c == U'+') return "key-plus";
  if (c == U' ') return ui::kKbSpaceId;
  return ui::KeyboardKeyId(c);
}

}  // namespace

void KioskRuntime::PumpScriptInput(int wait_ms) {
  // Wait on the display rather than sleep: SDL stamps a key with the time it
  // is pumped, so keys left queued for 50 ms would look too slow for a
  // scanner's burst and the wedge decoder would split the scan.
  std::optional<InputEvent> e = display_->Next(wait_ms);
  while (e) {
    // A wedge scanner's keys go to the decoder as in RunInteractive; taps on
    // the window are left out, the script owns the screen.
    if (e->kind != InputEvent::Kind::kPress && e->kind != InputEvent::Kind::kRelease) Handle(*e);
    e = display_->Next(0);
  }
}

base::Status KioskRuntime::Settle() {
  const auto start = std::chrono::steady_clock::now();
  GB_RETURN_IF_ERROR(Tick());
  // A print pending, or the enrolment screen waiting for the store.
  while (Busy() && std::chrono::steady_clock::now() - start < kPrintPatience) {
    PumpScriptInput(20);
    // The real time spent waiting passes on the kiosk's clock too (it is
    // the system clock plus the script's offset), so a stuck printer times
    // out as it would in a store.
    GB_RETURN_IF_ERROR(Tick());
  }
  return Draw();
}

base::Status KioskRuntime::TypeText(const app::ScriptCommand& cmd) {
  for (char32_t c : CodePoints(cmd.text)) {
    std::string key = KeyFor(c);
    // A short code's hyphen is on the redeem keypad.
    if (c == U'-' && view_->root()->FindById(ui::kKeyDashId) != nullptr) key = ui::kKeyDashId;
    // The enrolment code's keyboard has its digits among the letters, and
    // upper-case letters only (a code may be typed in lower case).
    if (view_->root()->FindById(key) == nullptr) {
      const char32_t up = c >= U'a' && c <= U'z' ? c - 32 : c;
      if (view_->root()->FindById(ui::KeyboardKeyId(up)) != nullptr) key = ui::KeyboardKeyId(up);
    }
    // The key may be on the other layout or behind shift: try those first.
    const std::string switches[] = {"", ui::kKbShiftId, ui::kKbLayoutId, ui::kKbShiftId};
    bool typed = false;
    for (const std::string& sw : switches) {
      if (!sw.empty()) {
        if (view_->root()->FindById(sw) == nullptr) break;
        Tap(sw, clock_.NowMs());
        GB_RETURN_IF_ERROR(Draw());
      }
      if (view_->root()->FindById(key) != nullptr) {
        Tap(key, clock_.NowMs());
        GB_RETURN_IF_ERROR(Draw());
        typed = true;
        break;
      }
    }
    if (!typed) return Fail(cmd, "type: no key on screen types \"" + key + "\"");
  }
  return base::Status::Ok();
}

base::Status KioskRuntime::Expect(const app::ScriptCommand& cmd) {
  const std::string verb = cmd.kind == app::ScriptCommand::Kind::kAwait ? "await #" : "expect #";
  const ui::Widget* w = view_->root()->FindById(cmd.id);
  if (w == nullptr) {
    return Fail(cmd, verb + cmd.id + ": no such widget on the " + ScreenName() + " screen");
  }
  const std::string found = w->AutomationText();
  // "=TEXT" asks for exactly TEXT ("=" alone: empty); otherwise TEXT is
  // looked for inside what the widget says.
  const bool exact = cmd.text.starts_with('=');
  const bool ok = exact ? found == cmd.text.substr(1) : found.find(cmd.text) != std::string::npos;
  if (!ok) return Fail(cmd, verb + cmd.id + " \"" + cmd.text + "\": found \"" + found + "\"");
  return base::Status::Ok();
}

base::Status KioskRuntime::RunLine(const app::ScriptCommand& cmd, const std::string& shots) {
  using K = app::ScriptCommand::Kind;
  const std::string screen = ScreenName();
  switch (cmd.kind) {
    case K::kTapId: {
      const ui::Widget* w = view_->root()->FindById(cmd.id);
      if (w == nullptr) {
        std::string ids;
        CollectIds(*view_->root(), ids);
        return Fail(cmd, "no #" + cmd.id + " on the " + screen + " screen (there are " + ids + ")");
      }
      Tap(cmd.id, clock_.NowMs());
      break;
    }
    case K::kPress: {
      if (view_->root()->FindById(cmd.id) == nullptr) {
        std::string ids;
        CollectIds(*view_->root(), ids);
        return Fail(cmd, "no #" + cmd.id + " on the " + screen + " screen (there are " + ids + ")");
      }
      // The finger stays down for MS on the kiosk's clock, without sleeping.
      clock_.Advance(cmd.ms);
      Tap(cmd.id, clock_.NowMs(), cmd.ms);
      break;
    }
    case K::kTapAt:
      Handle(InputEvent{InputEvent::Kind::kPress, {cmd.x, cmd.y}, {}});
      Handle(InputEvent{InputEvent::Kind::kRelease, {cmd.x, cmd.y}, {}});
      break;
    case K::kType:
      GB_RETURN_IF_ERROR(TypeText(cmd));
      break;
    case K::kScan:
      Scan(cmd.text, clock_.NowMs());
      break;
    case K::kWait:
      clock_.Advance(cmd.ms);
      break;
    case K::kShot: {
      if (shots.empty()) return Fail(cmd, "shot needs --screenshots DIR");
      GB_RETURN_IF_ERROR(Draw());
      GB_RETURN_IF_ERROR(view_->canvas().SavePng(shots + "/" + cmd.text + ".png"));
      break;
    }
    case K::kExpect:
      GB_RETURN_IF_ERROR(Expect(cmd));
      break;
    case K::kAwait: {
      // The app and the view follow the clock and the printer while we
      // wait; real time passes on the kiosk's clock too.
      const auto start = std::chrono::steady_clock::now();
      while (!Expect(cmd).ok() && std::chrono::steady_clock::now() - start < kAwaitPatience) {
        PumpScriptInput(50);
        TakeScans();  // a scan (wedge or USB) is one thing a script may await
        GB_RETURN_IF_ERROR(Tick());
        GB_RETURN_IF_ERROR(Draw());
      }
      GB_RETURN_IF_ERROR(Expect(cmd));
      break;
    }
  }
  return Settle();
}

base::Status KioskRuntime::RunScript(const std::vector<app::ScriptCommand>& script,
                                     const std::string& screenshots_dir) {
  if (!screenshots_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(screenshots_dir, ec);
    if (ec) {
      return base::Status::IoError("screenshots_dir", screenshots_dir + ": " + ec.message());
    }
  }
  GB_RETURN_IF_ERROR(Settle());
  for (const app::ScriptCommand& cmd : script) {
    if (quit_) break;
    GB_RETURN_IF_ERROR(RunLine(cmd, screenshots_dir));
  }
  return base::Status::Ok();
}

}  // namespace gb::shell
