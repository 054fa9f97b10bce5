// EnrollFlow: the screen of a kiosk with no identity yet, as a pure state
// machine (docs/operations.md "Enrolling a kiosk with a code").
//
//   Entering --scan GBE1:... / tap enroll-submit--> Connecting
//   Connecting --desk says yes--> Enrolled     (the shell then opens the wall)
//   Connecting --desk refuses--> Refused --scan / type / submit--> ...
//
// The installer scans the code (a scan of a GBE1: text starts at once) or
// types the part after "GBE1:" on the code keyboard ("kb-<hex>" letters and
// digits, "kb-back", "kb-clear") and taps "enroll-submit". "lang-en",
// "lang-ru", "lang-zh" switch the language. While an attempt runs, input
// other than the language is ignored: a code is good for one use.
//
// The network call is behind EnrollDesk: Begin starts it and returns at
// once; Tick polls for its outcome, so the render loop never waits on it.
// Not thread-safe: one UI thread (the desk may use a worker).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/i18n/catalog.h"

namespace gb::app {

struct EnrollOutcome {
  bool ok = false;
  std::string reason;  // the refusal's reason tag ("code_used", "pin_mismatch", ...)
};

class EnrollDesk {
 public:
  virtual ~EnrollDesk() = default;
  // Starts an enrolment with the code's full text ("GBE1:..."); returns at
  // once. REQUIRES: no attempt is running (Poll has returned the last one).
  virtual void Begin(const std::string& code) = 0;
  // The outcome of the attempt once it is over, once; nullopt while it runs.
  virtual std::optional<EnrollOutcome> Poll() = 0;
};

enum class EnrollPhase { kEntering, kConnecting, kRefused, kEnrolled };

// What the enrolment screen shows (ui/views/enroll_view.cpp).
struct EnrollView {
  i18n::Lang lang = i18n::Lang::kEn;
  std::string typed;  // the code after "GBE1:", upper case, as typed or scanned
  EnrollPhase phase = EnrollPhase::kEntering;
  // Why the last attempt was refused: a reason tag for
  // "enroll.error.<reason>" ("not_a_code", "no_code" from here; the desk's
  // reasons otherwise). Empty unless Refused.
  std::string error;
};

inline constexpr std::string_view kEnrollCodeId = "enroll-code";
inline constexpr std::string_view kEnrollSubmitId = "enroll-submit";
inline constexpr std::string_view kEnrollStatusId = "enroll-status";
// Longer than any code (a 253-byte host makes about 490 letters).
inline constexpr std::size_t kMaxEnrollCodeChars = 600;

class EnrollFlow {
 public:
  // Borrows the desk; it must outlive the flow.
  EnrollFlow(EnrollDesk& desk, i18n::Lang lang);

  void Tap(std::string_view id);
  // Scanner input: an enrolment code (any case, spaces around) starts at once.
  void Scan(std::string_view text);
  // Polls the desk while connecting.
  void Tick();

  const EnrollView& view() const { return view_; }
  uint64_t revision() const { return revision_; }
  // True while an attempt runs (scripts wait for it).
  bool Busy() const { return view_.phase == EnrollPhase::kConnecting; }
  bool enrolled() const { return view_.phase == EnrollPhase::kEnrolled; }

 private:
  void Changed() { ++revision_; }
  void Submit();
  void Refuse(std::string reason);

  EnrollDesk& desk_;
  EnrollView view_;
  uint64_t revision_ = 1;
};

}  // namespace gb::app
