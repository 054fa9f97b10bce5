#include "provisioning/printer_job.h"

#include "drivers/printer/open_printer.h"

namespace gb::provisioning {

std::string PrinterHint(const std::string& reason) {
  if (reason == "no_device")
    return "is it plugged in and switched on? `printer list` shows what is found";
  if (reason == "busy") return "another program holds it; stop it (e.g. CUPS) and try again";
  if (reason == "no_permission") return "add the udev rule from docs/operations.md, or run as root";
  if (reason == "paper_out") return "load a new paper roll and close the cover";
  if (reason == "cover_open") return "close the printer's cover";
  if (reason == "offline") return "the printer is offline: check paper, cover and the power light";
  if (reason == "timeout") return "the printer does not answer: switch it off and on";
  if (reason == "unplugged") return "the cable came out: plug it back in";
  return "";
}

base::Status WithPrinterHint(base::Status s) {
  std::string hint = PrinterHint(s.reason());
  return hint.empty() ? s
                      : base::Status::Error(s.code(), s.reason(), s.message() + " (" + hint + ")");
}

base::Result<std::unique_ptr<printer::EscposPrinter>> OpenSpecPrinter(const std::string& spec,
                                                                      const std::string& profile) {
  GB_ASSIGN_OR_RETURN(printer::PrinterSpec parsed, printer::ParsePrinterSpec(spec));
  return printer::OpenPrinter(parsed, {profile});
}

base::Result<std::string> PrintJob(const std::string& spec, const std::string& profile,
                                   const std::function<base::Status(escpos::Builder&)>& fill) {
  GB_ASSIGN_OR_RETURN(auto p, OpenSpecPrinter(spec, profile));
  auto before = p->Check();
  if (!before.ok()) return WithPrinterHint(before.status());
  if (!before->ready) {
    return WithPrinterHint(
        base::Status::Error(base::Code::kUnavailable, before->reason, before->detail));
  }
  escpos::Builder b(p->profile());
  GB_RETURN_IF_ERROR(fill(b));
  GB_RETURN_IF_ERROR(WithPrinterHint(p->Print(b.bytes())));
  auto after = p->Check();
  if (!after.ok()) return WithPrinterHint(after.status());
  if (!after->ready) {
    return WithPrinterHint(base::Status::Error(base::Code::kUnavailable, after->reason,
                                               "the page may be incomplete: " + after->detail));
  }
  return p->Describe() + " (" + std::string(p->profile().name) + ", " +
         std::to_string(p->profile().width_dots) + " dots)";
}

}  // namespace gb::provisioning
