// Receipts: what the kiosk prints, laid out as ESC/POS with escpos::Builder.
//
// Pure: every function appends to a Builder and touches no device. Words come
// from the i18n catalog of the shopper's language; scripts the printer lacks
// are drawn by the TextRasterizer. Each layout ends with a cut.
//
//   voucher receipt   after a sign-up (and its reprints, marked REPRINT)
//   cancellation slip after a cancellation before the stop
//   redemption slip   at the till, with what to charge or give back
//   deposit receipt   at the till, when a reservation's deposit is paid
//   refund slip       at the till, when a deposit is given back
//   shelf card        stands beside the product: progress, deadline, a QR
//                     ("GBD1:<deal id>") that opens the deal on the kiosk
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/join.h"
#include "drivers/escpos/builder.h"
#include "kiosk/i18n/catalog.h"

namespace gb::receipts {

struct Store {
  std::string name;
  int utc_offset_minutes = 0;  // the store's time zone, for every time printed
};

// What every layout needs: where to draw, in which words, for which store.
struct Context {
  escpos::Builder& builder;
  const escpos::TextRasterizer& rasterizer;
  const i18n::Catalog& words;
  const Store& store;
};

struct VoucherReceipt {
  const rules::Deal& deal;
  rules::DealState state = rules::DealState::kOpen;
  rules::Tally tally;         // after this sign-up
  int64_t position = 0;       // "you are #7"
  std::string voucher_text;   // GB1 text, printed as the QR
  std::string short_code;
  int64_t joined_at = 0;
  int64_t deposit_due = 0;    // 0: no deposit asked
  bool offline = false;
  bool reprint = false;
};

struct CancellationSlip {
  const rules::Deal& deal;
  std::string short_code;
  int64_t refund = 0;  // deposit to give back
  int64_t at = 0;
  bool reprint = false;
};

struct RedemptionSlip {
  const rules::Deal& deal;
  std::string short_code;
  rules::Settlement settlement;
  int64_t at = 0;
  std::string place;  // the till or kiosk that redeemed it
  bool reprint = false;
};

struct DepositReceipt {
  const rules::Deal& deal;
  std::string short_code;
  int64_t amount = 0;  // the deposit taken
  int64_t at = 0;
  std::string till;    // the till that took it
  bool reprint = false;
};

struct RefundSlip {
  const rules::Deal& deal;
  std::string short_code;
  int64_t amount = 0;        // the deposit given back
  int64_t at = 0;
  std::string till;
  bool deal_failed = false;  // else the shopper cancelled
  bool reprint = false;
};

struct ShelfCard {
  const rules::Deal& deal;
  rules::Tally tally;
};

// The text of the QR on a shelf card.
std::string ShelfCardQrText(uint32_t deal_id);

base::Status AppendVoucherReceipt(const Context& ctx, const VoucherReceipt& r);
base::Status AppendCancellationSlip(const Context& ctx, const CancellationSlip& s);
base::Status AppendRedemptionSlip(const Context& ctx, const RedemptionSlip& s);
base::Status AppendShelfCard(const Context& ctx, const ShelfCard& c);
base::Status AppendDepositReceipt(const Context& ctx, const DepositReceipt& r);
base::Status AppendRefundSlip(const Context& ctx, const RefundSlip& s);

}  // namespace gb::receipts
