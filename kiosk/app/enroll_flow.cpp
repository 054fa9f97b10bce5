#include "kiosk/app/enroll_flow.h"

#include <cctype>
#include <cstdlib>

namespace gb::app {
namespace {

constexpr std::string_view kPrefix = "GBE1:";  // sync/protocol/enroll_code.h

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The character a code keyboard key types, or 0 ("kb-41" -> 'A', "kb-32" -> '2').
char CodeKey(std::string_view id) {
  if (!id.starts_with("kb-") || id.size() != 5) return 0;
  const std::string hex(id.substr(3));
  const unsigned long cp = std::strtoul(hex.c_str(), nullptr, 16);
  if ((cp >= 'A' && cp <= 'Z') || (cp >= '2' && cp <= '7')) return static_cast<char>(cp);
  return 0;
}

}  // namespace

EnrollFlow::EnrollFlow(EnrollDesk& desk, i18n::Lang lang) : desk_(desk) { view_.lang = lang; }

void EnrollFlow::Tap(std::string_view id) {
  for (i18n::Lang lang : i18n::kAllLangs) {
    if (id == "lang-" + std::string(i18n::LangCode(lang))) {
      if (view_.lang != lang) {
        view_.lang = lang;
        Changed();
      }
      return;
    }
  }
  if (Busy() || enrolled()) return;
  if (id == kEnrollSubmitId) {
    Submit();
    return;
  }
  std::string typed = view_.typed;
  if (id == "kb-back") {
    if (!typed.empty()) typed.pop_back();
  } else if (id == "kb-clear") {
    typed.clear();
  } else if (const char c = CodeKey(id); c != 0 && typed.size() < kMaxEnrollCodeChars) {
    typed += c;
  } else {
    return;  // not a key of this screen
  }
  view_.typed = std::move(typed);
  // Editing the code answers the refusal: the installer is trying again.
  if (view_.phase == EnrollPhase::kRefused) {
    view_.phase = EnrollPhase::kEntering;
    view_.error.clear();
  }
  Changed();
}

void EnrollFlow::Scan(std::string_view text) {
  if (Busy() || enrolled()) return;
  const std::string code = Upper(Trim(text));
  if (!code.starts_with(kPrefix)) {
    Refuse("not_a_code");
    return;
  }
  view_.typed = code.substr(kPrefix.size(), kMaxEnrollCodeChars);
  Submit();
}

void EnrollFlow::Submit() {
  if (view_.typed.empty()) {
    Refuse("no_code");
    return;
  }
  view_.phase = EnrollPhase::kConnecting;
  view_.error.clear();
  Changed();
  desk_.Begin(std::string(kPrefix) + view_.typed);
}

void EnrollFlow::Refuse(std::string reason) {
  view_.phase = EnrollPhase::kRefused;
  view_.error = std::move(reason);
  Changed();
}

void EnrollFlow::Tick() {
  if (!Busy()) return;
  std::optional<EnrollOutcome> outcome = desk_.Poll();
  if (!outcome) return;
  if (outcome->ok) {
    view_.phase = EnrollPhase::kEnrolled;
    Changed();
    return;
  }
  Refuse(outcome->reason.empty() ? "unknown" : outcome->reason);
}

}  // namespace gb::app
