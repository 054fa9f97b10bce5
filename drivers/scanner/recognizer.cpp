#include "drivers/scanner/recognizer.h"

#include <algorithm>
#include <utility>

#include "core/voucher/codec.h"

namespace gb::scanner {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// ASCII-only on purpose: the prefixes are ASCII, and std::toupper would
// depend on the process locale.
bool StartsWithAnyCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (ToUpper(text[i]) != prefix[i]) return false;
  }
  return true;
}

std::string_view TrimSuffix(std::string_view text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return text;
}

// digits '-' digits '-' digits, spaces anywhere: the shape ParseShortCode reads.
bool LooksLikeShortCode(std::string_view text) {
  size_t groups = 1;
  size_t digits_in_group = 0;
  for (const char c : text) {
    if (c == ' ') continue;
    if (c >= '0' && c <= '9') {
      ++digits_in_group;
    } else if (c == '-' && digits_in_group > 0) {
      ++groups;
      digits_in_group = 0;
    } else {
      return false;
    }
  }
  return groups == 3 && digits_in_group > 0;
}

Recognized RecognizeVoucher(std::string_view text) {
  Recognized r;
  r.kind = Kind::kVoucher;
  r.text = text;
  if (std::any_of(r.text.begin(), r.text.end(), IsLower)) {
    std::transform(r.text.begin(), r.text.end(), r.text.begin(), ToUpper);
    r.warning = kWarningScannerLowercase;
  }
  auto parsed = voucher::Parse(r.text);
  if (parsed.ok()) {
    r.voucher = std::move(parsed).value();
  } else {
    r.status = parsed.status();
  }
  return r;
}

}  // namespace

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kVoucher:
      return "voucher";
    case Kind::kShortCode:
      return "short_code";
    case Kind::kEnrollmentCode:
      return "enrollment_code";
    case Kind::kDealLink:
      return "deal_link";
    case Kind::kUnknown:
      break;
  }
  return "unknown";
}

Recognized Recognize(std::string_view scanned) {
  const std::string_view text = TrimSuffix(scanned);
  if (StartsWithAnyCase(text, voucher::kPrefix)) return RecognizeVoucher(text);

  Recognized r;
  r.text = text;
  if (StartsWithAnyCase(text, kEnrollmentPrefix)) {
    r.kind = Kind::kEnrollmentCode;
    if (!text.starts_with(kEnrollmentPrefix)) r.warning = kWarningScannerLowercase;
  } else if (StartsWithAnyCase(text, kDealLinkPrefix)) {
    r.kind = Kind::kDealLink;
    std::string_view digits = text.substr(kDealLinkPrefix.size());
    uint64_t id = 0;
    bool ok = !digits.empty() && digits.size() <= 10;
    for (char c : digits) {
      ok = ok && c >= '0' && c <= '9';
      if (ok) id = id * 10 + static_cast<uint64_t>(c - '0');
    }
    if (ok && id > 0 && id <= 0xffffffffu) {
      r.deal_id = static_cast<uint32_t>(id);
    } else {
      r.status = base::Status::InvalidArgument("bad_deal_link",
                                               "a deal link is GBD1: followed by the deal number");
    }
  } else if (LooksLikeShortCode(text)) {
    r.kind = Kind::kShortCode;
    auto parts = voucher::ParseShortCode(text);
    if (parts.ok()) {
      r.short_code = *parts;
    } else {
      r.status = parts.status();
    }
  } else {
    r.status = base::Status::InvalidArgument(
        "unknown_scan", "the scan is not a voucher, a short code or an enrollment code");
  }
  return r;
}

}  // namespace gb::scanner
