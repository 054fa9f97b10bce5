// EnrollFlow: scanning, typing and submitting an enrolment code, over a desk
// whose outcome the test decides.
#include "kiosk/app/enroll_flow.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace gb::app {
namespace {

class FakeEnrollDesk final : public EnrollDesk {
 public:
  void Begin(const std::string& code) override { begun.push_back(code); }
  std::optional<EnrollOutcome> Poll() override {
    std::optional<EnrollOutcome> out = outcome;
    outcome.reset();
    return out;
  }

  std::vector<std::string> begun;
  std::optional<EnrollOutcome> outcome;  // what the next Poll says
};

class EnrollFlowTest : public ::testing::Test {
 protected:
  FakeEnrollDesk desk_;
  EnrollFlow flow_{desk_, i18n::Lang::kEn};
};

TEST_F(EnrollFlowTest, AScannedCodeStartsAtOnceInUpperCaseWithoutSpaces) {
  EXPECT_EQ(flow_.view().phase, EnrollPhase::kEntering);
  flow_.Scan("  gbe1:abc234\n");
  EXPECT_EQ(flow_.view().phase, EnrollPhase::kConnecting);
  EXPECT_TRUE(flow_.Busy());
  EXPECT_EQ(flow_.view().typed, "ABC234");
  ASSERT_EQ(desk_.begun, std::vector<std::string>{"GBE1:ABC234"});
  // Still running: ticks change nothing.
  const uint64_t rev = flow_.revision();
  flow_.Tick();
  EXPECT_EQ(flow_.revision(), rev);
  desk_.outcome = EnrollOutcome{true, ""};
  flow_.Tick();
  EXPECT_TRUE(flow_.enrolled());
  EXPECT_FALSE(flow_.Busy());
  EXPECT_GT(flow_.revision(), rev);
}

TEST_F(EnrollFlowTest, TypedKeysMakeTheCodeAndSubmitSendsItWithThePrefix) {
  for (const char* id : {"kb-41", "kb-32", "kb-37", "kb-5a", "kb-back", "kb-51"}) flow_.Tap(id);
  EXPECT_EQ(flow_.view().typed, "A27Q");
  // Keys outside Base32, and the name keyboard's extras, type nothing.
  for (const char* id : {"kb-61", "kb-30", "kb-31", "kb-38", "kb-2d", "kb-space", "key-1"}) {
    flow_.Tap(id);
  }
  EXPECT_EQ(flow_.view().typed, "A27Q");
  flow_.Tap(kEnrollSubmitId);
  ASSERT_EQ(desk_.begun, std::vector<std::string>{"GBE1:A27Q"});
  EXPECT_TRUE(flow_.Busy());
}

TEST_F(EnrollFlowTest, ARefusalIsShownAndTheInstallerCanTryAgain) {
  flow_.Scan("GBE1:AAAA");
  desk_.outcome = EnrollOutcome{false, "code_used"};
  flow_.Tick();
  EXPECT_EQ(flow_.view().phase, EnrollPhase::kRefused);
  EXPECT_EQ(flow_.view().error, "code_used");
  EXPECT_FALSE(flow_.Busy());
  // Another scan is another attempt.
  flow_.Scan("GBE1:BBBB");
  EXPECT_EQ(desk_.begun.size(), 2u);
  EXPECT_EQ(desk_.begun.back(), "GBE1:BBBB");
  desk_.outcome = EnrollOutcome{false, "pin_mismatch"};
  flow_.Tick();
  EXPECT_EQ(flow_.view().error, "pin_mismatch");
  // Editing the code clears the refusal.
  flow_.Tap("kb-clear");
  EXPECT_EQ(flow_.view().typed, "");
  EXPECT_EQ(flow_.view().phase, EnrollPhase::kEntering);
  EXPECT_EQ(flow_.view().error, "");
}

TEST_F(EnrollFlowTest, WhileConnectingOnlyTheLanguageChanges) {
  flow_.Scan("GBE1:AAAA");
  flow_.Tap("kb-42");
  flow_.Tap("kb-clear");
  flow_.Tap(kEnrollSubmitId);
  flow_.Scan("GBE1:CCCC");
  EXPECT_EQ(flow_.view().typed, "AAAA");
  EXPECT_EQ(desk_.begun.size(), 1u);
  flow_.Tap("lang-zh");
  EXPECT_EQ(flow_.view().lang, i18n::Lang::kZh);
  EXPECT_TRUE(flow_.Busy());
}

TEST_F(EnrollFlowTest, WhatIsNotACodeIsRefusedWithoutDialling) {
  flow_.Scan("GB1:voucher-text");
  EXPECT_EQ(flow_.view().phase, EnrollPhase::kRefused);
  EXPECT_EQ(flow_.view().error, "not_a_code");
  flow_.Tap(kEnrollSubmitId);  // nothing typed
  EXPECT_EQ(flow_.view().error, "no_code");
  EXPECT_TRUE(desk_.begun.empty());
  // An empty refusal reason from the desk still says something.
  flow_.Scan("GBE1:AAAA");
  desk_.outcome = EnrollOutcome{false, ""};
  flow_.Tick();
  EXPECT_EQ(flow_.view().error, "unknown");
}

}  // namespace
}  // namespace gb::app
