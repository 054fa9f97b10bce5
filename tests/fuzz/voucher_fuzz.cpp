// libFuzzer harness for everything that reads untrusted voucher text: a QR
// scanner or a keypad can deliver any bytes. Besides crashes and sanitizer
// findings it checks the round-trip properties the format relies on, so a
// decoder that accepts two spellings of one voucher is a finding too.
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/voucher/base45.h"
#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"

namespace {

using namespace gb::voucher;

// The key of vector 2 in docs/voucher-format.md (seed 00..1f), as key id 7.
const KeyRing& Ring() {
  static const KeyRing ring = [] {
    std::array<uint8_t, 32> seed{};
    for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i);
    auto key = SigningKey::FromSeed(seed);
    if (!key.ok()) std::abort();
    KeyRing r;
    r.Add(7, key->Public());
    return r;
  }();
  return ring;
}

void Check(bool property) {
  if (!property) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  // Base45 is canonical: whatever decodes re-encodes to the same text.
  auto bytes = Base45Decode(text);
  if (bytes.ok()) Check(Base45Encode(*bytes) == text);

  // A parsed voucher is exactly its decoded bytes, so the signature, checked
  // over EncodeBody(body), covers what was scanned and nothing else.
  auto parsed = Parse(text);
  if (parsed.ok()) {
    Check(text.size() == kTextSize);
    auto decoded = Base45Decode(text.substr(kPrefix.size()));
    Check(decoded.ok() && decoded->size() == kVoucherSize);
    auto body = EncodeBody(parsed->body);
    Check(std::equal(body.begin(), body.end(), decoded->begin()));
    Check(std::equal(parsed->signature.begin(), parsed->signature.end(),
                     decoded->begin() + kBodySize));
  } else {
    Check(!parsed.status().reason().empty() && !parsed.status().message().empty());
  }

  auto verified = Verify(text, Ring());
  if (verified.ok()) Check(parsed.ok() && verified->body == parsed->body);

  auto parts = ParseShortCode(text);
  if (parts.ok()) Check(parts->auth < 10000);
  return 0;
}
