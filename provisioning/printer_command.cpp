// groupbuy-provision printer list | status | test: what an installer needs to
// find a printer, see why it will not print, and print a test page.
#include <iostream>

#include "drivers/escpos/test_page.h"
#include "drivers/printer/open_printer.h"
#include "drivers/text/ttf_rasterizer.h"
#include "drivers/usb/usb_context.h"
#include "kiosk/voucher/codec.h"
#include "provisioning/command.h"

namespace gb::provisioning {
namespace {

struct PrinterArgs {
  std::string spec;
  std::string profile;
  std::string text;
};

// What to do about each reason, for the person at the printer.
std::string Hint(const std::string& reason) {
  if (reason == "no_device") return "is it plugged in and switched on? `printer list` shows what is found";
  if (reason == "busy") return "another program holds it; stop it (e.g. CUPS) and try again";
  if (reason == "no_permission") return "add the udev rule from docs/operations.md, or run as root";
  if (reason == "paper_out") return "load a new paper roll and close the cover";
  if (reason == "cover_open") return "close the printer's cover";
  if (reason == "offline") return "the printer is offline: check paper, cover and the power light";
  if (reason == "timeout") return "the printer does not answer: switch it off and on";
  if (reason == "unplugged") return "the cable came out: plug it back in";
  return "";
}

base::Status WithHint(base::Status s) {
  std::string hint = Hint(s.reason());
  return hint.empty() ? s : base::Status::Error(s.code(), s.reason(), s.message() + " (" + hint + ")");
}

// A voucher that verifies with no real key: what the test page's QR shows.
std::string SampleVoucherText() {
  std::array<uint8_t, 32> seed{};
  auto key = voucher::SigningKey::FromSeed(seed);
  voucher::Body body;
  body.key_id = 1;
  body.deal_id = 1;
  body.serial = 1;
  body.issued_at = 1767225600;
  body.price_minor = 100;
  return key.ok() ? voucher::Issue(body, *key) : std::string("GB1:TEST");
}

base::Result<std::unique_ptr<printer::EscposPrinter>> Open(const PrinterArgs& a) {
  GB_ASSIGN_OR_RETURN(printer::PrinterSpec spec, printer::ParsePrinterSpec(a.spec));
  return printer::OpenPrinter(spec, {a.profile});
}

base::Status Status(const PrinterArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(auto p, Open(a));
  auto r = p->Check();
  if (!r.ok()) return WithHint(r.status());
  out << p->Describe() << ": " << r->detail << "\n";
  if (!r->ready) {
    return WithHint(base::Status::Error(base::Code::kUnavailable, r->reason, "not ready: " + r->detail));
  }
  return base::Status::Ok();
}

base::Status Test(const PrinterArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(auto p, Open(a));
  auto before = p->Check();
  if (!before.ok()) return WithHint(before.status());
  if (!before->ready) {
    return WithHint(base::Status::Error(base::Code::kUnavailable, before->reason, before->detail));
  }
  GB_ASSIGN_OR_RETURN(auto rasterizer, text::TtfRasterizer::Create());
  escpos::Builder b(p->profile());
  GB_RETURN_IF_ERROR(escpos::AppendTestPage(b, *rasterizer, a.text.empty() ? SampleVoucherText() : a.text));
  GB_RETURN_IF_ERROR(WithHint(p->Print(b.bytes())));
  // A job sent is not a page printed: ask again.
  auto after = p->Check();
  if (!after.ok()) return WithHint(after.status());
  if (!after->ready) {
    return WithHint(base::Status::Error(base::Code::kUnavailable, after->reason,
                                        "the page may be incomplete: " + after->detail));
  }
  out << "test page printed on " << p->Describe() << " (" << p->profile().name << ", "
      << p->profile().width_dots << " dots)\n";
  return base::Status::Ok();
}

base::Status List(std::ostream& out) {
  GB_ASSIGN_OR_RETURN(std::shared_ptr<usb::UsbContext> ctx, usb::UsbContext::Create());
  auto printers = ctx->ListPrinters();
  if (printers.empty()) {
    out << "no USB printers found (a printer owned by the kernel's usblp driver can be used as "
           "file:/dev/usb/lp0)\n";
  }
  for (const auto& d : printers) {
    out << "usb:" << usb::ToString(d.id) << "  " << usb::Describe(d) << "  profile "
        << d.profile << "\n";
  }
  return base::Status::Ok();
}

void AddCommon(CLI::App* cmd, PrinterArgs& a) {
  cmd->add_option("--printer", a.spec, "png:DIR, usb, usb:VID:PID or file:PATH")->required();
  cmd->add_option("--profile", a.profile, "Printer model row (default: by USB id, else generic-80mm)");
}

}  // namespace

void RegisterPrinter(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("printer", "Find, check and test receipt printers");
  cmd->require_subcommand(1);
  auto a = std::make_shared<PrinterArgs>();

  auto* list = cmd->add_subcommand("list", "USB printers found, with model");
  list->callback([&action] { action = [](std::ostream& out) { return List(out); }; });

  auto* status = cmd->add_subcommand("status", "Ask a printer whether it can print");
  AddCommon(status, *a);
  status->callback([&action, a] { action = [a](std::ostream& out) { return Status(*a, out); }; });

  auto* test = cmd->add_subcommand("test", "Print a test page whose QR holds --text");
  AddCommon(test, *a);
  test->add_option("--text", a->text, "Text of the QR (default: a sample voucher)");
  test->callback([&action, a] { action = [a](std::ostream& out) { return Test(*a, out); }; });
}

}  // namespace gb::provisioning
