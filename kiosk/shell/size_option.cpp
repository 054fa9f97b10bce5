#include "kiosk/shell/size_option.h"

#include <charconv>
#include <string>
#include <system_error>

namespace gb::shell {
namespace {

base::Status BadSize(std::string_view text, const std::string& why) {
  return base::Status::InvalidArgument(
      "bad_size", "--size wants WxH in pixels, each side " + std::to_string(kMinScreenSide) +
                      " to " + std::to_string(kMaxScreenSide) + " (e.g. 1920x1080), not \"" +
                      std::string(text) + "\": " + why);
}

// One side: the whole of `part` must be the number. std::from_chars (unlike
// std::stoi) neither throws nor skips spaces, and ptr != end catches "12abc",
// which std::stoi read as 12. A minus sign parses and fails the range.
base::Result<int> Side(std::string_view text, std::string_view part, const char* name) {
  int value = 0;
  const char* end = part.data() + part.size();
  const auto [ptr, ec] = std::from_chars(part.data(), end, value);
  if (ec == std::errc::invalid_argument || ptr != end) {
    return BadSize(text, std::string("the ") + name + " is not a whole number");
  }
  if (ec == std::errc::result_out_of_range || value < kMinScreenSide || value > kMaxScreenSide) {
    return BadSize(text, std::string("the ") + name + " is out of range");
  }
  return value;
}

}  // namespace

base::Result<ui::Size> ParseSizeOption(std::string_view text) {
  const size_t x = text.find('x');
  if (x == std::string_view::npos) return BadSize(text, "no 'x' between width and height");
  GB_ASSIGN_OR_RETURN(int width, Side(text, text.substr(0, x), "width"));
  GB_ASSIGN_OR_RETURN(int height, Side(text, text.substr(x + 1), "height"));
  return ui::Size{width, height};
}

}  // namespace gb::shell
