#include "core/voucher/terms_hash.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

using test::Hex;

TEST(TermsHashTest, DocumentedExamplesHashToTheirVectors) {
  EXPECT_EQ(Hex(TermsHash(test::kExampleTerms)), test::kExampleTermsHashHex);
  EXPECT_EQ(Hex(TermsHash(test::kDepositTerms)), test::kDepositTermsHashHex);
  EXPECT_EQ(TermsHash(test::kExampleTerms), test::kExampleTermsHash);
}

TEST(TermsHashTest, IsTheFirstEightBytesOfSha256) {
  // SHA-256("abc") = ba7816bf 8f01cfea ... (FIPS 180-2, appendix B.1).
  EXPECT_EQ(Hex(TermsHash("abc")), "ba7816bf8f01cfea");
  // SHA-256("") = e3b0c442 98fc1c14 ...
  EXPECT_EQ(Hex(TermsHash("")), "e3b0c44298fc1c14");
}

TEST(TermsHashTest, AnyChangeToTheTextChangesTheHash) {
  const std::string terms(test::kExampleTerms);
  const auto hash = TermsHash(terms);
  EXPECT_NE(TermsHash(terms.substr(0, terms.size() - 1)), hash);  // no final "\n"
  std::string crlf = terms;
  crlf.insert(crlf.find('\n'), "\r");
  EXPECT_NE(TermsHash(crlf), hash);
  std::string fee = terms;
  fee.replace(fee.find("fee_bp=250"), 10, "fee_bp=251");
  EXPECT_NE(TermsHash(fee), hash);
}

}  // namespace
}  // namespace gb::voucher
