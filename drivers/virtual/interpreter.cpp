#include "drivers/virtual/interpreter.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "drivers/escpos/commands.h"
#include "drivers/virtual/qr_symbol_store.h"

namespace gb::virtual_printer {
namespace cmd = escpos::cmd;
namespace {

std::string Hex(std::span<const std::uint8_t> bytes) {
  std::string out;
  char buf[4];
  for (std::uint8_t b : bytes) {
    std::snprintf(buf, sizeof buf, "%02X", b);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

std::string CommandName(std::uint8_t prefix, std::uint8_t c) {
  std::string name = prefix == cmd::kEsc ? "ESC " : prefix == cmd::kGs ? "GS " : "DLE ";
  if (c > 0x20 && c < 0x7F) return name + static_cast<char>(c);
  return name + "0x" + Hex(std::span<const std::uint8_t>(&c, 1));
}

// One run over one job. Each command handler starts at pos_ and advances it.
class Session {
 public:
  Session(const escpos::PrinterProfile& profile, std::span<const std::uint8_t> in)
      : profile_(profile), in_(in), canvas_(profile.width_dots) {}

  Rendering Run() {
    while (pos_ < in_.size()) Step();
    if (!canvas_.line_empty()) {
      Report(in_.size(), 0, "text left in the line buffer at the end of the job is not printed");
    }
    if (canvas_.overflowed()) Report(in_.size(), 0, "paper length cap reached; the rest dropped");
    if (suppressed_ > 0) {
      diags_.push_back({in_.size(), "", std::to_string(suppressed_) + " more diagnostics dropped"});
    }
    return {canvas_.Finish(), std::move(diags_)};
  }

 private:
  std::uint8_t At(std::size_t k) const { return in_[pos_ + k]; }
  std::size_t Left() const { return in_.size() - pos_; }

  void Report(std::size_t offset, std::size_t length, std::string message) {
    if (diags_.size() >= Interpreter::kMaxDiagnostics) {
      ++suppressed_;
      return;
    }
    const std::size_t start = std::min(offset, in_.size());
    const std::size_t n = std::min({length, in_.size() - start, std::size_t{16}});
    diags_.push_back({offset, Hex(in_.subspan(start, n)), std::move(message)});
  }

  // True if the command at pos_ has n bytes; otherwise reports it as
  // truncated and drops the rest of the job.
  bool Need(std::size_t n) {
    if (Left() >= n) return true;
    Report(pos_, Left(),
           "truncated command: needs " + std::to_string(n) + " bytes, " + std::to_string(Left()) +
               " left");
    pos_ = in_.size();
    return false;
  }

  void Unsupported(std::size_t length, std::string message) {
    Report(pos_, length, std::move(message));
    pos_ += length;
  }

  // Printers accept some commands only at the start of a line; a builder
  // that sends one mid-line has a bug, so say so, then behave as if the line
  // had been ended.
  void RequireLineStart(std::string_view what) {
    if (canvas_.line_empty()) return;
    Report(pos_, 2, std::string(what) + " while text is pending; a printer ignores it");
    canvas_.PrintLine(align_, spacing_);
  }

  void Step() {
    const std::uint8_t b = At(0);
    if (b >= 0x20 && b <= 0x7E) {
      canvas_.AddChar(static_cast<char>(b), style_, align_, spacing_);
      ++pos_;
      return;
    }
    switch (b) {
      case cmd::kLf:
        canvas_.PrintLine(align_, spacing_);
        ++pos_;
        return;
      case cmd::kCr:
        ++pos_;
        return;
      case cmd::kEsc:
        Esc();
        return;
      case cmd::kGs:
        Gs();
        return;
      case cmd::kDle:
        Dle();
        return;
      default:
        break;
    }
    if (b >= 0x80) {
      std::size_t n = 0;
      while (n < Left() && At(n) >= 0x80) ++n;
      Report(pos_, n, "bytes above 0x7E in text (code pages are not emulated; drawn as '?')");
      for (std::size_t i = 0; i < n; ++i) canvas_.AddChar('?', style_, align_, spacing_);
      pos_ += n;
      return;
    }
    Unsupported(1, "unsupported control byte");
  }

  void Esc() {
    if (!Need(2)) return;
    const std::uint8_t c = At(1);
    if (c == cmd::kEscInit) {
      canvas_.ClearLine();
      align_ = 0;
      style_ = {};
      pos_ += 2;
      return;
    }
    if (c != cmd::kEscAlign && c != cmd::kEscBold && c != cmd::kEscFeedLines) {
      return Unsupported(2, "unsupported command " + CommandName(cmd::kEsc, c));
    }
    if (!Need(3)) return;
    const std::uint8_t n = At(2);
    if (c == cmd::kEscAlign) {
      if (n > 2 && (n < 48 || n > 50)) return Unsupported(3, "ESC a: bad justification");
      if (!canvas_.line_empty()) return Unsupported(3, "ESC a mid-line is ignored by printers");
      align_ = n % 48;
    } else if (c == cmd::kEscBold) {
      style_.bold = (n & 1) != 0;
    } else {  // ESC d: printing the pending line is the first of the n lines.
      int lines = n;
      if (!canvas_.line_empty()) {
        canvas_.PrintLine(align_, spacing_);
        --lines;
      }
      canvas_.FeedDots(std::max(lines, 0) * spacing_);
    }
    pos_ += 3;
  }

  void Gs() {
    if (!Need(2)) return;
    const std::uint8_t c = At(1);
    if (c == cmd::kGsSize) {
      if (!Need(3)) return;
      const std::uint8_t n = At(2);
      if ((n & 0x88) != 0) return Unsupported(3, "GS !: magnification above 8");
      style_.scale_x = ((n >> 4) & 7) + 1;
      style_.scale_y = (n & 7) + 1;
      pos_ += 3;
    } else if (c == cmd::kGsCut) {
      Cut();
    } else if (c == cmd::kGsRaster) {
      Raster();
    } else if (c == cmd::kGsParen) {
      Paren();
    } else {
      Unsupported(2, "unsupported command " + CommandName(cmd::kGs, c));
    }
  }

  void Cut() {
    if (!Need(3)) return;
    const std::uint8_t m = At(2);
    std::size_t length = 3;
    int feed = 0;
    if (m == 65 || m == 66) {
      if (!Need(4)) return;
      length = 4;
      feed = At(3);  // n vertical motion units; one unit is taken as one dot
    } else if (m != 0 && m != 1 && m != 48 && m != 49) {
      return Unsupported(3, "GS V: unsupported cut mode");
    }
    RequireLineStart("GS V");
    canvas_.FeedDots(feed);
    canvas_.Cut();
    pos_ += length;
  }

  void Raster();
  void Paren();
  void Qr(std::span<const std::uint8_t> p);

  void Dle() {
    if (!Need(2)) return;
    if (At(1) != cmd::kEot)
      return Unsupported(2, "unsupported command " + CommandName(cmd::kDle, At(1)));
    if (!Need(3)) return;
    // DLE EOT 1..4 asks for status; the answer goes back on the IN pipe, not paper.
    if (At(2) < 1 || At(2) > 4) return Unsupported(3, "DLE EOT: unsupported status type");
    pos_ += 3;
  }

  const escpos::PrinterProfile& profile_;
  std::span<const std::uint8_t> in_;
  PageCanvas canvas_;
  std::size_t pos_ = 0;
  std::vector<Diagnostic> diags_;
  std::size_t suppressed_ = 0;
  int align_ = 0;
  CharStyle style_;
  int spacing_ = cmd::kDefaultLinePitch;
  QrSymbolStore qr_;
};

void Session::Raster() {
  if (!Need(3)) return;
  if (At(2) != '0')
    return Unsupported(3, "unsupported command GS v " + Hex(in_.subspan(pos_ + 2, 1)));
  if (!Need(8)) return;
  const std::uint8_t m = At(3);
  if (m > 3 && (m < 48 || m > 51)) return Unsupported(8, "GS v 0: bad mode");
  const std::size_t stride = At(4) | (std::size_t{At(5)} << 8);
  const std::size_t rows = At(6) | (std::size_t{At(7)} << 8);
  if (stride == 0 || rows == 0) return Unsupported(8, "GS v 0: empty image");
  if (!Need(8 + stride * rows)) return;
  if (rows > static_cast<std::size_t>(profile_.quirks.max_raster_band_rows)) {
    Report(pos_, 8,
           "GS v 0 block of " + std::to_string(rows) + " rows exceeds this printer's " +
               std::to_string(profile_.quirks.max_raster_band_rows) + "-row limit");
  }
  RequireLineStart("GS v 0");
  const int sx = ((m % 48) & 1) != 0 ? 2 : 1;  // modes 1 and 3: double width
  const int sy = ((m % 48) & 2) != 0 ? 2 : 1;  // modes 2 and 3: double height
  const std::size_t full_width = stride * 8 * static_cast<std::size_t>(sx);
  const int width =
      static_cast<int>(std::min(full_width, static_cast<std::size_t>(canvas_.width())));
  escpos::Bitmap image(width, static_cast<int>(rows) * sy);
  const std::uint8_t* data = in_.data() + pos_ + 8;
  for (std::size_t y = 0; y < rows; ++y) {
    for (int x = 0; x * sx < width; ++x) {
      const std::uint8_t byte = data[y * stride + static_cast<std::size_t>(x / 8)];
      if ((byte & (0x80 >> (x % 8))) != 0) {
        image.FillRect(x * sx, static_cast<int>(y) * sy, sx, sy, true);
      }
    }
  }
  canvas_.PlaceImage(image, align_);
  if (full_width > static_cast<std::size_t>(canvas_.width())) {
    Report(pos_, 8,
           "GS v 0 image of " + std::to_string(full_width) + " dots clipped to " +
               std::to_string(canvas_.width()));
  }
  pos_ += 8 + stride * rows;
}

void Session::Paren() {
  if (!Need(5)) return;
  const std::uint8_t fn = At(2);
  const std::size_t length = At(3) | (std::size_t{At(4)} << 8);
  if (!Need(5 + length)) return;
  if (fn != cmd::kGsParen2d) {
    return Unsupported(5 + length,
                       "unsupported command GS ( " + CommandName(cmd::kGs, fn).substr(3));
  }
  Qr(in_.subspan(pos_ + 5, length));
  pos_ += 5 + length;
}

void Session::Qr(std::span<const std::uint8_t> p) {
  const std::size_t length = 5 + p.size();
  const bool print = p.size() >= 2 && p[0] == cmd::kQrCn && p[1] == cmd::kQrPrint;
  if (print && !profile_.quirks.native_qr) {
    Report(pos_, length, std::string(profile_.name) + " has no native QR; drawn anyway");
  }
  QrSymbolStore::Outcome outcome = qr_.Apply(p);
  if (!outcome.problem.empty()) Report(pos_, length, std::move(outcome.problem));
  if (!outcome.image) return;
  RequireLineStart("GS ( k print");
  if (!canvas_.PlaceImage(*outcome.image, align_)) {
    Report(pos_, length, "GS ( k: QR code wider than the paper, clipped");
  }
}

}  // namespace

std::string Diagnostic::ToString() const {
  return "@" + std::to_string(offset) + " [" + hex + "] " + message;
}

Rendering Interpreter::Run(std::span<const std::uint8_t> job) const {
  return Session(profile_, job).Run();
}

}  // namespace gb::virtual_printer
