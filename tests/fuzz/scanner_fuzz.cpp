// libFuzzer harness for the scanner decoders (drivers/scanner): what a USB
// device, or anything that claims to be one, sends the kiosk. The first byte
// picks the decoder; the rest is its input:
//   0  HID POS: [descriptor length][descriptor][report length][report]...
//      ParseHidPosLayout on the descriptor, then HidPosDecoder with the
//      layout it gives (the default layout when it refuses) on the reports.
//   1  boot keyboard: 8-byte reports; a short tail is one bad report.
//   2  wedge: [options: 4 bytes] then events [op][time step][...].
// Properties besides crashes and sanitizer findings:
//   - a layout the parser returns validates and makes a decoder;
//   - a scan is never longer than max_scan_bytes, nor its symbology than
//     the layout's field; every refusal has its documented reason, and
//     leaves no partial scan behind;
//   - a keyboard scan is printable ASCII (tab and space included) and never
//     longer than the decoder's limit;
//   - the wedge decoder drops nothing: all it hands back, Scanned and Typed,
//     is exactly what was typed (Enters aside), in order; a Scanned run has
//     min_length..max_length-1 characters.
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/base/text.h"
#include "drivers/scanner/boot_keyboard_decoder.h"
#include "drivers/scanner/hid_pos_decoder.h"
#include "drivers/scanner/hid_report_descriptor.h"
#include "drivers/scanner/wedge_decoder.h"

namespace {

using namespace gb::scanner;
using Bytes = std::span<const uint8_t>;

void Check(bool property) {
  if (!property) std::abort();
}

// Takes up to n bytes off the front of in.
Bytes Take(Bytes& in, size_t n) {
  n = std::min(n, in.size());
  Bytes out = in.first(n);
  in = in.subspan(n);
  return out;
}

uint8_t TakeByte(Bytes& in) {
  Bytes b = Take(in, 1);
  return b.empty() ? 0 : b[0];
}

void FuzzHidPos(Bytes in) {
  const size_t descriptor_size = size_t{TakeByte(in)} << 8 | TakeByte(in);
  auto layout = ParseHidPosLayout(Take(in, descriptor_size));
  if (layout.ok()) {
    Check(layout->Validate().ok());
  } else {
    const auto& s = layout.status();
    Check(s.reason() == "bad_report_descriptor" || s.reason() == "no_scanned_data_report");
    Check(!s.message().empty());
  }
  HidPosLayout chosen = layout.ok() ? *layout : HidPosLayout{};
  chosen.max_scan_bytes = 512;  // reachable with inputs libFuzzer builds
  auto decoder = HidPosDecoder::Create(chosen);
  Check(decoder.ok());
  while (!in.empty()) {
    Bytes report = Take(in, TakeByte(in));
    auto scan = decoder->OnReport(report);
    if (!scan.ok()) {
      const auto& s = scan.status();
      Check(s.reason() == "bad_hid_report" || s.reason() == "scan_too_long");
      Check(!s.message().empty() && !decoder->pending());
    } else if (scan->has_value()) {
      Check((*scan)->data.size() <= chosen.max_scan_bytes);
      Check((*scan)->symbology.size() <= chosen.symbology_size);
      Check(!decoder->pending());
    }
  }
}

void CheckKeyboardScan(const KeyboardScan& scan, size_t max_chars) {
  Check(scan.text.size() <= max_chars);
  for (char c : scan.text) Check((c >= 0x20 && c <= 0x7E) || c == '\t');
}

void FuzzBootKeyboard(Bytes in) {
  constexpr size_t kMax = 64;
  BootKeyboardDecoder decoder(kMax);
  while (!in.empty()) {
    Bytes report = Take(in, BootKeyboardDecoder::kReportSize);
    auto events = decoder.OnReport(report);
    if (!events.ok()) {
      const auto& s = events.status();
      Check(s.reason() == "bad_hid_report" || s.reason() == "scan_too_long");
      Check(s.reason() != "bad_hid_report" || report.size() != BootKeyboardDecoder::kReportSize);
      continue;
    }
    for (const BootKeyboardEvent& e : *events) {
      if (auto* scan = std::get_if<KeyboardScan>(&e)) CheckKeyboardScan(*scan, kMax);
    }
  }
  if (auto rest = decoder.Flush()) CheckKeyboardScan(*rest, kMax);
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

void FuzzWedge(Bytes in) {
  WedgeDecoder::Options o;
  o.max_gap_ms = 1 + TakeByte(in) % 100;
  o.end_pause_ms = o.max_gap_ms + 1 + TakeByte(in) % 200;
  o.min_length = 1 + TakeByte(in) % 8;
  const uint8_t flags = TakeByte(in);
  o.require_enter = flags & 1;
  o.max_length = o.min_length + (flags >> 1) % 32;
  auto decoder = WedgeDecoder::Create(o);
  Check(decoder.ok());

  std::string typed;        // every character handed in, Enters left out
  bool checkable = true;    // false once text that is not strict UTF-8 went in
  std::string handed_back;  // every character the decoder gave back
  auto collect = [&] {
    for (const WedgeEvent& e : decoder->TakeEvents()) {
      if (auto* s = std::get_if<Scanned>(&e)) {
        Check(gb::base::IsValidUtf8(s->text));
        Check(CodePoints(s->text) >= o.min_length && CodePoints(s->text) < o.max_length);
        handed_back += s->text;
      } else {
        const auto& t = std::get<Typed>(e);
        Check(gb::base::IsValidUtf8(t.text));
        handed_back += t.text;
      }
    }
  };
  int64_t t = 0;
  while (!in.empty()) {
    const uint8_t op = TakeByte(in);
    t += TakeByte(in);
    switch (op % 4) {
      case 0: {  // a text event: UTF-8 bytes, possibly malformed
        Bytes b = Take(in, 1 + op / 4 % 8);
        std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
        checkable = checkable && gb::base::IsValidUtf8(text);
        for (char c : text) {
          if (c != '\r' && c != '\n') typed += c;
        }
        decoder->OnChar(text, t);
        break;
      }
      case 1: {  // one key as a code point (ASCII, mostly)
        const char32_t c = op < 128 ? char32_t{TakeByte(in)} & 0x7F : char32_t{TakeByte(in)} << 8;
        const std::string one = c < 0x80 ? std::string(1, static_cast<char>(c)) : std::string();
        if (c >= 0x80) {
          checkable = false;  // the encoding of a wide code point is the decoder's business
        } else if (c != '\r' && c != '\n') {
          typed += one;
        }
        decoder->OnChar(c, t);
        break;
      }
      case 2:
        decoder->OnEnter(t);
        break;
      case 3: {
        decoder->OnTick(t);
        Check(decoder->NextDeadline().has_value() == decoder->holding());
        break;
      }
    }
    collect();
  }
  // Long silence ends every run, whatever the options.
  decoder->OnTick(t + o.end_pause_ms + o.max_gap_ms + 1);
  collect();
  Check(!decoder->holding());
  if (checkable) Check(handed_back == typed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  switch (TakeByte(in) % 3) {
    case 0:
      FuzzHidPos(in);
      break;
    case 1:
      FuzzBootKeyboard(in);
      break;
    case 2:
      FuzzWedge(in);
      break;
  }
  return 0;
}
