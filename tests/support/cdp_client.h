// CdpClient: a small Chrome DevTools Protocol client for tests, over one
// WebSocket (Boost.Beast) to a page target of a browser that ChromiumProcess
// (chromium_process.h) started.
//
// One io_context thread reads every message: a reply (it has an "id") is
// kept for the Call that waits for it, anything else is an event, queued for
// TakeEvents. Writes are queued on that thread too, so Call may be used from
// the test's thread while events arrive.
//
// Thread-safety: Call, Evaluate and TakeEvents from one test thread at a time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace gb::test {

class CdpClient {
 public:
  // Connects to "ws://HOST:PORT/devtools/page/ID". Unavailable when it cannot.
  static base::Result<std::unique_ptr<CdpClient>> Connect(const std::string& ws_url);
  ~CdpClient();  // closes the connection and joins its thread
  CdpClient(const CdpClient&) = delete;
  CdpClient& operator=(const CdpClient&) = delete;

  // Sends {"id", "method", "params"} and waits for the reply's "result".
  // Errors: the protocol's error (Internal "cdp_error"), DeadlineExceeded
  // "cdp_timeout", Unavailable "cdp_closed" when the connection went.
  base::Result<nlohmann::json> Call(const std::string& method,
                                    const nlohmann::json& params = nlohmann::json::object(),
                                    std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Runtime.evaluate of a JavaScript expression (promises awaited): its
  // value as JSON. A thrown exception is InvalidArgument "js_exception"
  // with the exception's text.
  base::Result<nlohmann::json> Evaluate(const std::string& expression);
  // The events received so far ({"method", "params"}), oldest first; the
  // queue is emptied.
  std::vector<nlohmann::json> TakeEvents();

 private:
  struct Impl;
  explicit CdpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gb::test
