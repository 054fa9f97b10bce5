#include "drivers/escpos/builder.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>

#include "drivers/escpos/commands.h"
#include "drivers/escpos/qr.h"

namespace gb::escpos {
namespace {

std::uint8_t Lo(std::size_t v) { return static_cast<std::uint8_t>(v & 0xFF); }
std::uint8_t Hi(std::size_t v) { return static_cast<std::uint8_t>((v >> 8) & 0xFF); }

bool IsPrintableAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

}  // namespace

std::vector<std::uint8_t> Builder::Take() {
  std::vector<std::uint8_t> out = std::move(out_);
  out_.clear();
  line_open_ = false;
  return out;
}

void Builder::Put(std::initializer_list<std::uint8_t> bytes) {
  out_.insert(out_.end(), bytes.begin(), bytes.end());
}

void Builder::EndLine() {
  if (!line_open_) return;
  out_.push_back(cmd::kLf);
  line_open_ = false;
}

Builder& Builder::Initialize() {
  Put({cmd::kEsc, cmd::kEscInit});
  // ESC @ also clears the printer's line buffer, so no line is open after it.
  align_ = Align::kLeft;
  bold_ = double_width_ = double_height_ = line_open_ = false;
  return *this;
}

Builder& Builder::SetAlign(Align align) {
  Put({cmd::kEsc, cmd::kEscAlign, static_cast<std::uint8_t>(align)});
  align_ = align;
  return *this;
}

Builder& Builder::SetBold(bool on) {
  Put({cmd::kEsc, cmd::kEscBold, static_cast<std::uint8_t>(on ? 1 : 0)});
  bold_ = on;
  return *this;
}

Builder& Builder::SetSize(bool double_width, bool double_height) {
  const auto n = static_cast<std::uint8_t>((double_width ? 0x10 : 0) | (double_height ? 0x01 : 0));
  Put({cmd::kGs, cmd::kGsSize, n});
  double_width_ = double_width;
  double_height_ = double_height;
  return *this;
}

Builder& Builder::Text(std::string_view ascii) {
  for (char c : ascii) {
    // Control bytes inside text would be parsed as commands by the printer.
    out_.push_back(c >= 0x20 && c <= 0x7E ? static_cast<std::uint8_t>(c) : std::uint8_t{'?'});
  }
  if (!ascii.empty()) line_open_ = true;
  return *this;
}

Builder& Builder::Feed(int lines) {
  Put({cmd::kEsc, cmd::kEscFeedLines, static_cast<std::uint8_t>(std::clamp(lines, 0, 255))});
  line_open_ = false;
  return *this;
}

Builder& Builder::Cut(CutKind kind) {
  EndLine();
  std::span<const std::uint8_t> bytes =
      kind == CutKind::kFull ? profile_.full_cut : profile_.partial_cut;
  out_.insert(out_.end(), bytes.begin(), bytes.end());
  return *this;
}

Builder& Builder::Raster(const Bitmap& image) {
  if (image.empty()) return *this;
  EndLine();
  Bitmap clipped = image.width() > profile_.width_dots
                       ? image.Crop(0, 0, profile_.width_dots, image.height())
                       : image;
  const int pad = clipped.stride() * 8 - clipped.width();
  if (pad > 0 && align_ != Align::kLeft) {
    // The printer aligns the padded width; moving the padding to the side
    // the printer adds slack to keeps the ink where it was meant to be.
    Bitmap padded(clipped.width() + pad, clipped.height());
    padded.Blit(clipped, align_ == Align::kCenter ? pad / 2 : pad, 0);
    clipped = std::move(padded);
  }
  const auto stride = static_cast<std::size_t>(clipped.stride());
  const int band = std::max(1, profile_.quirks.max_raster_band_rows);
  for (int y0 = 0; y0 < clipped.height(); y0 += band) {
    const int rows = std::min(band, clipped.height() - y0);
    const auto urows = static_cast<std::size_t>(rows);
    Put({cmd::kGs, cmd::kGsRaster, '0', 0, Lo(stride), Hi(stride), Lo(urows), Hi(urows)});
    for (int y = y0; y < y0 + rows; ++y) {
      std::span<const std::uint8_t> row = clipped.Row(y);
      out_.insert(out_.end(), row.begin(), row.end());
    }
  }
  return *this;
}

base::Status Builder::TextLine(std::string_view utf8, const TextRasterizer& rasterizer) {
  if (IsPrintableAscii(utf8)) {
    EndLine();
    Text(utf8);
    out_.push_back(cmd::kLf);
    line_open_ = false;
    return base::Status::Ok();
  }
  // Drawn at the resident font's pitch so rasterised lines sit in the same
  // grid; double width is applied by stretching, as the printer would.
  const int height = cmd::kDefaultLinePitch * (double_height_ ? 2 : 1);
  const int max_width = profile_.width_dots / (double_width_ ? 2 : 1);
  GB_ASSIGN_OR_RETURN(Bitmap image, rasterizer.Render(utf8, height, bold_, max_width));
  if (double_width_) image = image.Scaled(2, 1);
  RasterLines(image, height);
  return base::Status::Ok();
}

base::Status Builder::RasterText(std::string_view utf8, const TextRasterizer& rasterizer,
                                 int px_height) {
  GB_ASSIGN_OR_RETURN(Bitmap image,
                      rasterizer.Render(utf8, std::max(px_height, 8), bold_, profile_.width_dots));
  RasterLines(image, std::max(px_height, 8));
  return base::Status::Ok();
}

void Builder::RasterLines(const Bitmap& image, int line_height) {
  if (image.empty()) return;  // empty text: nothing, as before
  if (align_ == Align::kLeft) {
    Raster(image);  // left-aligned already: one image is fewer bytes
    return;
  }
  for (int top = 0; top < image.height(); top += line_height) {
    const int rows = std::min(line_height, image.height() - top);
    auto [left, end] = image.InkColumns(top, top + rows);
    // A blank line keeps its height: it is the gap between paragraphs.
    if (end == 0) {
      Raster(Bitmap(8, rows));
      continue;
    }
    // Centred ink is centred text; right-aligned keeps the left bearing.
    if (align_ == Align::kRight) left = 0;
    Raster(image.Crop(left, top, end - left, rows));
  }
}

base::Status Builder::RasterQr(std::string_view text) {
  GB_ASSIGN_OR_RETURN(Bitmap qr, RenderQrForProfile(text, profile_));
  Raster(qr);
  return base::Status::Ok();
}

base::Status Builder::NativeQr(std::string_view text) {
  if (!profile_.quirks.native_qr) {
    return base::Status::FailedPrecondition(
        "native_qr_unsupported",
        std::string(profile_.name) + " has no native QR support; use RasterQr");
  }
  // Encoding here too picks a module size that fits the paper, the same size
  // the raster path would use.
  GB_ASSIGN_OR_RETURN(Bitmap modules, EncodeQrModules(text, QrEcLevel::kM));
  GB_ASSIGN_OR_RETURN(int dots, FitQrModuleDots(modules.width(), profile_));
  EndLine();
  const std::size_t store_len = text.size() + 3;  // cn, fn, m + data
  Put({cmd::kGs, cmd::kGsParen, cmd::kGsParen2d, 4, 0, cmd::kQrCn, cmd::kQrModel, 50, 0});
  Put({cmd::kGs, cmd::kGsParen, cmd::kGsParen2d, 3, 0, cmd::kQrCn, cmd::kQrModuleSize,
       static_cast<std::uint8_t>(std::clamp(dots, 1, 16))});
  Put({cmd::kGs, cmd::kGsParen, cmd::kGsParen2d, 3, 0, cmd::kQrCn, cmd::kQrEcLevel, 49});
  Put({cmd::kGs, cmd::kGsParen, cmd::kGsParen2d, Lo(store_len), Hi(store_len), cmd::kQrCn,
       cmd::kQrStore, 48});
  for (char c : text) out_.push_back(static_cast<std::uint8_t>(c));
  Put({cmd::kGs, cmd::kGsParen, cmd::kGsParen2d, 3, 0, cmd::kQrCn, cmd::kQrPrint, 48});
  return base::Status::Ok();
}

}  // namespace gb::escpos
