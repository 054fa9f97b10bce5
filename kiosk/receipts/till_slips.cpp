// The till's own slips: the deposit receipt (the shopper's proof that the
// place is paid for) and the refund slip (proof the deposit came back).
#include "kiosk/receipts/layout.h"
#include "kiosk/receipts/receipts.h"

namespace gb::receipts {

base::Status AppendDepositReceipt(const Context& ctx, const DepositReceipt& r) {
  escpos::Builder& b = ctx.builder;
  const i18n::Catalog& w = ctx.words;
  const int tz = ctx.store.utc_offset_minutes;
  GB_RETURN_IF_ERROR(layout::Header(ctx, r.reprint));
  GB_RETURN_IF_ERROR(layout::Heading(ctx, w.Text("slip.deposit")));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, layout::Title(r.deal, w.lang())));
  b.SetBold(false).SetAlign(escpos::Align::kLeft);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("slip.deposit_body")));
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.code", {{"code", r.short_code}})));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Fitted(
      ctx, w.Text("slip.deposit_amount", {{"amount", layout::Money(ctx, r.amount, r.deal.currency)}}),
      layout::kLarge));
  b.SetBold(false);
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx,
      w.Text("slip.deposit_counts", {{"stop", w.DateTime(rules::EffectiveStop(r.deal), tz)}})));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("slip.deposit_next")));
  b.SetBold(false);
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text("slip.at", {{"time", w.DateTime(r.at, tz)}, {"place", r.till}})));
  b.Feed(3).Cut();
  return base::Status::Ok();
}

base::Status AppendRefundSlip(const Context& ctx, const RefundSlip& s) {
  escpos::Builder& b = ctx.builder;
  const i18n::Catalog& w = ctx.words;
  GB_RETURN_IF_ERROR(layout::Header(ctx, s.reprint));
  // "ЗАЛОГ ВОЗВРАЩЁН" steps down to tall but not wide on 58 mm.
  GB_RETURN_IF_ERROR(layout::Heading(ctx, w.Text("slip.refunded")));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, layout::Title(s.deal, w.lang())));
  b.SetBold(false).SetAlign(escpos::Align::kLeft);
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text(s.deal_failed ? "slip.refund_failed" : "slip.refund_cancelled")));
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.code", {{"code", s.short_code}})));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Fitted(
      ctx, w.Text("slip.refund_given", {{"amount", layout::Money(ctx, s.amount, s.deal.currency)}}),
      layout::kLarge));
  b.SetBold(false);
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text("slip.at",
                  {{"time", w.DateTime(s.at, ctx.store.utc_offset_minutes)}, {"place", s.till}})));
  b.Feed(3).Cut();
  return base::Status::Ok();
}

}  // namespace gb::receipts
