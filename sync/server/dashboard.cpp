#include "sync/server/dashboard.h"

#include "sync/store/token.h"

namespace gb::server {
namespace {

std::string Base64(const store::Digest& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = uint32_t{bytes[i]} << 16 | uint32_t{bytes[i + 1]} << 8 | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(v >> shift) & 63];
  }
  // 32 bytes leave 2 over: three characters and one '='.
  if (bytes.size() - i == 2) {
    const uint32_t v = uint32_t{bytes[i]} << 16 | uint32_t{bytes[i + 1]} << 8;
    for (int shift = 18; shift >= 6; shift -= 6) out += kAlphabet[(v >> shift) & 63];
    out += '=';
  } else if (bytes.size() - i == 1) {
    const uint32_t v = uint32_t{bytes[i]} << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  }
  return out;
}

}  // namespace

std::string CspHash(std::string_view inline_text) {
  return "'sha256-" + Base64(store::Sha256(inline_text)) + "'";
}

std::string_view InlineText(std::string_view html, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  const size_t begin = html.find(open);
  if (begin == std::string_view::npos) return {};
  const size_t from = begin + open.size();
  const size_t end = html.find(close, from);
  if (end == std::string_view::npos) return {};
  return html.substr(from, end - from);
}

const std::string& DashboardCsp() {
  // Hashes rather than 'unsafe-inline': the browser runs the page's own
  // script and style byte for byte, nothing injected beside them. They are
  // computed from the embedded page, so editing the page cannot leave a
  // stale hash behind (the Chromium test would see the refusal as an error).
  static const std::string csp =
      "default-src 'none'; script-src " + CspHash(InlineText(DashboardHtml(), "script")) +
      "; style-src " + CspHash(InlineText(DashboardHtml(), "style")) +
      "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
      " frame-ancestors 'none'";
  return csp;
}

Response DashboardResponse() {
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::string(DashboardHtml());
  r.headers = {{"Content-Security-Policy", DashboardCsp()},
               {"X-Content-Type-Options", "nosniff"},
               {"Referrer-Policy", "no-referrer"},
               {"X-Frame-Options", "DENY"},
               {"Cache-Control", "no-store"}};
  return r;
}

}  // namespace gb::server
