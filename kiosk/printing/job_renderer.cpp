#include "kiosk/printing/job_renderer.h"

#include <nlohmann/json.hpp>

#include "core/base/log.h"
#include "drivers/escpos/test_page.h"
#include "drivers/hyphen/lib_hyphenator.h"
#include "drivers/text/ttf_rasterizer.h"

namespace gb::printing {
namespace {

base::Status BadJob(const ledger::PrintJob& job, const std::string& why) {
  return base::Status::InvalidArgument(
      "bad_print_job", "print job " + std::to_string(job.id) + " (" + job.kind + "): " + why);
}

// Reads an integer field of a slip's payload.
base::Result<int64_t> Field(const nlohmann::json& p, const char* key, const ledger::PrintJob& job) {
  auto it = p.find(key);
  if (it == p.end() || !it->is_number_integer()) return BadJob(job, std::string("no '") + key + "'");
  return it->get<int64_t>();
}

base::Result<std::string> TextField(const nlohmann::json& p, const char* key,
                                    const ledger::PrintJob& job) {
  auto it = p.find(key);
  if (it == p.end() || !it->is_string()) return BadJob(job, std::string("no '") + key + "'");
  return it->get<std::string>();
}

}  // namespace

base::Result<std::unique_ptr<JobRenderer>> JobRenderer::Create(
    receipts::Store store, std::unique_ptr<escpos::TextRasterizer> rasterizer) {
  if (!rasterizer) {
    GB_ASSIGN_OR_RETURN(auto ttf, text::TtfRasterizer::Create());
    // Receipts still print with a fallback font; the operator should know.
    if (!ttf->notice().empty()) base::LogWarning("receipts: " + ttf->notice());
    // The screen's dictionaries: a word too wide for the paper breaks with a hyphen.
    GB_ASSIGN_OR_RETURN(auto hyphenator, hyphen::LibHyphenator::Create());
    ttf->set_hyphenator(std::move(hyphenator));
    rasterizer = std::move(ttf);
  }
  return std::unique_ptr<JobRenderer>(new JobRenderer(std::move(store), std::move(rasterizer)));
}

base::Result<std::vector<uint8_t>> JobRenderer::Render(ledger::Ledger& ledger,
                                                       const ledger::PrintJob& job,
                                                       const escpos::PrinterProfile& profile,
                                                       int64_t now) {
  escpos::Builder b(profile);
  i18n::Lang lang = i18n::ParseLang(job.lang).ok() ? *i18n::ParseLang(job.lang) : i18n::Lang::kEn;
  receipts::Context ctx{b, *rasterizer_, i18n::Catalog::For(lang), store_};
  nlohmann::json p = nlohmann::json::parse(job.payload, nullptr, false);
  if (!p.is_object()) return BadJob(job, "the payload is not a JSON object");

  if (job.kind == "voucher") {
    if (!job.pledge_id) return BadJob(job, "no pledge");
    GB_ASSIGN_OR_RETURN(ledger::VoucherPrint v, ledger.VoucherForPrint(*job.pledge_id, now));
    lang = i18n::ParseLang(v.lang).ok() ? *i18n::ParseLang(v.lang) : lang;
    receipts::Context vctx{b, *rasterizer_, i18n::Catalog::For(lang), store_};
    GB_RETURN_IF_ERROR(receipts::AppendVoucherReceipt(
        vctx, {v.deal.deal, v.deal.state, v.deal.tally, v.position, v.voucher_text, v.short_code,
               v.joined_at, v.deposit_due, v.offline, job.reprint}));
  } else if (job.kind == "test") {
    std::string qr = p.value("qr", std::string("GB1:TEST PAGE"));
    GB_RETURN_IF_ERROR(escpos::AppendTestPage(b, *rasterizer_, qr));
  } else if (job.kind == "shelf") {
    GB_ASSIGN_OR_RETURN(int64_t deal_id, Field(p, "deal_id", job));
    GB_ASSIGN_OR_RETURN(ledger::DealRecord d, ledger.GetDeal(static_cast<uint32_t>(deal_id), now));
    GB_RETURN_IF_ERROR(receipts::AppendShelfCard(ctx, {d.deal, d.tally}));
  } else if (job.kind == "cancellation" || job.kind == "redemption") {
    GB_ASSIGN_OR_RETURN(int64_t deal_id, Field(p, "deal_id", job));
    GB_ASSIGN_OR_RETURN(std::string code, TextField(p, "short_code", job));
    GB_ASSIGN_OR_RETURN(int64_t at, Field(p, "at", job));
    GB_ASSIGN_OR_RETURN(ledger::DealRecord d, ledger.GetDeal(static_cast<uint32_t>(deal_id), now));
    if (job.kind == "cancellation") {
      GB_ASSIGN_OR_RETURN(int64_t refund, Field(p, "refund", job));
      GB_RETURN_IF_ERROR(receipts::AppendCancellationSlip(ctx, {d.deal, code, refund, at, job.reprint}));
    } else {
      rules::Settlement s;
      GB_ASSIGN_OR_RETURN(s.price, Field(p, "price", job));
      GB_ASSIGN_OR_RETURN(s.deposit_paid, Field(p, "deposit_paid", job));
      GB_ASSIGN_OR_RETURN(s.charge, Field(p, "charge", job));
      GB_ASSIGN_OR_RETURN(s.give_back, Field(p, "give_back", job));
      GB_ASSIGN_OR_RETURN(std::string place, TextField(p, "place", job));
      GB_RETURN_IF_ERROR(receipts::AppendRedemptionSlip(ctx, {d.deal, code, s, at, place, job.reprint}));
    }
  } else if (job.kind == "deposit" || job.kind == "refund") {
    GB_ASSIGN_OR_RETURN(int64_t deal_id, Field(p, "deal_id", job));
    GB_ASSIGN_OR_RETURN(std::string code, TextField(p, "short_code", job));
    GB_ASSIGN_OR_RETURN(int64_t amount, Field(p, "amount", job));
    GB_ASSIGN_OR_RETURN(int64_t at, Field(p, "at", job));
    GB_ASSIGN_OR_RETURN(std::string till, TextField(p, "till", job));
    GB_ASSIGN_OR_RETURN(ledger::DealRecord d, ledger.GetDeal(static_cast<uint32_t>(deal_id), now));
    if (job.kind == "deposit") {
      GB_RETURN_IF_ERROR(
          receipts::AppendDepositReceipt(ctx, {d.deal, code, amount, at, till, job.reprint}));
    } else {
      const bool failed = p.value("cause", std::string()) == "failed";
      GB_RETURN_IF_ERROR(
          receipts::AppendRefundSlip(ctx, {d.deal, code, amount, at, till, failed, job.reprint}));
    }
  } else {
    return BadJob(job, "unknown kind");
  }
  return b.Take();
}

}  // namespace gb::printing
