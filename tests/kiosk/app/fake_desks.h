// In-memory DealDesk and PrintDesk for the app's tests: deals in a vector,
// sign-ups recorded (so tests see what would have reached the ledger), and a
// print job whose state the test sets.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/app/seams.h"

namespace gb::app::test {

inline rules::Deal SofaDeal(int64_t now) {
  rules::Deal d;
  d.id = 1;
  d.title = {{"en", "Sofa Oslo"}, {"ru", "Диван «Осло»"}, {"zh", "奥斯陆沙发"}};
  d.description = {{"en", "Grey wool."}};
  d.currency = "EUR";
  d.regular_price_minor = 99900;
  d.tiers = {{10, 59900}, {20, 54900}};
  d.opens_at = now - 3600;
  d.stop_at = now + 7 * 86400;
  d.deadline = now + 8 * 86400;
  d.redeem_by = now + 30 * 86400;
  d.fee_bp = 250;
  return d;
}

class FakeDealDesk final : public DealDesk {
 public:
  std::vector<DealInfo> deals;
  std::vector<JoinRequest> joins;
  std::string fail_reason;  // non-empty: Join fails with it
  bool list_fails = false;

  base::Result<std::vector<DealInfo>> ListDeals(int64_t /*now*/) override {
    if (list_fails) return base::Status::IoError("db_failed", "disk gone");
    return deals;
  }
  base::Result<JoinTicket> Join(const JoinRequest& request) override {
    if (!fail_reason.empty()) return base::Status::FailedPrecondition(fail_reason, "refused");
    joins.push_back(request);
    JoinTicket t;
    for (DealInfo& d : deals) {
      if (d.deal.id != request.deal_id) continue;
      d.tally.committed += 1;
      t.deposit_due = rules::DepositAmount(d.deal, rules::MaxPrice(d.deal));
    }
    t.pledge_id = static_cast<int64_t>(joins.size());
    t.position = static_cast<int64_t>(joins.size());
    t.tally.committed = static_cast<int64_t>(joins.size());
    t.voucher_text = "GB1:TEST";
    t.short_code = "1-1-00001";
    t.print_job_id = 40 + static_cast<int64_t>(joins.size());
    return t;
  }
};

// The store's shopper check in memory: the verdict a test sets, and the
// questions asked (deal id and phone), so a test sees what left the app.
class FakeShopperLimitCheck final : public ShopperLimitCheck {
 public:
  ShopperVerdict verdict;  // default: no answer (offline)
  std::vector<std::pair<uint32_t, std::string>> asked;
  ShopperVerdict Ask(uint32_t deal_id, std::string_view phone_e164) override {
    asked.emplace_back(deal_id, std::string(phone_e164));
    return verdict;
  }
};

class FakePrintDesk final : public PrintDesk {
 public:
  PrintStatus status;
  PrinterState printer;
  int wakes = 0;
  int64_t last_job = 0;
  std::vector<int64_t> shown;        // ShownOnScreen's jobs
  std::vector<std::string> queued;   // "test", "reprint <code>", "shelf <id> <lang>"
  std::string refuse;                // non-empty: staff's jobs fail with this reason
  PrintStatus Status(int64_t job_id) override {
    last_job = job_id;
    return status;
  }
  void Wake() override { ++wakes; }
  PrinterState Printer() override { return printer; }
  void ShownOnScreen(int64_t job_id) override { shown.push_back(job_id); }
  base::Result<int64_t> PrintTestPage(int64_t /*now*/) override { return Queue("test"); }
  base::Result<int64_t> Reprint(std::string_view code, int64_t /*now*/) override {
    return Queue("reprint " + std::string(code));
  }
  base::Result<int64_t> PrintShelfCard(uint32_t deal_id, const std::string& lang,
                                       int64_t /*now*/) override {
    return Queue("shelf " + std::to_string(deal_id) + " " + lang);
  }

 private:
  base::Result<int64_t> Queue(std::string what) {
    if (!refuse.empty()) return base::Status::NotFound(refuse, "refused");
    queued.push_back(std::move(what));
    printer.waiting += 1;
    return static_cast<int64_t>(100 + queued.size());
  }
};

}  // namespace gb::app::test
