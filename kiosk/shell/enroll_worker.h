// EnrollWorker: the enrolment screen's desk (kiosk/app/enroll_flow.h) over
// link::EnrollKiosk, on a worker thread so the render loop keeps
// drawing ("Connecting to the store…") during the network round trip.
//
// One attempt at a time (EnrollFlow never begins a second before Poll has
// returned the first). A refusal is logged to stderr with its reason and
// message (never the code: it is a credential until used).
// Thread-safety: Begin and Poll from the UI thread; the worker only touches
// the outcome under the mutex. The destructor waits for a running attempt
// (at most the transport's timeout).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/app/enroll_flow.h"
#include "kiosk/config/kiosk_dir.h"

namespace gb::shell {

class EnrollWorker final : public app::EnrollDesk {
 public:
  // `now_s` is the kiosk's clock in Unix seconds (the code's expiry).
  EnrollWorker(std::string kiosk_dir, config::InitOptions options, std::function<int64_t()> now_s);
  ~EnrollWorker() override;
  EnrollWorker(const EnrollWorker&) = delete;
  EnrollWorker& operator=(const EnrollWorker&) = delete;

  void Begin(const std::string& code) override;
  std::optional<app::EnrollOutcome> Poll() override;

 private:
  std::string kiosk_dir_;
  config::InitOptions options_;
  std::function<int64_t()> now_s_;
  std::thread thread_;
  std::mutex mu_;
  std::optional<app::EnrollOutcome> outcome_;  // guarded by mu_
};

}  // namespace gb::shell
