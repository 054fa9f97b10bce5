// Builder: accumulates the ESC/POS bytes of one print job. Pure: no I/O, no
// SDL, no libusb; the transport sends bytes() as they are.
//
// Usage:
//   Builder b(profile);
//   b.Initialize().SetAlign(Align::kCenter).SetBold(true).Text("TOTAL").Feed(1);
//   GB_RETURN_IF_ERROR(b.TextLine("Привет", rasterizer));
//   GB_RETURN_IF_ERROR(b.RasterQr(voucher_text));
//   b.Cut();
//
// Commands that printers only accept at the start of a line (GS v 0, GS ( k
// print, GS V) first end a pending text line with LF, so callers cannot
// produce a job a printer would silently ignore.
// Thread-compatible: one Builder per job.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "drivers/escpos/bitmap.h"
#include "drivers/escpos/printer_profile.h"
#include "drivers/escpos/text_rasterizer.h"

namespace gb::escpos {

enum class Align : std::uint8_t { kLeft = 0, kCenter = 1, kRight = 2 };
enum class CutKind { kPartial, kFull };

class Builder {
 public:
  explicit Builder(const PrinterProfile& profile) : profile_(profile) {}

  const PrinterProfile& profile() const { return profile_; }
  const std::vector<std::uint8_t>& bytes() const { return out_; }
  // What SetBold last set (ESC @ clears it).
  bool bold() const { return bold_; }
  // Moves the bytes out; the builder is empty afterwards.
  std::vector<std::uint8_t> Take();

  // ESC @: printer defaults (left, not bold, normal size).
  Builder& Initialize();
  // ESC a n. Applies to text and to raster images of the following lines.
  Builder& SetAlign(Align align);
  // ESC E n.
  Builder& SetBold(bool on);
  // GS ! n with magnification 1 or 2 in each direction.
  Builder& SetSize(bool double_width, bool double_height);
  // Resident-font text without a line end. Bytes outside 0x20..0x7E
  // (including '\n') are sent as '?': use Feed or TextLine to end lines and
  // TextLine for non-ASCII text.
  Builder& Text(std::string_view ascii);
  // ESC d n: prints the pending line and feeds n lines (clamped to 0..255).
  Builder& Feed(int lines);
  // The profile's cut bytes (a feed to the tear bar on printers without a
  // cutter), after ending a pending line.
  Builder& Cut(CutKind kind = CutKind::kPartial);
  // GS v 0 in bands of at most profile().quirks.max_raster_band_rows rows.
  // Images wider than the paper are cropped on the right. GS v 0 rows are
  // whole bytes, so a width that is not a multiple of 8 is padded with white:
  // on the left as well when centred or right-aligned, so that alignment
  // stays exact. Empty images send nothing.
  Builder& Raster(const Bitmap& image);

  // One line of text on a line of its own (a pending Text line is ended
  // first), ended by a line feed. Printable ASCII goes to the
  // resident font; any other text is drawn by the rasterizer at the
  // resident-font line pitch (scaled for the current size and bold) and sent
  // as a raster image, wrapped to the paper width (each wrapped line aligned
  // on its own, as text lines are). Fails only if the
  // rasterizer fails; nothing is appended then.
  base::Status TextLine(std::string_view utf8, const TextRasterizer& rasterizer);

  // Text of any script drawn by the rasterizer, px_height dots a line (bold
  // as set by SetBold; SetSize does not apply: px_height is the size),
  // wrapped to the paper width. For layouts that want one typeface for the
  // whole of a job rather than the resident font beside rasterised lines.
  // Fails only if the rasterizer fails; nothing is appended then.
  // REQUIRES: px_height >= 8.
  base::Status RasterText(std::string_view utf8, const TextRasterizer& rasterizer, int px_height);

  // A level M QR code drawn here and sent as a raster image (works on every
  // printer). Fails with the reasons of RenderQrForProfile.
  base::Status RasterQr(std::string_view text);

  // A level M QR code sent as GS ( k (model 2, module size, EC level, store,
  // print); the printer draws it. Fails with reason "native_qr_unsupported"
  // (kFailedPrecondition) if the profile lacks it, or as RasterQr for text
  // that cannot be encoded or would not fit the paper.
  base::Status NativeQr(std::string_view text);

 private:
  void EndLine();
  // Sends an image of text lines line_height rows each, one line per image,
  // each trimmed to its ink so that centring and right alignment apply to the
  // line as they would to text (the rasterizer left-aligns its lines).
  void RasterLines(const Bitmap& image, int line_height);
  void Put(std::initializer_list<std::uint8_t> bytes);

  PrinterProfile profile_;
  std::vector<std::uint8_t> out_;
  Align align_ = Align::kLeft;
  bool bold_ = false;
  bool double_width_ = false;
  bool double_height_ = false;
  bool line_open_ = false;  // Text sent since the last line end
};

}  // namespace gb::escpos
