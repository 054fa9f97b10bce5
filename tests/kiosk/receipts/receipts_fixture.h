// Shared by the receipt tests: the real rasterizer, a signed sample voucher,
// a store, long titles, and a rasterizer that remembers what it drew.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <string>

#include "core/voucher/codec.h"
#include "drivers/text/ttf_rasterizer.h"
#include "kiosk/receipts/receipts.h"
#include "tests/core/rules/sample_deal.h"

namespace gb::receipts::fixture {

inline const text::TtfRasterizer& Rasterizer() {
  static const std::unique_ptr<text::TtfRasterizer> r = [] {
    auto created = text::TtfRasterizer::Create();
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? std::move(created).value() : nullptr;
  }();
  return *r;
}

inline voucher::Voucher SampleVoucher() {
  std::array<uint8_t, 32> seed{};
  seed.fill(7);
  auto key = std::move(voucher::SigningKey::FromSeed(seed)).value();
  voucher::Body body;
  body.key_id = 7;
  body.deal_id = 42;
  body.serial = 7;
  body.issued_at = rules::testing::kOpens + 3600;
  body.price_minor = 59900;
  return voucher::Sign(body, key);
}

inline const Store kStore{"Sofa & Co. Store 12", 60};

// Draws with the real fonts and remembers every text it was asked to draw, so
// a test can read the words of lines that went to the printer as images.
class RecordingRasterizer final : public escpos::TextRasterizer {
 public:
  base::Result<escpos::Bitmap> Render(std::string_view utf8, int px_height, bool bold,
                                      int max_width) const override {
    drawn += std::string(utf8) + "\n";

    return Rasterizer().Render(utf8, px_height, bold, max_width);
  }
  mutable std::string drawn;
};

// Titles as long as the longest of the demo catalog (about 80 characters).
inline void UseLongTitles(rules::Deal& deal) {
  deal.title = {
      {"en", "Coffee table Fjord, solid oak with a glass top and a magazine shelf below"},
      {"ru", "Журнальный столик «Фьорд» из массива дуба со стеклянной столешницей и полкой"},
      {"zh", "峡湾实木橡木咖啡桌，钢化玻璃桌面，下方带杂志架，适合小客厅"}};
}

}  // namespace gb::receipts::fixture
