// groupbuy-provision printer list | status | test: what an installer needs to
// find a printer, see why it will not print, and print a test page.
#include <cstdio>
#include <iostream>

#include "core/voucher/codec.h"
#include "drivers/escpos/test_page.h"
#include "drivers/printer/open_printer.h"
#include "drivers/text/ttf_rasterizer.h"
#include "drivers/usb/usb_context.h"
#include "provisioning/command.h"
#include "provisioning/printer_job.h"

namespace gb::provisioning {
namespace {

struct PrinterArgs {
  std::string spec;
  std::string profile;
  std::string text;
};

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

base::Status Status(const PrinterArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(auto p, OpenSpecPrinter(a.spec, a.profile));
  auto r = p->Check();
  if (!r.ok()) return WithPrinterHint(r.status());
  out << p->Describe() << ": " << r->detail << "\n";
  if (!r->ready) {
    return WithPrinterHint(base::Status::Error(base::Code::kUnavailable, r->reason, "not ready: " + r->detail));
  }
  return base::Status::Ok();
}

base::Status Test(const PrinterArgs& a, std::ostream& out) {
  GB_ASSIGN_OR_RETURN(auto rasterizer, text::TtfRasterizer::Create());
  GB_ASSIGN_OR_RETURN(std::string printed,
                      PrintJob(a.spec, a.profile, [&](escpos::Builder& b) {
                        return escpos::AppendTestPage(
                            b, *rasterizer, a.text.empty() ? SampleVoucherText() : a.text);
                      }));
  out << "test page printed on " << printed << "\n";
  return base::Status::Ok();
}

// Present but refused (LIBUSB_ERROR_ACCESS): the one thing an installer
// must change is the udev rule or the user's groups, so say which.
std::string InaccessibleHint(const usb::UsbDeviceInfo& d) {
  char node[32];
  std::snprintf(node, sizeof node, "/dev/bus/usb/%03u/%03u", d.bus, d.address);
  return "  present but not accessible (no_permission): this user may not open " +
         std::string(node) +
         "; install the udev rule 70-groupbuy.rules (the groupbuy-kiosk package puts it in "
         "/lib/udev/rules.d; docs/printing.md, \"Permissions\"), add the user to the "
         "group plugdev, then replug the printer";
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
    if (!d.accessible) out << InaccessibleHint(d) << "\n";
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
