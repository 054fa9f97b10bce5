// ESC/POS protocol constants shared by the builder and the virtual printer.
// docs/printing.md describes each command and the subset this project uses.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gb::escpos::cmd {

inline constexpr std::uint8_t kLf = 0x0A;   // print the line buffer and feed one line
inline constexpr std::uint8_t kCr = 0x0D;   // ignored by printers in USB mode
inline constexpr std::uint8_t kDle = 0x10;  // DLE EOT n: real-time status request
inline constexpr std::uint8_t kEot = 0x04;
inline constexpr std::uint8_t kEsc = 0x1B;
inline constexpr std::uint8_t kGs = 0x1D;

// Second bytes after ESC.
inline constexpr std::uint8_t kEscInit = '@';            // ESC @
inline constexpr std::uint8_t kEscAlign = 'a';           // ESC a n (0 left, 1 center, 2 right)
inline constexpr std::uint8_t kEscBold = 'E';            // ESC E n (bit 0)
inline constexpr std::uint8_t kEscFeedLines = 'd';       // ESC d n
inline constexpr std::uint8_t kEscModes = '!';           // ESC ! n
inline constexpr std::uint8_t kEscSpacingDefault = '2';  // ESC 2
inline constexpr std::uint8_t kEscSpacing = '3';         // ESC 3 n
inline constexpr std::uint8_t kEscFeedDots = 'J';        // ESC J n

// Second bytes after GS.
inline constexpr std::uint8_t kGsSize = '!';     // GS ! n (high nibble width, low height)
inline constexpr std::uint8_t kGsCut = 'V';      // GS V m [n]
inline constexpr std::uint8_t kGsRaster = 'v';   // GS v 0 m xL xH yL yH d...
inline constexpr std::uint8_t kGsParen = '(';    // GS ( fn pL pH ...
inline constexpr std::uint8_t kGsParen2d = 'k';  // GS ( k: 2D symbols

// GS ( k, cn = 49 (QR Code) functions: the byte after cn.
inline constexpr std::uint8_t kQrCn = 49;
inline constexpr std::uint8_t kQrModel = 65;       // fn 165: n1 (49/50/51), n2
inline constexpr std::uint8_t kQrModuleSize = 67;  // fn 167: n (1..16)
inline constexpr std::uint8_t kQrEcLevel = 69;     // fn 169: n (48 L, 49 M, 50 Q, 51 H)
inline constexpr std::uint8_t kQrStore = 80;       // fn 180: m = 48, then data
inline constexpr std::uint8_t kQrPrint = 81;       // fn 181: m = 48
inline constexpr std::uint8_t kQrSizeInfo = 82;    // fn 182: asks the printer; no ink

// Line pitch of font A (12 x 24 dots) with the default spacing, in dots. The
// builder draws host-rasterised lines at the same pitch so mixed scripts line
// up with resident-font lines.
inline constexpr int kFontAWidth = 12;
inline constexpr int kFontAHeight = 24;
inline constexpr int kDefaultLinePitch = 30;

// The longest QR payload the printers accept (version 40, numeric).
inline constexpr std::size_t kMaxNativeQrBytes = 7089;

}  // namespace gb::escpos::cmd
