// docs/voucher-format.md is a specification other people implement against:
// every vector and every tag it gives must be the one the code produces.
#include <gtest/gtest.h>

#include <string>

#include "core/base/file_util.h"
#include "core/voucher/short_code.h"
#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

// The fields block of a vector, as the document writes it.
std::string FieldsBlock(const Body& b) {
  return "version=" + std::to_string(b.version) + "\nkey_id=" + std::to_string(b.key_id) +
         "\ndeal_id=" + std::to_string(b.deal_id) + "\nserial=" + std::to_string(b.serial) +
         "\nissued_at=" + std::to_string(b.issued_at) +
         "\nprice_minor=" + std::to_string(b.price_minor) +
         "\nterms_hash=" + test::Hex(b.terms_hash) + "\nflags=" + std::to_string(b.flags) + "\n";
}

class VoucherFormatDocTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto doc = base::ReadFile(std::string(GB_SOURCE_DIR) + "/docs/voucher-format.md");
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    doc_ = *doc;
  }

  void ExpectInDoc(std::string_view what, std::string_view text) const {
    EXPECT_NE(doc_.find(text), std::string::npos)
        << "docs/voucher-format.md lacks " << what << ":\n"
        << text;
  }

  std::string doc_;
};

TEST_F(VoucherFormatDocTest, HoldsEveryVectorVerbatim) {
  for (const auto& v : test::Vectors()) {
    SCOPED_TRACE(v.name);
    ExpectInDoc("the seed", v.seed_hex);
    ExpectInDoc("the private key PEM", v.private_pem);
    ExpectInDoc("the public key PEM", v.public_pem);
    ExpectInDoc("the fields", FieldsBlock(v.body));
    ExpectInDoc("the body bytes", v.body_hex);
    ExpectInDoc("the voucher text", "\n" + std::string(v.text) + "\n");
    ExpectInDoc("the short code", v.short_code);
  }
}

TEST_F(VoucherFormatDocTest, HoldsTheCanonicalTermsExamplesAndTheirHashes) {
  ExpectInDoc("the canonical terms example", test::kExampleTerms);
  ExpectInDoc("its hash", test::kExampleTermsHashHex);
  ExpectInDoc("the deposit terms example", test::kDepositTerms);
  ExpectInDoc("its hash", test::kDepositTermsHashHex);
}

TEST_F(VoucherFormatDocTest, HoldsTheOpenSslRecipe) {
  ExpectInDoc("the verification command",
              "openssl pkeyutl -verify -pubin -inkey signing.pub -rawin -in body.bin "
              "-sigfile sig.bin");
}

TEST_F(VoucherFormatDocTest, NamesEveryRejectionReason) {
  for (std::string_view tag : {"bad_prefix", "bad_base45", "bad_base45_triple", "wrong_length",
                               "unknown_version", "unknown_key", "revoked_key", "bad_signature",
                               "bad_short_code", "short_code_check", "bad_key", "insecure_mode"}) {
    ExpectInDoc("a reason tag", "`" + std::string(tag) + "`");
  }
}

}  // namespace
}  // namespace gb::voucher
