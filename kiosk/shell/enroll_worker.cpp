#include "kiosk/shell/enroll_worker.h"

#include <functional>

#include "core/base/log.h"
#include "kiosk/link/enroll_kiosk.h"

namespace gb::shell {

EnrollWorker::EnrollWorker(std::string kiosk_dir, config::InitOptions options,
                           std::function<int64_t()> now_s)
    : kiosk_dir_(std::move(kiosk_dir)), options_(std::move(options)), now_s_(std::move(now_s)) {}

EnrollWorker::~EnrollWorker() {
  if (thread_.joinable()) thread_.join();
}

void EnrollWorker::Begin(const std::string& code) {
  if (thread_.joinable()) thread_.join();  // the last attempt's, already over
  {
    std::lock_guard lock(mu_);
    outcome_.reset();
  }
  link::EnrollKioskRequest request;
  request.kiosk_dir = kiosk_dir_;
  request.code_text = code;
  request.options = options_;
  const int64_t now = now_s_();
  thread_ = std::thread([this, request = std::move(request), now] {
    base::Result<link::EnrolledKiosk> r = link::EnrollKiosk(request, now);
    app::EnrollOutcome outcome;
    if (r.ok()) {
      outcome.ok = true;
      base::LogInfo("groupbuy-kiosk: enrolled as " + r->kiosk_id + " in \"" + r->store_name +
                    "\" (key id " + std::to_string(r->key_id) + ", " + std::to_string(r->deals) +
                    " deals)");
    } else {
      outcome.reason = r.status().reason();
      base::LogWarning("groupbuy-kiosk: enrolment refused: " + r.status().ToString());
    }
    std::lock_guard lock(mu_);
    outcome_ = std::move(outcome);
  });
}

std::optional<app::EnrollOutcome> EnrollWorker::Poll() {
  std::optional<app::EnrollOutcome> out;
  {
    std::lock_guard lock(mu_);
    out = std::move(outcome_);
    outcome_.reset();
  }
  if (out && thread_.joinable()) thread_.join();
  return out;
}

}  // namespace gb::shell
