#include "drivers/virtual/qr_symbol_store.h"

#include <string_view>

#include "drivers/escpos/commands.h"

namespace gb::virtual_printer {
namespace cmd = escpos::cmd;

QrSymbolStore::Outcome QrSymbolStore::Apply(std::span<const std::uint8_t> p) {
  if (p.size() < 2 || p[0] != cmd::kQrCn) {
    return {{}, "GS ( k: unsupported 2D symbol (only QR, cn 49, is emulated)"};
  }
  switch (p[1]) {
    case cmd::kQrModel:
      // Model 1 and micro QR differ in structure; drawing model 2 instead
      // would hide a builder bug, so say so.
      if (p.size() != 4 || p[2] != 50) return {{}, "GS ( k: only QR model 2 is emulated"};
      return {};
    case cmd::kQrModuleSize:
      if (p.size() != 3 || p[2] < 1 || p[2] > 16) return {{}, "GS ( k: bad QR module size"};
      module_dots_ = p[2];
      return {};
    case cmd::kQrEcLevel:
      if (p.size() != 3 || p[2] < 48 || p[2] > 51) {
        return {{}, "GS ( k: bad QR error correction level"};
      }
      level_ = static_cast<escpos::QrEcLevel>(p[2] - 48);
      return {};
    case cmd::kQrStore:
      if (p.size() < 3 || p[2] != 48) return {{}, "GS ( k: bad QR store command"};
      data_.assign(p.begin() + 3, p.end());
      return {};
    case cmd::kQrPrint: {
      const std::string_view text(reinterpret_cast<const char*>(data_.data()), data_.size());
      auto modules = escpos::EncodeQrModules(text, level_);
      if (!modules.ok()) return {{}, "GS ( k print: " + modules.status().ToString()};
      return {escpos::RasterizeQr(*modules, module_dots_), ""};
    }
    case cmd::kQrSizeInfo:  // asks the printer for the symbol size: no ink
      return {};
    default:
      return {{}, "GS ( k: unsupported QR function"};
  }
}

}  // namespace gb::virtual_printer
