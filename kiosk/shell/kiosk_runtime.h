// KioskRuntime: everything groupbuy-kiosk runs, wired together: the kiosk's
// folder and ledger, the printer and its print queue (a worker thread with
// its own ledger connection), the shopper app, its view and the display.
//
// The kiosk's clock is the system clock plus an offset that scripted runs
// move forward (`wait MS`), so idle timeouts are tested without sleeping;
// the print queue reads the same clock.
// RunInteractive waits for input (SDL_WaitEventTimeout) until the app's next
// timed change: nothing is drawn while nothing changes.
// RunScript runs the lines of docs/automation.md; the first failing line
// ends it with reason "script_failed", naming the line and what was found.
//
// A folder with no kiosk.json is a kiosk with no identity: it starts on the
// enrolment screen (kiosk/app/enroll_flow.h), enrols through EnrollWorker
// (link::EnrollKiosk on a worker thread), then opens the folder as
// it would have at start and shows the wall, without a restart.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/printer/escpos_printer.h"
#include "kiosk/app/enroll_flow.h"
#include "kiosk/app/kiosk_app.h"
#include "kiosk/app/script.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/printing/print_queue.h"
#include "kiosk/shell/enroll_worker.h"
#include "kiosk/shell/kiosk_view.h"
#include "kiosk/shell/ledger_desk.h"
#include "kiosk/shell/scanner_input.h"
#include "kiosk/shell/sdl_display.h"
#include "kiosk/shell/sync_wiring.h"
#include "kiosk/shell/till_desk.h"

namespace gb::shell {

struct RuntimeOptions {
  std::string dir;                 // KDIR
  std::string printer;             // a printer spec; empty: the kiosk's setting
  std::optional<i18n::Lang> lang;  // empty: the kiosk's setting
  bool till_mode = false;          // --mode till: start on the PIN pad, then Redeem
  std::string scanner = "wedge";   // --scanner: wedge, usb or usb:VID:PID (scanner_input.h)
  DisplayOptions display;
};

class KioskClock {
 public:
  int64_t NowMs() const;
  void Advance(int64_t ms) { offset_ms_ += ms; }

 private:
  std::atomic<int64_t> offset_ms_{0};
};

class KioskRuntime {
 public:
  // Reasons: those of KioskDir::Open, Ledger::Open, ParsePrinterSpec,
  // OpenPrinter, PrintQueue::Start, TillDesk::Create, SdlDisplay::Open
  // ("no_display"), KioskView::Create, ParseScannerOption ("bad_scanner")
  // and ScannerInput::Start.
  static base::Result<std::unique_ptr<KioskRuntime>> Start(const RuntimeOptions& options);
  ~KioskRuntime();

  base::Status RunInteractive();
  base::Status RunScript(const std::vector<app::ScriptCommand>& script,
                         const std::string& screenshots_dir);

  // Before exiting: waits up to timeout_ms until the store has every
  // sign-up (SyncWiring::Flush); what it has not stays in the outbox and
  // goes at the next start. Nothing to wait for before enrolment.
  base::Status FlushSync(int64_t timeout_ms) {
    return sync_ ? sync_->Flush(timeout_ms) : base::Status::Ok();
  }

  std::string Describe() const;  // driver, printer, for the start-up line

 private:
  KioskRuntime() = default;
  // Opens the kiosk's folder, ledger, printer, print queue, sync and app
  // (everything but the display); reasons as Start's.
  base::Status OpenShop();
  // After the enrolment screen said yes: the shop, its wall, a fresh frame.
  base::Status FinishEnrolment();
  // The current screen (the enrolment screen, else the app) takes input and
  // time through these.
  void Tap(std::string_view id, int64_t now_ms, int64_t held_ms = 0);
  void Scan(std::string_view text, int64_t now_ms);
  base::Status Tick();
  bool Busy() const;
  int64_t NextTickMs() const;
  std::string ScreenName() const;
  // Draws and presents a frame if the view changed.
  base::Status Draw();
  void Handle(const InputEvent& e);
  // Hands the scanner's complete scans to the app (the UI thread's side of
  // its queue).
  void TakeScans();
  // Lets the app follow the clock and the printer; in scripts, waits (for
  // real) while a print is pending, so the next line sees its outcome.
  base::Status Settle();
  // While a script waits (Settle, await): up to wait_ms for display input;
  // quit, resize and a wedge scanner's keys are handled, taps dropped.
  void PumpScriptInput(int wait_ms);
  base::Status RunLine(const app::ScriptCommand& cmd, const std::string& screenshots_dir);
  base::Status TypeText(const app::ScriptCommand& cmd);
  // An expect (or await) line checked once against the current view.
  base::Status Expect(const app::ScriptCommand& cmd);

  RuntimeOptions options_;
  std::optional<config::KioskDir> dir_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<printer::EscposPrinter> printer_;
  std::unique_ptr<printing::PrintQueue> queue_;
  std::unique_ptr<LedgerDesk> deal_desk_;
  std::unique_ptr<PrintQueueDesk> print_desk_;
  std::unique_ptr<TillDesk> till_desk_;
  std::unique_ptr<SyncWiring> sync_;    // before app_, which uses its desk
  std::unique_ptr<app::KioskApp> app_;  // null until enrolled
  std::unique_ptr<EnrollWorker> enroll_desk_;
  std::unique_ptr<app::EnrollFlow> enroll_;  // the enrolment screen; null once enrolled
  std::unique_ptr<SdlDisplay> display_;
  std::unique_ptr<KioskView> view_;
  std::unique_ptr<ScannerInput> scanner_;
  KioskClock clock_;
  std::string printer_spec_;
  bool quit_ = false;
  bool first_frame_shown_ = false;  // "first frame shown" is logged once
  int64_t press_started_ms_ = 0;  // when the finger went down (long presses)
};

}  // namespace gb::shell
