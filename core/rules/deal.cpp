#include "core/rules/deal.h"

#include <algorithm>
#include <limits>

#include "core/base/text.h"
#include "core/rules/money.h"

namespace gb::rules {
namespace {

base::Status Bad(const std::string& field, const std::string& why) {
  return base::Status::InvalidArgument("bad_deal", "deal field '" + field + "': " + why);
}

// Vouchers carry the price in 32 bits (docs/voucher-format.md).
constexpr int64_t kMaxPrice = std::numeric_limits<uint32_t>::max();

}  // namespace

base::Status ValidateDeal(const Deal& d) {
  if (d.id == 0) return Bad("id", "must be a positive number");
  if (d.title.empty()) return Bad("title", "needs at least one language");
  // Titles and descriptions reach every kiosk, receipt and JSON reply: valid
  // UTF-8 without control characters (a description may have line breaks).
  auto check_lang = [](const std::string& field, const std::string& lang) {
    const bool ok = lang.size() >= 2 && lang.size() <= 8 &&
                    std::all_of(lang.begin(), lang.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
                    });
    return ok ? base::Status::Ok()
              : Bad(field, "a language is a code such as en, ru or zh-Hans (2 to 8 letters)");
  };
  for (const auto& [lang, text] : d.title) {
    GB_RETURN_IF_ERROR(check_lang("title", lang));
    if (text.empty()) return Bad("title." + lang, "is empty");
    if (base::Status s = base::CheckText("text", text, {.max_bytes = 300}); !s.ok()) {
      return Bad("title." + lang, s.message());
    }
  }
  for (const auto& [lang, text] : d.description) {
    GB_RETURN_IF_ERROR(check_lang("description", lang));
    base::Status s = base::CheckText(
        "text", text, {.max_bytes = 4000, .allow_newline = true, .allow_empty = true});
    if (!s.ok()) return Bad("description." + lang, s.message());
  }
  if (base::Status s = base::CheckText("text", d.image, {.max_bytes = 255, .allow_empty = true});
      !s.ok()) {
    return Bad("image", s.message());
  }
  if (!CurrencyExponent(d.currency)) {
    return Bad("currency", "'" + d.currency + "' is not a supported ISO 4217 code");
  }
  if (d.regular_price_minor <= 0 || d.regular_price_minor > kMaxPrice) {
    return Bad("regular_price", "must be between 1 and " + std::to_string(kMaxPrice));
  }
  if (d.tiers.empty()) return Bad("tiers", "needs at least one tier (the threshold)");
  for (size_t i = 0; i < d.tiers.size(); ++i) {
    const Tier& t = d.tiers[i];
    std::string name = "tiers[" + std::to_string(i) + "]";
    if (t.participants < 1) return Bad(name, "participants must be at least 1");
    if (t.price_minor <= 0 || t.price_minor > d.regular_price_minor) {
      return Bad(name, "price must be positive and not above the regular price");
    }
    if (i > 0 && t.participants <= d.tiers[i - 1].participants) {
      return Bad(name, "participants must rise from tier to tier");
    }
    if (i > 0 && t.price_minor > d.tiers[i - 1].price_minor) {
      return Bad(name, "price must not rise as more people join");
    }
  }
  if (d.cap < 0) return Bad("cap", "must be 0 (no cap) or positive");
  if (d.cap > 0 && d.cap < d.tiers[0].participants) {
    return Bad("cap", "is below the threshold, so the deal could never unlock");
  }
  if (d.per_shopper < 1) return Bad("per_shopper", "must be at least 1");
  if (d.opens_at < 0) return Bad("opens_at", "must not be before 1970");
  if (d.stop_at <= d.opens_at) return Bad("stop_at", "must be after opens_at");
  if (d.deadline <= d.opens_at) return Bad("deadline", "must be after opens_at");
  if (d.redeem_by < d.deadline || d.redeem_by < d.stop_at) {
    return Bad("redeem_by", "must not be before the deadline or the stop time");
  }
  if (d.redeem_by > std::numeric_limits<uint32_t>::max()) {
    return Bad("redeem_by", "is beyond 2106, which vouchers cannot carry");
  }
  if (d.fee_bp < 0 || d.fee_bp > 10000) return Bad("fee", "must be 0 to 100 percent");
  switch (d.deposit.kind) {
    case DepositKind::kNone:
      if (d.deposit.value != 0 || d.deposit.pay_within_s != 0) {
        return Bad("deposit", "has an amount or a time but no kind");
      }
      break;
    case DepositKind::kAmount:
      if (d.deposit.value <= 0 || d.deposit.value > d.tiers[0].price_minor) {
        return Bad("deposit.amount", "must be positive and at most the threshold price");
      }
      break;
    case DepositKind::kPercent:
      if (d.deposit.value <= 0 || d.deposit.value > 10000) {
        return Bad("deposit.percent", "must be above 0 and at most 100 percent");
      }
      break;
    case DepositKind::kFull:
      if (d.deposit.value != 0) return Bad("deposit", "a full deposit takes no amount");
      break;
  }
  if (d.deposit.kind != DepositKind::kNone && d.deposit.pay_within_s <= 0) {
    return Bad("deposit.pay_within", "a deposit needs a time to pay it in");
  }
  return base::Status::Ok();
}

int32_t Threshold(const Deal& d) { return d.tiers.front().participants; }

int64_t EffectiveStop(const Deal& d) {
  return d.stopped_early_at ? std::min(d.stop_at, *d.stopped_early_at) : d.stop_at;
}

int64_t MaxPrice(const Deal& d) { return d.tiers.front().price_minor; }

int64_t LowestPrice(const Deal& d) { return d.tiers.back().price_minor; }

std::optional<size_t> ReachedTier(const Deal& d, int64_t committed) {
  std::optional<size_t> reached;
  for (size_t i = 0; i < d.tiers.size(); ++i) {
    if (committed >= d.tiers[i].participants) reached = i;
  }
  return reached;
}

int64_t PriceNow(const Deal& d, int64_t committed) {
  auto tier = ReachedTier(d, committed);
  return tier ? d.tiers[*tier].price_minor : MaxPrice(d);
}

std::optional<Tier> NextTier(const Deal& d, int64_t committed) {
  for (const Tier& t : d.tiers) {
    if (committed < t.participants) return t;
  }
  return std::nullopt;
}

int64_t FeePart(const Deal& d, int64_t price_minor) {
  return ApplyBasisPoints(price_minor, d.fee_bp);
}

int64_t DepositAmount(const Deal& d, int64_t price_minor) {
  switch (d.deposit.kind) {
    case DepositKind::kNone: return 0;
    case DepositKind::kAmount: return std::min(d.deposit.value, price_minor);
    case DepositKind::kPercent: return ApplyBasisPoints(price_minor, d.deposit.value);
    case DepositKind::kFull: return price_minor;
  }
  return 0;
}

std::string CanonicalTerms(const Deal& d) {
  // The exact text is a contract with every verifier: see docs/voucher-format.md.
  std::string out = "GB1-TERMS/1\n";
  out += "deal_id=" + std::to_string(d.id) + "\n";
  out += "currency=" + d.currency + "\n";
  out += "tiers=";
  for (size_t i = 0; i < d.tiers.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(d.tiers[i].participants) + ":" + std::to_string(d.tiers[i].price_minor);
  }
  out += "\n";
  out += "cap=" + std::to_string(d.cap) + "\n";
  out += "per_shopper=" + std::to_string(d.per_shopper) + "\n";
  out += "stop_at=" + std::to_string(d.stop_at) + "\n";
  out += "deadline=" + std::to_string(d.deadline) + "\n";
  out += "redeem_by=" + std::to_string(d.redeem_by) + "\n";
  out += "fee_bp=" + std::to_string(d.fee_bp) + "\n";
  switch (d.deposit.kind) {
    case DepositKind::kNone: out += "deposit=none\n"; break;
    case DepositKind::kAmount: out += "deposit=amount:" + std::to_string(d.deposit.value) + "\n"; break;
    case DepositKind::kPercent: out += "deposit=percent:" + std::to_string(d.deposit.value) + "\n"; break;
    case DepositKind::kFull: out += "deposit=full\n"; break;
  }
  out += "deposit_within=" + std::to_string(d.deposit.pay_within_s) + "\n";
  return out;
}

}  // namespace gb::rules
