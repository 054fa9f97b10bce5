#include "kiosk/shell/kiosk_runtime.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "core/base/log.h"
#include "drivers/printer/open_printer.h"
#include "kiosk/printing/job_renderer.h"

namespace gb::shell {

int64_t KioskClock::NowMs() const {
  const auto real = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return real.count() + offset_ms_.load();
}

KioskRuntime::~KioskRuntime() {
  // The worker first: it reads the clock and its own ledger connection.
  queue_.reset();
}

namespace {

// A kiosk with no identity has no kiosk.json (init-kiosk and enrolment write
// it last but one, before the ledger is opened).
bool NeedsEnrolment(const std::string& dir) {
  std::error_code ec;
  return !std::filesystem::exists(dir + "/kiosk.json", ec) && !ec;
}

}  // namespace

base::Result<std::unique_ptr<KioskRuntime>> KioskRuntime::Start(const RuntimeOptions& options) {
  std::unique_ptr<KioskRuntime> rt(new KioskRuntime());
  rt->options_ = options;
  const bool enrol = NeedsEnrolment(options.dir);
  if (!enrol) GB_RETURN_IF_ERROR(rt->OpenShop());
  GB_ASSIGN_OR_RETURN(rt->display_, SdlDisplay::Open(options.display));
  GB_ASSIGN_OR_RETURN(rt->view_, KioskView::Create(rt->display_->size(), options.dir + "/images"));
  GB_ASSIGN_OR_RETURN(ScannerChoice scanner, ParseScannerOption(options.scanner));
  ScannerInput::Options sopts;
  sopts.choice = scanner;
  GB_ASSIGN_OR_RETURN(rt->scanner_, ScannerInput::Start(std::move(sopts)));
  if (enrol) {
    config::InitOptions init;
    init.printer = options.printer;  // empty: png:KDIR/printer
    KioskClock* clock = &rt->clock_;
    rt->enroll_desk_ = std::make_unique<EnrollWorker>(options.dir, std::move(init),
                                                      [clock] { return clock->NowMs() / 1000; });
    rt->enroll_ = std::make_unique<app::EnrollFlow>(*rt->enroll_desk_,
                                                    options.lang.value_or(i18n::Lang::kEn));
  } else {
    rt->app_->Start(rt->clock_.NowMs());
  }
  GB_RETURN_IF_ERROR(rt->Draw());
  return rt;
}

base::Status KioskRuntime::OpenShop() {
  GB_ASSIGN_OR_RETURN(config::KioskDir dir, config::KioskDir::Open(options_.dir));
  dir_.emplace(std::move(dir));
  const config::KioskSettings& settings = dir_->settings();
  GB_ASSIGN_OR_RETURN(ledger::Identity identity, dir_->LoadIdentity());
  // The print worker reads and prints only: it never holds the signing key.
  const ledger::Identity worker_identity = identity.WithoutKey();
  GB_ASSIGN_OR_RETURN(ledger::Ledger ledger,
                      ledger::Ledger::Open(dir_->ledger_path(), std::move(identity)));
  ledger_ = std::make_unique<ledger::Ledger>(std::move(ledger));

  printer_spec_ = options_.printer.empty() ? settings.printer : options_.printer;
  if (printer_spec_.empty()) printer_spec_ = "png:" + options_.dir + "/printer";
  GB_ASSIGN_OR_RETURN(printer::PrinterSpec spec, printer::ParsePrinterSpec(printer_spec_));
  GB_ASSIGN_OR_RETURN(printer_, printer::OpenPrinter(spec));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<printing::JobRenderer> renderer,
                      printing::JobRenderer::Create(
                          receipts::Store{settings.store_name, settings.utc_offset_minutes}));
  printing::PrintQueueOptions qopts;
  KioskClock* clock = &clock_;
  qopts.now = [clock] { return clock->NowMs() / 1000; };
  GB_ASSIGN_OR_RETURN(queue_, printing::PrintQueue::Start(dir_->ledger_path(), worker_identity,
                                                          *printer_, std::move(renderer), qopts));

  // With a server block the store lends this kiosk seats of capped deals;
  // without one (standalone) the cap is checked on this kiosk's own tally.
  deal_desk_ = std::make_unique<LedgerDesk>(*ledger_, settings.server.has_value());
  GB_ASSIGN_OR_RETURN(sync_, SyncWiring::Start(*dir_, worker_identity, *deal_desk_,
                                               [clock] { return clock->NowMs() / 1000; }));
  print_desk_ = std::make_unique<PrintQueueDesk>(*ledger_, *queue_);
  app::AppOptions aopts;
  if (options_.lang) {
    aopts.lang = *options_.lang;
  } else if (base::Result<i18n::Lang> l = i18n::ParseLang(settings.language); l.ok()) {
    aopts.lang = *l;
  }
  aopts.country = settings.country;
  aopts.utc_offset_minutes = settings.utc_offset_minutes;
  aopts.till_mode = options_.till_mode;
  // Staff mode's till: this kiosk's own vouchers, redeemed "at" the store.
  till::TillConfig tconfig{settings.kiosk_id, settings.store_name, settings.utc_offset_minutes, ""};
  if (tconfig.place.empty()) tconfig.place = settings.kiosk_id;
  GB_ASSIGN_OR_RETURN(till_desk_, TillDesk::Create(*ledger_, std::move(tconfig), sync_.get()));
  app_ = std::make_unique<app::KioskApp>(sync_->desk(), *print_desk_, aopts, till_desk_.get());

  return base::Status::Ok();
}

base::Status KioskRuntime::FinishEnrolment() {
  enroll_.reset();
  enroll_desk_.reset();
  GB_RETURN_IF_ERROR(OpenShop());
  app_->Start(clock_.NowMs());
  view_->SetPressed("");
  view_->Invalidate();
  base::LogInfo("groupbuy-kiosk: " + Describe());
  return Draw();
}

std::string KioskRuntime::Describe() const {
  const ui::Size s = view_->size();
  if (enroll_) {
    return "video " + display_->driver() + " " + std::to_string(s.width) + "x" +
           std::to_string(s.height) + ", no identity yet: the enrolment screen, " +
           scanner_->Describe();
  }
  return "video " + display_->driver() + " " + std::to_string(s.width) + "x" +
         std::to_string(s.height) + ", printer " + printer_spec_ + ", " + scanner_->Describe();
}

void KioskRuntime::Tap(std::string_view id, int64_t now_ms, int64_t held_ms) {
  if (enroll_) {
    enroll_->Tap(id);
  } else {
    app_->Tap(id, now_ms, held_ms);
  }
}

void KioskRuntime::Scan(std::string_view text, int64_t now_ms) {
  if (enroll_) {
    enroll_->Scan(text);
  } else {
    app_->Scan(text, now_ms);
  }
}

base::Status KioskRuntime::Tick() {
  if (!enroll_) {
    app_->Tick(clock_.NowMs());
    return base::Status::Ok();
  }
  enroll_->Tick();
  return enroll_->enrolled() ? FinishEnrolment() : base::Status::Ok();
}

bool KioskRuntime::Busy() const { return enroll_ ? enroll_->Busy() : app_->Busy(); }

int64_t KioskRuntime::NextTickMs() const {
  // While the store is being asked, look for its answer every 50 ms.
  if (enroll_) return clock_.NowMs() + (enroll_->Busy() ? 50 : 1000);
  return app_->NextTickMs();
}

std::string KioskRuntime::ScreenName() const {
  return enroll_ ? "enroll" : std::string(app::ScreenName(app_->view().screen));
}

base::Status KioskRuntime::Draw() {
  GB_ASSIGN_OR_RETURN(bool drawn, enroll_ ? view_->Render(*enroll_) : view_->Render(*app_));
  if (drawn) GB_RETURN_IF_ERROR(display_->Present(view_->canvas().surface()));
  // For the installer (how long a restart leaves the screen dark) and for
  // make bench, which times a cold start by this line.
  if (drawn && !first_frame_shown_) {
    first_frame_shown_ = true;
    base::LogInfo("groupbuy-kiosk: first frame shown");
  }
  return base::Status::Ok();
}

void KioskRuntime::Handle(const InputEvent& e) {
  switch (e.kind) {
    case InputEvent::Kind::kQuit:
      quit_ = true;
      return;
    case InputEvent::Kind::kResized:
      if (base::Status s = view_->Resize(e.size); !s.ok()) quit_ = true;
      return;
    case InputEvent::Kind::kText:
      scanner_->OnWedgeText(e.text, e.t_ms);
      return;
    case InputEvent::Kind::kEnter:
      scanner_->OnWedgeEnter(e.t_ms);
      return;
    case InputEvent::Kind::kPress:
      view_->SetPressed(view_->HitTestId(e.at).value_or(""));
      press_started_ms_ = clock_.NowMs();
      return;
    case InputEvent::Kind::kRelease: {
      // A tap acts on release, on the widget it started on, as phones do:
      // sliding off a button cancels it.
      const std::string pressed = view_->pressed();
      view_->SetPressed("");
      if (!pressed.empty() && view_->HitTestId(e.at) == pressed) {
        const int64_t now = clock_.NowMs();
        Tap(pressed, now, now - press_started_ms_);
      }
      return;
    }
  }
}

void KioskRuntime::TakeScans() {
  for (const std::string& text : scanner_->TakeScans()) Scan(text, clock_.NowMs());
}

base::Status KioskRuntime::RunInteractive() {
  while (!quit_) {
    GB_RETURN_IF_ERROR(Draw());
    const int64_t wait = NextTickMs() - clock_.NowMs();
    // A USB scan makes no display event to wake us: look every 50 ms.
    const int64_t longest = scanner_->needs_polling() ? 50 : 1000;
    const int timeout = static_cast<int>(std::clamp<int64_t>(wait, 1, longest));
    if (std::optional<InputEvent> e = display_->Next(timeout)) {
      Handle(*e);
      while (std::optional<InputEvent> more = display_->Next(0)) Handle(*more);
    }
    TakeScans();
    GB_RETURN_IF_ERROR(Tick());
  }
  return base::Status::Ok();
}

}  // namespace gb::shell
