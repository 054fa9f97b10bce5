#include "drivers/scanner/wedge_decoder.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "core/base/utf8.h"

namespace gb::scanner {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max();

// b - a, but 0 when the clock went backwards and saturated rather than
// overflowing: the timestamps come from outside and must not cause UB.
int64_t Gap(int64_t a, int64_t b) {
  if (b <= a) return 0;
  const uint64_t diff = static_cast<uint64_t>(b) - static_cast<uint64_t>(a);
  return diff > static_cast<uint64_t>(kMaxTime) ? kMaxTime : static_cast<int64_t>(diff);
}

int64_t SaturatingAdd(int64_t a, int64_t b) {  // REQUIRES: b >= 0
  return a > kMaxTime - b ? kMaxTime : a + b;
}

// Decodes one code point at text[i], advancing i. A malformed sequence yields
// U+FFFD for its first byte only, so decoding always makes progress.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto b0 = static_cast<uint8_t>(text[i++]);
  if (b0 < 0x80) return b0;
  size_t extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = b0 & 0x07u;
    min = 0x10000;
  } else {
    return kReplacement;
  }
  if (text.size() - i < extra) return kReplacement;
  for (size_t k = 0; k < extra; ++k) {
    const auto b = static_cast<uint8_t>(text[i + k]);
    if ((b & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // Overlong forms are replaced too: they would let one character pass as another.
  if (cp < min) return kReplacement;
  i += extra;
  return cp;
}

}  // namespace

base::Result<WedgeDecoder> WedgeDecoder::Create(Options options) {
  if (options.max_gap_ms <= 0 || options.end_pause_ms <= options.max_gap_ms ||
      options.min_length < 1 || options.max_length < options.min_length) {
    return base::Status::InvalidArgument(
        "bad_wedge_options",
        "wedge decoder needs max_gap_ms > 0, end_pause_ms > max_gap_ms and "
        "1 <= min_length <= max_length");
  }
  return WedgeDecoder(options);
}

void WedgeDecoder::OnChar(char32_t c, int64_t t_ms) {
  if (c == U'\r' || c == U'\n') {
    OnEnter(t_ms);
    return;
  }
  EndRunByTime(t_ms, /*key_arrives=*/true);
  AppendChar(c, t_ms);
}

void WedgeDecoder::OnChar(std::string_view utf8, int64_t t_ms) {
  size_t i = 0;
  while (i < utf8.size()) OnChar(NextCodePoint(utf8, i), t_ms);
}

void WedgeDecoder::OnEnter(int64_t t_ms) {
  EndRunByTime(t_ms, /*key_arrives=*/true);
  if (run_length_ == 0) {
    EndRun(Typed{"", true});
  } else if (run_length_ >= options_.min_length) {
    EndRun(Scanned{std::move(run_)});
  } else {
    EndRun(Typed{std::move(run_), true});
  }
}

void WedgeDecoder::OnTick(int64_t now_ms) { EndRunByTime(now_ms, /*key_arrives=*/false); }

std::optional<int64_t> WedgeDecoder::NextDeadline() const {
  if (run_length_ == 0) return std::nullopt;
  if (RunCanEndByPause()) return SaturatingAdd(last_key_ms_, options_.end_pause_ms);
  return SaturatingAdd(last_key_ms_, SaturatingAdd(options_.max_gap_ms, 1));
}

std::vector<WedgeEvent> WedgeDecoder::TakeEvents() { return std::exchange(events_, {}); }

void WedgeDecoder::EndRunByTime(int64_t t_ms, bool key_arrives) {
  if (run_length_ == 0) return;
  const int64_t gap = Gap(last_key_ms_, t_ms);
  if (gap <= options_.max_gap_ms) return;
  if (!RunCanEndByPause()) {
    EndRun(Typed{std::move(run_), false});
  } else if (gap >= options_.end_pause_ms) {
    EndRun(Scanned{std::move(run_)});
  } else if (key_arrives) {
    // Neither fast enough to belong to the run nor late enough to follow a
    // finished scan: a stalled scanner or a person; the field gets the run.
    EndRun(Typed{std::move(run_), false});
  }
}

void WedgeDecoder::AppendChar(char32_t c, int64_t t_ms) {
  // A clock that steps back must not stretch the next gap.
  last_key_ms_ = run_length_ == 0 ? t_ms : std::max(last_key_ms_, t_ms);
  base::AppendUtf8(run_, c);
  ++run_length_;
  if (run_length_ >= options_.max_length) EndRun(Typed{std::move(run_), false});
}

void WedgeDecoder::EndRun(WedgeEvent event) {
  events_.push_back(std::move(event));
  run_.clear();
  run_length_ = 0;
}

bool WedgeDecoder::RunCanEndByPause() const {
  return !options_.require_enter && run_length_ >= options_.min_length;
}

}  // namespace gb::scanner
