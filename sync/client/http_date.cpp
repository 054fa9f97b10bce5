#include "sync/client/http_date.h"

#include <array>
#include <chrono>
#include <cstdio>

namespace gb::sync_client {
namespace {

constexpr std::array<std::string_view, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> Digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<int64_t> ParseHttpDate(std::string_view t) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions, 29 characters.
  if (t.size() != 29 || t.substr(3, 2) != ", " || t[7] != ' ' || t[11] != ' ' || t[16] != ' ' ||
      t[19] != ':' || t[22] != ':' || t.substr(25) != " GMT") {
    return std::nullopt;
  }
  int month = -1;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (t.substr(8, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  }
  auto day = Digits(t.substr(5, 2));
  auto year = Digits(t.substr(12, 4));
  auto hh = Digits(t.substr(17, 2));
  auto mm = Digits(t.substr(20, 2));
  auto ss = Digits(t.substr(23, 2));
  if (month < 0 || !day || !year || !hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 60) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  const int64_t days = sys_days{ymd}.time_since_epoch().count();
  return days * 86400 + *hh * 3600 + *mm * 60 + *ss;
}

std::string FormatHttpDate(int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_days day{std::chrono::days{unix_seconds >= 0 ? unix_seconds / 86400
                                                         : (unix_seconds - 86399) / 86400}};
  const int64_t secs = unix_seconds - day.time_since_epoch().count() * 86400;
  const year_month_day ymd{day};
  const weekday wd{day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                kDays[wd.c_encoding()].data(), static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1].data(), static_cast<int>(ymd.year()),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

}  // namespace gb::sync_client
