// The dashboard (GET /): one self-contained web page, sync/server/dashboard.html,
// compiled into the binary (dashboard_html.cpp.in), served without a token.
// The page itself holds no data: it reads GET /v1/tallies and GET /v1/series
// with the bearer token the user gives it (docs/operations.md), every 2 s.
//
// Security headers: a Content-Security-Policy that lets the page run its own
// inline <script> and <style> only, by their SHA-256 (no 'unsafe-inline', so
// an injected script would not run), talk to this server only
// (connect-src 'self'), load nothing else (default-src 'none'; img-src data:
// for the empty favicon) and not be framed; plus nosniff, no referrer and
// no caching. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "sync/server/http_types.h"

namespace gb::server {

// The page's HTML, exactly as dashboard.html holds it.
std::string_view DashboardHtml();

// The Content-Security-Policy value for that page (hashes computed once).
const std::string& DashboardCsp();

// The CSP source for one inline element's text: "'sha256-<base64>'".
std::string CspHash(std::string_view inline_text);

// The text between the first <tag> and its </tag> in html, "" if absent.
std::string_view InlineText(std::string_view html, std::string_view tag);

// 200, text/html, the page and the security headers above.
Response DashboardResponse();

}  // namespace gb::server
