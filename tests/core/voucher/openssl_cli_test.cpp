// The interoperability promise of docs/voucher-format.md: with only the public
// key file, the OpenSSL command line verifies a voucher on its own.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/base/file_util.h"
#include "core/voucher/codec.h"
#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

// Runs a shell command in `dir`; returns its stdout and stderr together.
std::string RunShell(const test::ScopedTempDir& dir, const std::string& command) {
  std::string line = "cd '" + dir.path().string() + "' && " + command + " 2>&1";
  std::string out;
  FILE* pipe = ::popen(line.c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  char buf[256];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

class OpenSslCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    auto parsed = Parse(vector_.text);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    voucher_ = *parsed;
    Write("signing.pub", vector_.public_pem, 0644);
    Write("signing.pem", vector_.private_pem, 0600);
    auto body = EncodeBody(voucher_.body);
    Write("body.bin", std::string(body.begin(), body.end()), 0644);
    Write("sig.bin", std::string(voucher_.signature.begin(), voucher_.signature.end()), 0644);
  }

  void Write(std::string_view name, std::string_view data, mode_t mode) {
    base::Status s = base::WriteFileAtomic(dir_.File(name), data, mode, base::Overwrite::kYes);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Exactly the recipe of shared/notes/voucher-gb1.md and docs/voucher-format.md.
  static constexpr const char* kVerify =
      "openssl pkeyutl -verify -pubin -inkey signing.pub -rawin -in body.bin -sigfile sig.bin";

  const test::Vector& vector_ = test::Vectors()[1];
  test::ScopedTempDir dir_;
  Voucher voucher_;
};

TEST_F(OpenSslCliTest, VerifiesADocumentedVoucher) {
  EXPECT_NE(RunShell(dir_, kVerify).find("Signature Verified Successfully"), std::string::npos)
      << RunShell(dir_, kVerify);
}

TEST_F(OpenSslCliTest, RefusesAnAlteredBody) {
  Body altered = voucher_.body;
  altered.price_minor -= 1;
  auto body = EncodeBody(altered);
  Write("body.bin", std::string(body.begin(), body.end()), 0644);
  std::string out = RunShell(dir_, kVerify);
  EXPECT_EQ(out.find("Signature Verified Successfully"), std::string::npos) << out;
  EXPECT_NE(out.find("Signature Verification Failure"), std::string::npos) << out;
}

TEST_F(OpenSslCliTest, SignsTheSameBytesAsTheKiosk) {
  std::string out = RunShell(dir_,
                             "openssl pkeyutl -sign -inkey signing.pem -rawin -in body.bin "
                             "-out cli.sig");
  auto cli_sig = base::ReadFile(dir_.File("cli.sig"));
  ASSERT_TRUE(cli_sig.ok()) << cli_sig.status().ToString() << "\n" << out;
  EXPECT_EQ(*cli_sig, std::string(voucher_.signature.begin(), voucher_.signature.end()));
}

}  // namespace
}  // namespace gb::voucher
