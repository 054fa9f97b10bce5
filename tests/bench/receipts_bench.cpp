// make bench, printing part: the voucher receipt (QR included) built end to
// end, against the limit measured in the same run: raw libqrencode encoding
// of the same text plus rasterising it. The npm peer is timed by
// scripts/bench_peer.js and printed beside these figures by scripts/bench.sh.
#include <qrencode.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <memory>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "drivers/escpos/builder.h"
#include "drivers/text/ttf_rasterizer.h"
#include "kiosk/receipts/receipts.h"
#include "tests/bench/bench_util.h"
#include "tests/core/rules/sample_deal.h"

namespace {

using gb::bench::Report;
using gb::bench::SecondsPerCall;

// The limit: libqrencode straight, then one byte per module row scan into a
// 1-bit raster at 4 dots per module, as any receipt must do at least.
size_t RawQr(const std::string& text) {
  QRinput* in = QRinput_new2(0, QR_ECLEVEL_M);
  QRinput_append(in, QR_MODE_AN, static_cast<int>(text.size()),
                 reinterpret_cast<const unsigned char*>(text.data()));
  QRcode* qr = QRcode_encodeInput(in);
  const int w = qr->width, scale = 4, quiet = 4;
  const int dots = (w + 2 * quiet) * scale;
  const int stride = (dots + 7) / 8;
  std::vector<uint8_t> bits(static_cast<size_t>(stride * dots));
  for (int y = 0; y < w; ++y) {
    for (int x = 0; x < w; ++x) {
      if ((qr->data[y * w + x] & 1) == 0) continue;
      for (int dy = 0; dy < scale; ++dy) {
        for (int dx = 0; dx < scale; ++dx) {
          int px = (x + quiet) * scale + dx, py = (y + quiet) * scale + dy;
          bits[static_cast<size_t>(py * stride + px / 8)] |= static_cast<uint8_t>(0x80 >> (px % 8));
        }
      }
    }
  }
  QRcode_free(qr);
  QRinput_free(in);
  return bits.size();
}

}  // namespace

// {"raster_ms": x, "native_ms": y} from scripts/bench_peer.mjs, if it ran.
std::optional<std::pair<double, double>> PeerFigures() {
  const char* json = std::getenv("GB_PEER_JSON");
  if (json == nullptr || *json == '\0') return std::nullopt;
  double raster = 0, native = 0;
  if (std::sscanf(json, "{\"raster_ms\":%lf,\"native_ms\":%lf}", &raster, &native) != 2) {
    return std::nullopt;
  }
  return std::make_pair(raster, native);
}

int main(int argc, char** argv) {
  std::array<uint8_t, 32> seed{};
  auto key = std::move(gb::voucher::SigningKey::FromSeed(seed)).value();
  gb::voucher::Body body;
  body.key_id = 7;
  body.deal_id = 42;
  body.serial = 7;
  body.issued_at = 1767225600;
  body.price_minor = 59900;
  gb::voucher::Voucher v = gb::voucher::Sign(body, key);
  const std::string text = gb::voucher::Encode(v);
  const std::string code = gb::voucher::ShortCode(v);
  if (argc > 1 && std::string(argv[1]) == "--print-voucher") {
    // The same voucher for the npm peer (scripts/bench.sh).
    std::printf("%s %s\n", text.c_str(), code.c_str());
    return 0;
  }
  auto rasterizer = std::move(gb::text::TtfRasterizer::Create()).value();
  const gb::rules::Deal deal = gb::rules::testing::SampleDeal();
  const gb::receipts::Store store{"Sofa & Co. Store 12", 60};

  size_t bytes = 0;
  for (const char* name : {"generic-58mm", "generic-80mm"}) {
    const gb::escpos::PrinterProfile profile = *gb::escpos::FindProfileByName(name);
    for (gb::i18n::Lang lang : {gb::i18n::Lang::kEn, gb::i18n::Lang::kZh}) {
      // Consecutive sign-ups of one deal: the position, the count still
      // needed and the time change from receipt to receipt, the rest does not.
      int64_t n = 0;
      double ours = SecondsPerCall([&] {
        ++n;
        gb::escpos::Builder b(profile);
        gb::receipts::Context ctx{b, *rasterizer, gb::i18n::Catalog::For(lang), store};
        const int64_t committed = 1 + n % 9;
        if (!gb::receipts::AppendVoucherReceipt(
                 ctx, {deal, gb::rules::DealState::kOpen, {committed, 0}, committed, text, code,
                       1767225600 + 60 * n, 0, false, false})
                 .ok()) {
          std::abort();
        }
        bytes = b.bytes().size();
      }, 50);
      double raw = SecondsPerCall([&] { RawQr(text); }, 500);
      std::string label = std::string("voucher receipt ") + std::string(gb::i18n::LangCode(lang)) +
                          " " + std::to_string(profile.width_dots) + " dots";
      Report(label, ours * 1e3, "ms", "raw libqrencode + raster (limit)", raw * 1e3,
             "aim <= 1.5x");
      std::printf("  (%zu bytes of ESC/POS)\n", bytes);
      if (auto peer = PeerFigures(); peer && lang == gb::i18n::Lang::kEn) {
        // Peer over ours: how many times faster ours is.
        std::printf("%-34s %10.2f ms     | ours is %5.1fx faster (aim >= 20x)\n",
                    "  npm peer, raster QR", peer->first, peer->first / (ours * 1e3));
        std::printf("%-34s %10.2f ms     | ours is %5.1fx faster (aim >= 3x)\n",
                    "  npm peer, native QR command", peer->second, peer->second / (ours * 1e3));
      }
    }
  }
  if (!PeerFigures()) std::printf("npm peer: not measured in this run\n");
  return 0;
}
