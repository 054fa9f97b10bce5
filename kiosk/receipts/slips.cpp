// The small slips: a cancellation, a redemption at the till, and the shelf
// card staff stand beside the product.
#include "kiosk/receipts/layout.h"
#include "kiosk/receipts/receipts.h"

namespace gb::receipts {

std::string ShelfCardQrText(uint32_t deal_id) { return "GBD1:" + std::to_string(deal_id); }

base::Status AppendCancellationSlip(const Context& ctx, const CancellationSlip& s) {
  escpos::Builder& b = ctx.builder;
  const i18n::Catalog& w = ctx.words;
  GB_RETURN_IF_ERROR(layout::Header(ctx, s.reprint));
  GB_RETURN_IF_ERROR(layout::Heading(ctx, w.Text("slip.cancelled")));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, layout::Title(s.deal, w.lang())));
  b.SetBold(false).SetAlign(escpos::Align::kLeft);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("slip.cancelled_body")));
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.code", {{"code", s.short_code}})));
  if (s.refund > 0) {
    b.SetBold(true);
    GB_RETURN_IF_ERROR(layout::Paragraph(
        ctx, w.Text("slip.refund", {{"amount", layout::Money(ctx, s.refund, s.deal.currency)}})));
    b.SetBold(false);
  }
  // What comes next: the till for a deposit, else nothing at all.
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text(s.refund > 0 ? "slip.cancelled_next_refund" : "slip.cancelled_next")));
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.DateTime(s.at, ctx.store.utc_offset_minutes)));
  b.Feed(3).Cut();
  return base::Status::Ok();
}

base::Status AppendRedemptionSlip(const Context& ctx, const RedemptionSlip& s) {
  escpos::Builder& b = ctx.builder;
  const i18n::Catalog& w = ctx.words;
  auto money = [&](int64_t minor) { return layout::Money(ctx, minor, s.deal.currency); };
  GB_RETURN_IF_ERROR(layout::Header(ctx, s.reprint));
  GB_RETURN_IF_ERROR(layout::Heading(ctx, w.Text("slip.redeemed")));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, layout::Title(s.deal, w.lang())));
  b.SetBold(false).SetAlign(escpos::Align::kLeft);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.code", {{"code", s.short_code}})));
  GB_RETURN_IF_ERROR(
      layout::Paragraph(ctx, w.Text("slip.price", {{"amount", money(s.settlement.price)}})));
  if (s.settlement.deposit_paid > 0) {
    GB_RETURN_IF_ERROR(layout::Paragraph(
        ctx, w.Text("slip.deposit_paid", {{"amount", money(s.settlement.deposit_paid)}})));
  }
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Fitted(
      ctx, w.Text("slip.charge", {{"amount", money(s.settlement.charge)}}), layout::kLarge));
  if (s.settlement.give_back > 0) {
    GB_RETURN_IF_ERROR(layout::Fitted(
        ctx, w.Text("slip.give_back", {{"amount", money(s.settlement.give_back)}}),
        layout::kLarge));
  }
  b.SetBold(false);
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text("slip.at", {{"time", w.DateTime(s.at, ctx.store.utc_offset_minutes)},
                              {"place", s.place}})));
  b.Feed(3).Cut();
  return base::Status::Ok();
}

base::Status AppendShelfCard(const Context& ctx, const ShelfCard& c) {
  escpos::Builder& b = ctx.builder;
  const i18n::Catalog& w = ctx.words;
  const rules::Deal& d = c.deal;
  const int64_t threshold = rules::Threshold(d);
  GB_RETURN_IF_ERROR(layout::Header(ctx, false));
  GB_RETURN_IF_ERROR(layout::Heading(ctx, layout::Title(d, w.lang())));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Fitted(
      ctx, layout::Money(ctx, rules::PriceNow(d, c.tally.committed), d.currency), layout::kHuge));
  b.SetBold(false);
  layout::ProgressBar(ctx, c.tally.committed, threshold, 64);
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Fitted(
      ctx, w.Plural("shelf.joined", c.tally.committed, {{"total", std::to_string(threshold)}}),
      layout::kLarge));
  b.SetBold(false);
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text("shelf.until", {{"deadline", w.DateTime(d.deadline, ctx.store.utc_offset_minutes)}})));
  b.Feed(1);
  GB_RETURN_IF_ERROR(b.RasterQr(ShelfCardQrText(d.id)));
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("shelf.scan")));
  b.Feed(3).Cut();
  return base::Status::Ok();
}

}  // namespace gb::receipts
