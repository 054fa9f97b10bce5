#include "drivers/escpos/qr.h"

#include <algorithm>

#include <qrencode.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

namespace gb::escpos {
namespace {

struct QrInputFree {
  void operator()(QRinput* p) const { QRinput_free(p); }
};
struct QrCodeFree {
  void operator()(QRcode* p) const { QRcode_free(p); }
};

QRecLevel ToLibLevel(QrEcLevel level) {
  switch (level) {
    case QrEcLevel::kL:
      return QR_ECLEVEL_L;
    case QrEcLevel::kM:
      return QR_ECLEVEL_M;
    case QrEcLevel::kQ:
      return QR_ECLEVEL_Q;
    case QrEcLevel::kH:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

// The one place where libqrencode's errno convention becomes a Status.
base::Status QrError(int err, std::string_view op, std::size_t length) {
  std::string what = std::string(op) + " (" + std::to_string(length) + " bytes): ";
  if (err == ERANGE) {
    return base::Status::InvalidArgument(
        "qr_too_long", what + "text exceeds the capacity of a version 40 QR code");
  }
  if (err == ENOMEM) return base::Status::ResourceExhausted("qr_failed", what + "out of memory");
  return base::Status::Internal("qr_failed", what + std::strerror(err));
}

}  // namespace

bool IsQrAlphanumeric(std::string_view text) {
  constexpr std::string_view kSet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  for (char c : text) {
    if (kSet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

base::Result<Bitmap> EncodeQrModules(std::string_view text, QrEcLevel level) {
  if (text.empty()) return base::Status::InvalidArgument("qr_empty", "QR text is empty");
  // Version 40 holds at most 7089 digits; longer text cannot fit in any mode,
  // and the check keeps the int conversion below safe.
  if (text.size() > 7089) return QrError(ERANGE, "EncodeQrModules", text.size());
  // Version 0 lets libqrencode pick the smallest version that fits.
  std::unique_ptr<QRinput, QrInputFree> input(QRinput_new2(0, ToLibLevel(level)));
  if (!input) return QrError(errno, "QRinput_new2", text.size());
  const QRencodeMode mode = IsQrAlphanumeric(text) ? QR_MODE_AN : QR_MODE_8;
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  if (QRinput_append(input.get(), mode, static_cast<int>(text.size()), data) != 0) {
    return QrError(errno, "QRinput_append", text.size());
  }
  std::unique_ptr<QRcode, QrCodeFree> code(QRcode_encodeInput(input.get()));
  if (!code) return QrError(errno, "QRcode_encodeInput", text.size());

  const int n = code->width;
  Bitmap modules(n, n);
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      // libqrencode: bit 0 of each byte is the module colour (1 = dark).
      if ((code->data[y * n + x] & 1) != 0) modules.Set(x, y, true);
    }
  }
  return modules;
}

Bitmap RasterizeQr(const Bitmap& modules, int module_dots) {
  module_dots = std::max(module_dots, 1);
  const int quiet = kQrQuietZoneModules * module_dots;
  Bitmap out(modules.width() * module_dots + 2 * quiet,
             modules.height() * module_dots + 2 * quiet);
  // Every dot row of a module row is the same: draw the first, copy the rest.
  // This runs once per receipt, so it avoids per-dot work.
  for (int my = 0; my < modules.height(); ++my) {
    const int y0 = quiet + my * module_dots;
    for (int mx = 0; mx < modules.width(); ++mx) {
      if (modules.Get(mx, my)) out.FillRect(quiet + mx * module_dots, y0, module_dots, 1, true);
    }
    const auto first = out.Row(y0);
    for (int k = 1; k < module_dots; ++k) {
      auto row = out.MutableRow(y0 + k);
      std::copy(first.begin(), first.end(), row.begin());
    }
  }
  return out;
}

int PreferredQrModuleDots(const PrinterProfile& profile) {
  constexpr double kModuleMm = 0.5;
  const int dots = static_cast<int>(std::lround(kModuleMm * profile.dpi / 25.4));
  return dots < 1 ? 1 : dots;
}

base::Result<int> FitQrModuleDots(int symbol_modules, const PrinterProfile& profile) {
  const int total_modules = symbol_modules + 2 * kQrQuietZoneModules;
  int dots = PreferredQrModuleDots(profile);
  while (dots > kMinQrModuleDots && total_modules * dots > profile.width_dots) --dots;
  if (total_modules * dots > profile.width_dots) {
    return base::Status::InvalidArgument(
        "qr_too_wide", "QR code of " + std::to_string(symbol_modules) + " modules does not fit " +
                           std::to_string(profile.width_dots) + " dots at " +
                           std::to_string(kMinQrModuleDots) + " dots per module");
  }
  return dots;
}

base::Result<Bitmap> RenderQrForProfile(std::string_view text, const PrinterProfile& profile) {
  GB_ASSIGN_OR_RETURN(Bitmap modules, EncodeQrModules(text, QrEcLevel::kM));
  GB_ASSIGN_OR_RETURN(int dots, FitQrModuleDots(modules.width(), profile));
  return RasterizeQr(modules, dots);
}

}  // namespace gb::escpos
