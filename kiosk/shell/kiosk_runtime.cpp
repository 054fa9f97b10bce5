#include "kiosk/shell/kiosk_runtime.h"

#include <chrono>

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

base::Result<std::unique_ptr<KioskRuntime>> KioskRuntime::Start(const RuntimeOptions& options) {
  std::unique_ptr<KioskRuntime> rt(new KioskRuntime());
  GB_ASSIGN_OR_RETURN(config::KioskDir dir, config::KioskDir::Open(options.dir));
  rt->dir_.emplace(std::move(dir));
  const config::KioskSettings& settings = rt->dir_->settings();
  GB_ASSIGN_OR_RETURN(ledger::Identity identity, rt->dir_->LoadIdentity());
  // The print worker reads and prints only: it never holds the signing key.
  const ledger::Identity worker_identity = identity.WithoutKey();
  GB_ASSIGN_OR_RETURN(ledger::Ledger ledger,
                      ledger::Ledger::Open(rt->dir_->ledger_path(), std::move(identity)));
  rt->ledger_ = std::make_unique<ledger::Ledger>(std::move(ledger));

  rt->printer_spec_ = options.printer.empty() ? settings.printer : options.printer;
  if (rt->printer_spec_.empty()) rt->printer_spec_ = "png:" + options.dir + "/printer";
  GB_ASSIGN_OR_RETURN(printer::PrinterSpec spec, printer::ParsePrinterSpec(rt->printer_spec_));
  GB_ASSIGN_OR_RETURN(rt->printer_, printer::OpenPrinter(spec));
  GB_ASSIGN_OR_RETURN(std::unique_ptr<printing::JobRenderer> renderer,
                      printing::JobRenderer::Create(
                          receipts::Store{settings.store_name, settings.utc_offset_minutes}));
  printing::PrintQueueOptions qopts;
  KioskClock* clock = &rt->clock_;
  qopts.now = [clock] { return clock->NowMs() / 1000; };
  GB_ASSIGN_OR_RETURN(rt->queue_,
                      printing::PrintQueue::Start(rt->dir_->ledger_path(), worker_identity,
                                                  *rt->printer_, std::move(renderer), qopts));

  // With a server block the store lends this kiosk seats of capped deals;
  // without one (standalone) the cap is checked on this kiosk's own tally.
  rt->deal_desk_ = std::make_unique<LedgerDesk>(*rt->ledger_, settings.server.has_value());
  GB_ASSIGN_OR_RETURN(rt->sync_, SyncWiring::Start(*rt->dir_, worker_identity, *rt->deal_desk_,
                                                   [clock] { return clock->NowMs() / 1000; }));
  rt->print_desk_ = std::make_unique<PrintQueueDesk>(*rt->ledger_, *rt->queue_);
  app::AppOptions aopts;
  if (options.lang) {
    aopts.lang = *options.lang;
  } else if (base::Result<i18n::Lang> l = i18n::ParseLang(settings.language); l.ok()) {
    aopts.lang = *l;
  }
  aopts.country = settings.country;
  aopts.utc_offset_minutes = settings.utc_offset_minutes;
  aopts.till_mode = options.till_mode;
  // Staff mode's till: this kiosk's own vouchers, redeemed "at" the store.
  till::TillConfig tconfig{settings.kiosk_id, settings.store_name, settings.utc_offset_minutes, ""};
  if (tconfig.place.empty()) tconfig.place = settings.kiosk_id;
  GB_ASSIGN_OR_RETURN(rt->till_desk_, TillDesk::Create(*rt->ledger_, std::move(tconfig),
                                                          rt->sync_.get()));
  rt->app_ = std::make_unique<app::KioskApp>(rt->sync_->desk(), *rt->print_desk_, aopts,
                                             rt->till_desk_.get());

  GB_ASSIGN_OR_RETURN(rt->display_, SdlDisplay::Open(options.display));
  GB_ASSIGN_OR_RETURN(rt->view_, KioskView::Create(rt->display_->size(), options.dir + "/images"));
  GB_ASSIGN_OR_RETURN(ScannerChoice scanner, ParseScannerOption(options.scanner));
  ScannerInput::Options sopts;
  sopts.choice = scanner;
  GB_ASSIGN_OR_RETURN(rt->scanner_, ScannerInput::Start(std::move(sopts)));
  rt->app_->Start(rt->clock_.NowMs());
  GB_RETURN_IF_ERROR(rt->Draw());
  return rt;
}

std::string KioskRuntime::Describe() const {
  const ui::Size s = view_->size();
  return "video " + display_->driver() + " " + std::to_string(s.width) + "x" +
         std::to_string(s.height) + ", printer " + printer_spec_ + ", " + scanner_->Describe();
}

base::Status KioskRuntime::Draw() {
  GB_ASSIGN_OR_RETURN(bool drawn, view_->Render(*app_));
  if (drawn) GB_RETURN_IF_ERROR(display_->Present(view_->canvas().surface()));
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
        app_->Tap(pressed, now, now - press_started_ms_);
      }
      return;
    }
  }
}

void KioskRuntime::TakeScans() {
  for (const std::string& text : scanner_->TakeScans()) app_->Scan(text, clock_.NowMs());
}

base::Status KioskRuntime::RunInteractive() {
  while (!quit_) {
    GB_RETURN_IF_ERROR(Draw());
    const int64_t wait = app_->NextTickMs() - clock_.NowMs();
    // A USB scan makes no display event to wake us: look every 50 ms.
    const int64_t longest = scanner_->needs_polling() ? 50 : 1000;
    const int timeout = static_cast<int>(std::clamp<int64_t>(wait, 1, longest));
    if (std::optional<InputEvent> e = display_->Next(timeout)) {
      Handle(*e);
      while (std::optional<InputEvent> more = display_->Next(0)) Handle(*more);
    }
    TakeScans();
    app_->Tick(clock_.NowMs());
  }
  return base::Status::Ok();
}

}  // namespace gb::shell
