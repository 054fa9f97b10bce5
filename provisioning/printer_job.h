// One print job on a receipt printer named by a spec, as the installer's
// commands print them (printer test, enroll-code --printer): the printer is
// asked whether it is ready before and after, and every failure carries a
// hint for the person at the printer ("load a new paper roll ...").
#pragma once

#include <functional>
#include <string>

#include "core/base/result.h"
#include "drivers/escpos/builder.h"
#include "drivers/printer/escpos_printer.h"

namespace gb::provisioning {

// What to do about a printer's reason, or "" when there is nothing to say.
std::string PrinterHint(const std::string& reason);
// `s` with PrinterHint(s.reason()) appended to its message.
base::Status WithPrinterHint(base::Status s);

// Opens `spec` (png:DIR, usb, usb:VID:PID, file:PATH) with `profile` (empty:
// by USB id, else generic-80mm).
base::Result<std::unique_ptr<printer::EscposPrinter>> OpenSpecPrinter(const std::string& spec,
                                                                      const std::string& profile);

// Checks the printer is ready, lets `fill` build the job, prints it and asks
// again (a job sent is not a page printed). Returns the printer's
// description and profile, for the command's message.
base::Result<std::string> PrintJob(const std::string& spec, const std::string& profile,
                                   const std::function<base::Status(escpos::Builder&)>& fill);

}  // namespace gb::provisioning
