#include "sync/protocol/enroll_code.h"

#include <algorithm>
#include <vector>

#include "core/voucher/terms_hash.h"

namespace gb::protocol {
namespace {

using base::Status;

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr uint8_t kVersion = 1;
constexpr size_t kCheckBytes = 4;

Status Bad(const std::string& what) {
  return Status::InvalidArgument("bad_enroll_code", "enrolment code: " + what);
}

// Any SHA-256 prefix would do; TermsHash is the project's one wrapper of it.
std::array<uint8_t, kCheckBytes> Check(const std::vector<uint8_t>& bytes) {
  auto h = voucher::TermsHash(std::string_view(reinterpret_cast<const char*>(bytes.data()),
                                               bytes.size()));
  std::array<uint8_t, kCheckBytes> out{};
  std::copy_n(h.begin(), kCheckBytes, out.begin());
  return out;
}

std::string Base32(const std::vector<uint8_t>& bytes) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (uint8_t b : bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(acc >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (5 - bits)) & 31]);
  return out;
}

base::Result<std::vector<uint8_t>> FromBase32(std::string_view text, bool* dirty_tail) {
  std::vector<uint8_t> out;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) {
      return Bad("'" + std::string(1, text[i]) + "' at position " +
                 std::to_string(i + kEnrollCodePrefix.size() + 1) + " is not a letter A-Z or a digit 2-7");
    }
    acc = (acc << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<uint8_t>(acc >> (bits - 8)));
      bits -= 8;
    }
  }
  // Canonical only: the padding bits of the last character must be zero, so
  // each code has one spelling and every single typo is caught. Checked by
  // the caller after the length, which explains a cut-off code better.
  *dirty_tail = bits > 0 && (acc & ((1u << bits) - 1)) != 0;
  return out;
}

void PutBE(std::vector<uint8_t>& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint64_t GetBE(const std::vector<uint8_t>& in, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | in[at + static_cast<size_t>(i)];
  return v;
}

bool GoodHost(std::string_view host) {
  return !host.empty() && host.size() <= 253 &&
         std::all_of(host.begin(), host.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

}  // namespace

base::Result<std::string> EncodeEnrollCode(const EnrollCode& code) {
  if (!GoodHost(code.host)) return Bad("the host must be 1..253 printable ASCII characters");
  if (code.port == 0) return Bad("the port must not be 0");
  if (code.expires_at < 0) return Bad("the expiry must not be negative");
  std::vector<uint8_t> body{kVersion};
  PutBE(body, static_cast<uint64_t>(code.expires_at), 8);
  PutBE(body, code.port, 2);
  body.push_back(static_cast<uint8_t>(code.host.size()));
  body.insert(body.end(), code.host.begin(), code.host.end());
  body.insert(body.end(), code.cert_sha256.begin(), code.cert_sha256.end());
  body.insert(body.end(), code.secret.begin(), code.secret.end());
  const auto check = Check(body);
  body.insert(body.end(), check.begin(), check.end());
  return std::string(kEnrollCodePrefix) + Base32(body);
}

base::Result<EnrollCode> DecodeEnrollCode(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  std::string prefix(text.substr(0, kEnrollCodePrefix.size()));
  std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  if (prefix != kEnrollCodePrefix) return Bad("it must start with GBE1:");
  bool dirty_tail = false;
  GB_ASSIGN_OR_RETURN(std::vector<uint8_t> b,
                      FromBase32(text.substr(kEnrollCodePrefix.size()), &dirty_tail));

  // version, expiry, port, host length, then at least a 1-byte host.
  constexpr size_t kFixed = 1 + 8 + 2 + 1 + 32 + 16 + kCheckBytes;
  if (b.size() < kFixed + 1) return Bad("too short; a part is missing");
  if (b[0] != kVersion) return Bad("version " + std::to_string(b[0]) + " is not supported");
  const size_t host_len = b[11];
  if (b.size() != kFixed + host_len) return Bad("the length does not match; a part is missing or extra");
  if (dirty_tail) return Bad("the last character is not valid there: mistyped or damaged");
  std::vector<uint8_t> body(b.begin(), b.end() - kCheckBytes);
  const auto check = Check(body);
  if (!std::equal(check.begin(), check.end(), b.end() - kCheckBytes)) {
    return Bad("the check does not match: mistyped or damaged");
  }
  EnrollCode code;
  const uint64_t expires = GetBE(b, 1, 8);
  if (expires > static_cast<uint64_t>(INT64_MAX)) return Bad("the expiry is out of range");
  code.expires_at = static_cast<int64_t>(expires);
  code.port = static_cast<uint16_t>(GetBE(b, 9, 2));
  code.host.assign(b.begin() + 12, b.begin() + 12 + static_cast<std::ptrdiff_t>(host_len));
  if (code.port == 0 || !GoodHost(code.host)) return Bad("the server address is not valid");
  size_t at = 12 + host_len;
  std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(at), 32, code.cert_sha256.begin());
  at += 32;
  std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(at), 16, code.secret.begin());
  return code;
}

}  // namespace gb::protocol
