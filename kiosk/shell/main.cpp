// groupbuy-kiosk: the touchscreen kiosk. Parses the command line, starts the
// runtime (kiosk_runtime.h) and runs it, interactively or from a script.
// Exit codes: 0 done, 1 a script line failed, 2 bad arguments or the kiosk
// could not start (no display, no kiosk folder, ...).
#include <CLI/CLI.hpp>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "core/base/log.h"
#include "kiosk/app/script.h"
#include "kiosk/shell/kiosk_runtime.h"
#include "kiosk/shell/size_option.h"

namespace {

constexpr int64_t kExitFlushMs = 10'000;

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"groupbuy-kiosk: the group-buy touchscreen kiosk"};
  gb::shell::RuntimeOptions opts;
  std::string lang, size = "1080x1920", script_path, shots;
  cli.add_option("--dir", opts.dir, "The kiosk's folder (KDIR, from init-kiosk)")->required();
  cli.add_option("--printer", opts.printer,
                 "Printer spec (default: the kiosk's, png:KDIR/printer)");
  cli.add_option("--scanner", opts.scanner,
                 "wedge (default: a keyboard-wedge scanner), usb (the first HID POS scanner) "
                 "or usb:VID:PID (that device, hex)");
  cli.add_option("--lang", lang, "First language: en, ru or zh (default: the kiosk's)");
  cli.add_option("--size", size, "Window size WxH (default 1080x1920; 1920x1080 for landscape)");
  cli.add_flag("--fullscreen", opts.display.fullscreen, "Fill the display (a store kiosk)");
  cli.add_flag("--headless", opts.display.headless, "No display: the offscreen video driver");
  std::string mode = "shop";
  cli.add_option("--mode", mode, "shop (the shoppers' wall) or till (staff PIN, then Redeem)")
      ->check(CLI::IsMember({"shop", "till"}));
  cli.add_option("--script", script_path, "Run these lines (docs/automation.md), then exit");
  cli.add_option("--screenshots", shots, "Where `shot NAME` saves NAME.png");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  opts.till_mode = mode == "till";
  if (auto parsed = gb::shell::ParseSizeOption(size); parsed.ok()) {
    opts.display.size = *parsed;
  } else {
    gb::base::LogError("groupbuy-kiosk: " + parsed.status().message());
    return 2;
  }
  if (auto scanner = gb::shell::ParseScannerOption(opts.scanner); !scanner.ok()) {
    gb::base::LogError("groupbuy-kiosk: " + scanner.status().message());
    return 2;
  }
  if (!lang.empty()) {
    auto parsed = gb::i18n::ParseLang(lang);
    if (!parsed.ok()) {
      gb::base::LogError("groupbuy-kiosk: --lang wants en, ru or zh, not \"" + lang + "\"");
      return 2;
    }
    opts.lang = *parsed;
  }
  if (opts.display.headless && script_path.empty()) {
    gb::base::LogError("groupbuy-kiosk: --headless runs a --script (nobody could touch it otherwise)");
    return 2;
  }
  std::vector<gb::app::ScriptCommand> script;
  if (!script_path.empty()) {
    std::ifstream in(script_path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      gb::base::LogError("groupbuy-kiosk: cannot read the script " + script_path);
      return 2;
    }
    auto parsed = gb::app::ParseScript(text.str());
    if (!parsed.ok()) {
      gb::base::LogError("groupbuy-kiosk: " + script_path + ": " + parsed.status().message());
      return 2;
    }
    script = std::move(*parsed);
  }
  try {
    auto runtime = gb::shell::KioskRuntime::Start(opts);
    if (!runtime.ok()) {
      gb::base::LogError("groupbuy-kiosk: " + runtime.status().ToString());
      return 2;
    }
    gb::base::LogInfo("groupbuy-kiosk: " + (*runtime)->Describe());
    const gb::base::Status s =
        script_path.empty() ? (*runtime)->RunInteractive() : (*runtime)->RunScript(script, shots);
    // A scripted run often ends right after a sign-up: hand it to the store
    // first (a store that cannot be reached is not waited for).
    if (gb::base::Status f = (*runtime)->FlushSync(kExitFlushMs); !f.ok()) {
      gb::base::LogWarning("groupbuy-kiosk: the store does not have every sign-up yet (" +
                           f.ToString() + "); they stay in the outbox and go at the next start");
    }
    if (!s.ok()) {
      gb::base::LogError("groupbuy-kiosk: " + script_path + ": " + s.message());
      return s.reason() == "script_failed" ? 1 : 2;
    }
  } catch (const std::exception& e) {
    gb::base::LogError(std::string("groupbuy-kiosk: ") + e.what());
    return 2;
  }
  return 0;
}
