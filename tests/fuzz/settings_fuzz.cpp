// libFuzzer harness for the settings files an installer or a damaged disk
// can hand the programs, and for PIN hash strings:
//   - kiosk.json (kiosk/config/kiosk_dir.h, KioskDir::Open),
//   - hq.json (sync/store/hq_link.h, ReadHqLink),
//   - a stored PIN hash "pbkdf2-sha256$iterations$salt$hash" (VerifyPin).
// Every input is tried as each of them; the files are written (mode 0600)
// into a private temporary folder, as the programs read them from disk.
// Properties besides crashes and sanitizer findings:
//   - a refusal names the file and has a reason and a message;
//   - accepted settings are well formed (port, fingerprint, token) and
//     survive being written back by the programs' own writers (Enrol,
//     WriteHqLink) and read again unchanged;
//   - a PIN hash made from 4..8 digits verifies with that PIN only.
// PBKDF2 with the 10,000,000 iterations VerifyPin allows takes seconds: the
// harness passes only stored hashes of at most 1,000 iterations to it.
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/pin/pin_hash.h"
#include "kiosk/config/kiosk_dir.h"
#include "sync/store/hq_link.h"
#include "tests/fuzz/fuzz_temp_dir.h"

namespace {

using namespace gb;

void Check(bool property) {
  if (!property) std::abort();
}

// A private folder for the run (tests/fuzz/fuzz_temp_dir.h), removed at exit.
const std::string& Dir() {
  static const std::string dir = fuzz::FuzzTempDir("settings");
  static const bool cleanup = [] {
    std::atexit([] { std::filesystem::remove_all(Dir()); });
    return true;
  }();
  (void)cleanup;
  return dir;
}

void WriteSecret(const std::string& path, std::string_view text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || ::fchmod(fd, 0600) != 0) std::abort();
  for (size_t done = 0; done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
  ::close(fd);
}

bool IsHex64(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

void FuzzKioskJson(std::string_view text) {
  const std::string path = Dir() + "/kiosk.json";
  WriteSecret(path, text);
  auto dir = config::KioskDir::Open(Dir());
  if (!dir.ok()) {
    const auto& s = dir.status();
    Check(s.reason() == "bad_settings" && s.message().starts_with(path));
    return;
  }
  const config::KioskSettings settings = dir->settings();
  Check(!settings.kiosk_id.empty() && !settings.store_name.empty() && settings.key_id > 0);
  Check(settings.utc_offset_minutes >= -840 && settings.utc_offset_minutes <= 840);
  if (!settings.server) return;
  Check(settings.server->port > 0 && IsHex64(settings.server->cert_sha256));
  // Enrol rewrites kiosk.json with the same values: it must read back the same.
  Check(dir->Enrol(settings.key_id, *settings.server).ok());
  auto again = config::KioskDir::Open(Dir());
  Check(again.ok());
  const config::KioskSettings& s2 = again->settings();
  Check(s2.kiosk_id == settings.kiosk_id && s2.key_id == settings.key_id &&
        s2.store_name == settings.store_name && s2.country == settings.country &&
        s2.utc_offset_minutes == settings.utc_offset_minutes && s2.printer == settings.printer &&
        s2.language == settings.language && s2.server == settings.server);
}

void FuzzHqJson(std::string_view text) {
  const std::string path = store::HqLinkPath(Dir());
  WriteSecret(path, text);
  auto link = store::ReadHqLink(Dir());
  if (!link.ok()) {
    const auto& s = link.status();
    Check(s.reason() == "bad_settings" && s.message().starts_with(path));
    return;
  }
  Check(link->has_value());
  const store::HqLink& l = **link;
  Check(!l.store_id.empty() && !l.hq_name.empty() && !l.host.empty() && !l.token.empty());
  Check(l.port > 0 && IsHex64(l.cert_sha256));
  // Written back by WriteHqLink, it reads the same.
  Check(::unlink(path.c_str()) == 0);
  Check(store::WriteHqLink(Dir(), l).ok());
  auto again = store::ReadHqLink(Dir());
  Check(again.ok() && again->has_value() && **again == l);
}

void FuzzPinHash(std::string_view text) {
  // A stored hash, checked with a PIN that may or may not be its own.
  std::string_view rest = text;
  size_t first = rest.find('$');
  size_t second = first == std::string_view::npos ? first : rest.find('$', first + 1);
  bool cheap = true;
  if (second != std::string_view::npos) {
    long iterations = 0;
    auto [end, ec] = std::from_chars(rest.data() + first + 1, rest.data() + second, iterations);
    cheap = ec != std::errc() || iterations <= 1000;
  }
  if (cheap) {
    (void)pin::VerifyPin("1234", text);
    (void)pin::VerifyPin("00000000", text);
  }
  // A PIN: hashed (cheaply), it verifies with itself only.
  if (pin::CheckPin(text).ok()) {
    auto hash = pin::HashPin(text, 1);
    Check(hash.ok() && pin::VerifyPin(text, *hash));
    std::string other(text);
    other[0] = other[0] == '9' ? '0' : static_cast<char>(other[0] + 1);
    Check(!pin::VerifyPin(other, *hash));
  } else {
    Check(!pin::HashPin(text, 1).ok());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  FuzzKioskJson(text);
  FuzzHqJson(text);
  if (size <= 256) FuzzPinHash(text);
  return 0;
}
