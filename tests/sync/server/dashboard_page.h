// DashboardPage: the dashboard (GET /) in Debian's headless chromium, driven
// over the DevTools Protocol, for the dashboard process tests. It launches
// the browser, attaches to its page with Runtime, Log and Page enabled and a
// 1280x900 viewport, and reads the page as the tests compare it.
//
// The browser goes with the object. Thread-compatible.
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "tests/support/cdp_client.h"
#include "tests/support/chromium_process.h"

namespace gb::test {

// Every [data-field] inside a deal card: deal id -> "field" (or
// "kiosk:ID:field", "store:ID:field" for breakdown rows) -> text and data-*.
extern const char* const kReadDeals;

class DashboardPage {
 public:
  // `profile_dir`: an empty folder for the browser's profile (created).
  // Errors of ChromiumProcess::Launch and CdpClient::Connect, or of a CDP call.
  static base::Result<std::unique_ptr<DashboardPage>> Launch(const std::string& profile_dir);

  // Makes the page accept any certificate: only for a test's server with a
  // self-signed certificate on 127.0.0.1 (a head office, which serves TLS only).
  base::Status IgnoreCertificateErrors();
  base::Status Navigate(const std::string& url);
  // Polls `js` until it evaluates to true; false after `timeout`.
  bool WaitFor(const std::string& js,
               std::chrono::milliseconds timeout = std::chrono::milliseconds(8000));
  // The value of `js`; a failure is a test failure (EXPECT) and gives null.
  nlohmann::json Eval(const std::string& js);
  // A PNG of the whole page into out_dir/name (created); prints the path.
  // Failures are test failures.
  void Screenshot(const std::string& out_dir, const std::string& name);
  // Console errors, exceptions and error log entries among the events since
  // the last call.
  std::vector<std::string> Errors();

  CdpClient& cdp() { return *cdp_; }
  ChromiumProcess& chromium() { return *chromium_; }

 private:
  DashboardPage(std::unique_ptr<ChromiumProcess> chromium, std::unique_ptr<CdpClient> cdp)
      : chromium_(std::move(chromium)), cdp_(std::move(cdp)) {}
  std::unique_ptr<ChromiumProcess> chromium_;
  std::unique_ptr<CdpClient> cdp_;  // goes before the browser
};

}  // namespace gb::test
