#include "core/voucher/codec.h"

#include <algorithm>
#include <cassert>
#include <vector>

#include "core/voucher/base45.h"
#include "core/voucher/describe.h"

namespace gb::voucher {

using base::Code;
using base::Status;

static_assert(kSignatureSize == kEd25519SignatureSize);

Voucher Sign(const Body& body, const SigningKey& key) {
  assert(body.version == kVersion && "Parse would refuse this voucher");
  return Voucher{body, key.Sign(EncodeBody(body))};
}

std::string Encode(const Voucher& voucher) {
  std::array<uint8_t, kBodySize> bytes = EncodeBody(voucher.body);
  std::array<uint8_t, kVoucherSize> all{};
  std::copy(bytes.begin(), bytes.end(), all.begin());
  std::copy(voucher.signature.begin(), voucher.signature.end(), all.begin() + kBodySize);
  return std::string(kPrefix) + Base45Encode(all);
}

std::string Issue(const Body& body, const SigningKey& key) { return Encode(Sign(body, key)); }

base::Result<Voucher> Parse(std::string_view text) {
  if (!text.starts_with(kPrefix)) {
    return Status::InvalidArgument(
        "bad_prefix", text.empty()
                          ? std::string("the text is empty; a GB1 voucher starts with \"GB1:\"")
                          : "a GB1 voucher starts with \"GB1:\"; this text starts with " +
                                Quote(text.substr(0, kPrefix.size())));
  }
  auto decoded = Base45Decode(text.substr(kPrefix.size()));
  // Base45 positions count from the end of the prefix; say so, or a person
  // counting from the first character would look 4 places too early.
  if (!decoded.ok()) return decoded.status().WithContext("after the \"GB1:\" prefix");
  const std::vector<uint8_t>& bytes = *decoded;
  if (bytes.size() != kVoucherSize) {
    return Status::InvalidArgument("wrong_length",
                                   "the voucher decodes to " + std::to_string(bytes.size()) +
                                       " bytes; a GB1 voucher has 98 (34 body + 64 signature)");
  }
  Voucher v;
  v.body = DecodeBody(std::span<const uint8_t, kBodySize>(bytes.data(), kBodySize));
  if (v.body.version != kVersion) {
    return Status::InvalidArgument(
        "unknown_version", "the voucher has format version " + std::to_string(v.body.version) +
                               "; this verifier knows version " + std::to_string(kVersion));
  }
  std::copy(bytes.begin() + kBodySize, bytes.end(), v.signature.begin());
  return v;
}

base::Result<Voucher> Verify(std::string_view text, const KeyRing& ring) {
  return Verify(text, ring, nullptr);
}

base::Result<Voucher> Verify(std::string_view text, const KeyRing& ring,
                             const PublicKey* checked_with) {
  GB_ASSIGN_OR_RETURN(Voucher v, Parse(text));
  GB_ASSIGN_OR_RETURN(PublicKey key, ring.KeyFor(v.body.key_id, v.body.issued_at));
  // The signature depends only on the key and the text: a check already made
  // with this very key for this very text stands.
  if (checked_with != nullptr && *checked_with == key) return v;
  if (!key.Verify(EncodeBody(v.body), v.signature)) {
    return Status::Error(Code::kUnauthenticated, "bad_signature",
                         "the signature does not match the voucher's content for key id " +
                             std::to_string(v.body.key_id) +
                             ": the voucher was altered or not issued with that key");
  }
  return v;
}

}  // namespace gb::voucher
