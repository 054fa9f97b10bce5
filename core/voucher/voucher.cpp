#include "core/voucher/voucher.h"

#include <algorithm>

namespace gb::voucher {
namespace {

// Field offsets of the layout table; EncodeBody and DecodeBody both walk them
// so the two directions cannot disagree.
constexpr size_t kVersionAt = 0;
constexpr size_t kKeyIdAt = 1;
constexpr size_t kDealIdAt = 5;
constexpr size_t kSerialAt = 9;
constexpr size_t kIssuedAtAt = 17;
constexpr size_t kPriceAt = 21;
constexpr size_t kTermsHashAt = 25;
constexpr size_t kFlagsAt = 33;
static_assert(kFlagsAt + 1 == kBodySize);

template <typename T>
void PutBigEndian(std::array<uint8_t, kBodySize>& out, size_t at, T value) {
  for (size_t i = 0; i < sizeof(T); ++i) {
    out[at + i] = static_cast<uint8_t>(value >> (8 * (sizeof(T) - 1 - i)));
  }
}

template <typename T>
T GetBigEndian(std::span<const uint8_t, kBodySize> in, size_t at) {
  T value = 0;
  for (size_t i = 0; i < sizeof(T); ++i) value = static_cast<T>((value << 8) | in[at + i]);
  return value;
}

}  // namespace

std::array<uint8_t, kBodySize> EncodeBody(const Body& body) {
  std::array<uint8_t, kBodySize> out{};
  out[kVersionAt] = body.version;
  PutBigEndian(out, kKeyIdAt, body.key_id);
  PutBigEndian(out, kDealIdAt, body.deal_id);
  PutBigEndian(out, kSerialAt, body.serial);
  PutBigEndian(out, kIssuedAtAt, body.issued_at);
  PutBigEndian(out, kPriceAt, body.price_minor);
  std::copy(body.terms_hash.begin(), body.terms_hash.end(), out.begin() + kTermsHashAt);
  out[kFlagsAt] = body.flags;
  return out;
}

Body DecodeBody(std::span<const uint8_t, kBodySize> bytes) {
  Body body;
  body.version = bytes[kVersionAt];
  body.key_id = GetBigEndian<uint32_t>(bytes, kKeyIdAt);
  body.deal_id = GetBigEndian<uint32_t>(bytes, kDealIdAt);
  body.serial = GetBigEndian<uint64_t>(bytes, kSerialAt);
  body.issued_at = GetBigEndian<uint32_t>(bytes, kIssuedAtAt);
  body.price_minor = GetBigEndian<uint32_t>(bytes, kPriceAt);
  std::copy_n(bytes.begin() + kTermsHashAt, body.terms_hash.size(), body.terms_hash.begin());
  body.flags = bytes[kFlagsAt];
  return body;
}

}  // namespace gb::voucher
