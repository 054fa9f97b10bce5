#include "drivers/virtual/png_printer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "core/base/file_util.h"
#include "drivers/virtual/gray_image.h"
#include "drivers/virtual/png_codec.h"

namespace gb::virtual_printer {
namespace {

constexpr int kMaxJobNumber = 9999;

// "0042" from "0042.png" or "0042.escpos"; -1 for any other name.
int JobNumberOf(const std::string& name) {
  const std::size_t dot = name.find('.');
  if (dot != 4) return -1;
  const std::string_view ext = std::string_view(name).substr(dot);
  if (ext != ".png" && ext != ".escpos") return -1;
  int n = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (name[i] < '0' || name[i] > '9') return -1;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

std::string JobPath(const std::string& dir, int number, std::string_view ext) {
  char name[16];
  std::snprintf(name, sizeof name, "%04d", number);
  return dir + "/" + name + std::string(ext);
}

}  // namespace

base::Result<PngPrinter> PngPrinter::Create(std::string dir,
                                            const escpos::PrinterProfile& profile) {
  GB_RETURN_IF_ERROR(base::MakeDirs(dir, 0755));
  return PngPrinter(std::move(dir), profile);
}

base::Result<int> PngPrinter::NextNumber() const {
  int highest = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    highest = std::max(highest, JobNumberOf(entry.path().filename().string()));
  }
  if (ec) return base::ErrnoStatus("list", dir_, ec.value());
  if (highest >= kMaxJobNumber) {
    return base::Status::ResourceExhausted(
        "job_numbers_exhausted", dir_ + " already holds job " + std::to_string(kMaxJobNumber));
  }
  return highest + 1;
}

base::Result<JobReport> PngPrinter::Print(std::span<const std::uint8_t> job) {
  Rendering rendering = Interpreter(profile_).Run(job);
  GB_ASSIGN_OR_RETURN(std::string png,
                      EncodePng(ComposeJobImage(rendering.pages, profile_.width_dots)));

  GB_ASSIGN_OR_RETURN(int number, NextNumber());
  JobReport report;
  report.number = number;
  report.escpos_path = JobPath(dir_, number, ".escpos");
  report.png_path = JobPath(dir_, number, ".png");
  report.pages = static_cast<int>(rendering.pages.size());
  report.diagnostics = std::move(rendering.diagnostics);
  // The raw bytes first: if the PNG cannot be written, the job is still on record.
  const std::string_view raw(reinterpret_cast<const char*>(job.data()), job.size());
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(report.escpos_path, raw, 0644, base::Overwrite::kNo));
  GB_RETURN_IF_ERROR(base::WriteFileAtomic(report.png_path, png, 0644, base::Overwrite::kNo));
  return report;
}

}  // namespace gb::virtual_printer
