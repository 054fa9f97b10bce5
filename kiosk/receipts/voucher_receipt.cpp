// The voucher receipt: what a shopper takes home after joining. It must say,
// without staff to explain it, where the deal stands, what they will pay at
// most, until when they may cancel, and what happens if the deal fails.
#include "kiosk/receipts/layout.h"
#include "kiosk/receipts/receipts.h"

namespace gb::receipts {

base::Status AppendVoucherReceipt(const Context& ctx, const VoucherReceipt& r) {
  escpos::Builder& b = ctx.builder;
  const i18n::Catalog& w = ctx.words;
  const rules::Deal& d = r.deal;
  const int tz = ctx.store.utc_offset_minutes;
  auto money = [&](int64_t minor) { return layout::Money(ctx, minor, d.currency); };

  GB_RETURN_IF_ERROR(layout::Header(ctx, r.reprint));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, layout::Title(d, w.lang())));
  b.SetBold(false).Feed(1);

  GB_RETURN_IF_ERROR(
      layout::Heading(ctx, w.Text("receipt.you_are", {{"n", std::to_string(r.position)}})));
  const int64_t threshold = rules::Threshold(d);
  const bool unlocked = r.state == rules::DealState::kUnlocked || r.tally.committed >= threshold;
  if (unlocked) {
    GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.unlocked")));
  } else {
    GB_RETURN_IF_ERROR(
        layout::Paragraph(ctx, w.Plural("receipt.more_needed", threshold - r.tally.committed)));
  }
  layout::ProgressBar(ctx, r.tally.committed, threshold, 28);
  b.Feed(1).SetAlign(escpos::Align::kLeft);

  // Before it unlocks there is no price "now": only the most and the least.
  if (unlocked) {
    GB_RETURN_IF_ERROR(layout::Paragraph(
        ctx,
        w.Text("receipt.price_now", {{"price", money(rules::PriceNow(d, r.tally.committed))}})));
  }
  GB_RETURN_IF_ERROR(
      layout::Paragraph(ctx, w.Text("receipt.lowest_price", {{"price", money(rules::LowestPrice(d))}})));
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text("receipt.regular_price", {{"price", money(d.regular_price_minor)}})));
  for (const rules::Tier& t : d.tiers) {
    GB_RETURN_IF_ERROR(layout::Paragraph(
        ctx, "  " + w.Plural("receipt.tier", t.participants, {{"price", money(t.price_minor)}})));
  }
  b.Feed(1);
  const std::string deadline = w.DateTime(d.deadline, tz);
  // An unlocked deal never fails (rules/deal_state.h): no threshold to reach.
  if (!unlocked) {
    b.SetBold(true);
    GB_RETURN_IF_ERROR(
        layout::Paragraph(ctx, w.Plural("receipt.needs_by", threshold, {{"deadline", deadline}})));
    b.SetBold(false);
  }
  GB_RETURN_IF_ERROR(
      layout::Paragraph(ctx, w.Text("receipt.terms", {{"max", money(rules::MaxPrice(d))}})));
  if (d.fee_bp > 0) {
    GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.fee", {{"fee", layout::Percent(ctx, d.fee_bp)}})));
  }
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, w.Text("receipt.cancel_until", {{"stop", w.DateTime(rules::EffectiveStop(d), tz)}})));
  if (r.deposit_due > 0) {
    b.SetBold(true);
    GB_RETURN_IF_ERROR(layout::Paragraph(
        ctx, w.Text("receipt.deposit_due",
                    {{"amount", money(r.deposit_due)},
                     {"time", w.DateTime(r.joined_at + d.deposit.pay_within_s, tz)}})));
    b.SetBold(false);
  }
  GB_RETURN_IF_ERROR(
      layout::Paragraph(ctx, w.Text("receipt.redeem_by", {{"date", w.Date(d.redeem_by, tz)}})));

  b.Feed(1).SetAlign(escpos::Align::kCenter);
  GB_RETURN_IF_ERROR(b.RasterQr(r.voucher_text));
  // For typing at the till when the QR will not scan: large and labelled.
  b.SetBold(true);
  GB_RETURN_IF_ERROR(
      layout::Fitted(ctx, w.Text("receipt.code", {{"code", r.short_code}}), layout::kLarge));
  b.SetBold(false);
  if (r.offline) GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.offline")));
  // What to do with this paper now, beside the code it is about.
  b.SetBold(true);
  GB_RETURN_IF_ERROR(layout::Paragraph(
      ctx, unlocked ? w.Text("receipt.next_unlocked", {{"date", w.Date(d.redeem_by, tz)}})
                    : w.Text("receipt.next_wait")));
  b.SetBold(false);
  if (r.joined_at < rules::EffectiveStop(d)) {
    GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.Text("receipt.next_check")));
  }
  layout::Rule(ctx);
  b.SetAlign(escpos::Align::kLeft);
  if (!unlocked) {
    GB_RETURN_IF_ERROR(
        layout::Paragraph(ctx, w.Plural("receipt.if_fails", threshold, {{"deadline", deadline}})));
  }
  GB_RETURN_IF_ERROR(layout::Paragraph(ctx, w.DateTime(r.joined_at, tz)));
  if (r.reprint) {
    b.SetAlign(escpos::Align::kCenter).SetBold(true);
    GB_RETURN_IF_ERROR(layout::Paragraph(ctx, layout::ReprintMark(w)));
    b.SetBold(false);
  }
  b.Feed(3).Cut();
  return base::Status::Ok();
}

}  // namespace gb::receipts
