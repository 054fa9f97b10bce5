// The script language of headless runs: every command, and errors that name
// the line.
#include "kiosk/app/script.h"

#include <gtest/gtest.h>

namespace gb::app {
namespace {

using K = ScriptCommand::Kind;

TEST(ScriptTest, ParsesEveryCommand) {
  auto s = ParseScript(
      "# a journey\n"
      "\n"
      "tap #deal-1\n"
      "tap 540 960\r\n"
      "type Anna Maria\n"
      "scan GBD1:1\n"
      "wait 61000\n"
      "shot wall-en_1.x\n"
      "expect #done-title You are #7\n"
      "  expect #staff  \n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 8u);
  const auto& c = *s;
  EXPECT_EQ(c[0].kind, K::kTapId);
  EXPECT_EQ(c[0].id, "deal-1");
  EXPECT_EQ(c[0].line, 3);
  EXPECT_EQ(c[1].kind, K::kTapAt);
  EXPECT_EQ(c[1].x, 540);
  EXPECT_EQ(c[1].y, 960);
  EXPECT_EQ(c[2].kind, K::kType);
  EXPECT_EQ(c[2].text, "Anna Maria");
  EXPECT_EQ(c[3].kind, K::kScan);
  EXPECT_EQ(c[3].text, "GBD1:1");
  EXPECT_EQ(c[4].kind, K::kWait);
  EXPECT_EQ(c[4].ms, 61000);
  EXPECT_EQ(c[5].kind, K::kShot);
  EXPECT_EQ(c[5].text, "wall-en_1.x");
  EXPECT_EQ(c[6].kind, K::kExpect);
  EXPECT_EQ(c[6].id, "done-title");
  EXPECT_EQ(c[6].text, "You are #7");
  EXPECT_EQ(c[7].kind, K::kExpect);
  EXPECT_EQ(c[7].text, "");
  EXPECT_EQ(c[7].line, 10);
}

TEST(ScriptTest, AwaitIsAnExpectThatWaits) {
  auto s = ParseScript("await #printer-state Printer ready\nawait #screen-wall\n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0].kind, K::kAwait);
  EXPECT_EQ((*s)[0].id, "printer-state");
  EXPECT_EQ((*s)[0].text, "Printer ready");
  EXPECT_EQ((*s)[1].text, "");
  auto bad = ParseScript("await printer-state\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 1: await wants #ID"), std::string::npos)
      << bad.status().message();
}

TEST(ScriptTest, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c : {Case{"tap\n", "line 1: tap"}, Case{"\n\ntap #a b\n", "line 3: tap"},
                        Case{"tap 1\n", "line 1: tap"}, Case{"tap -1 5\n", "line 1: tap"},
                        Case{"type\n", "line 1: type"}, Case{"wait soon\n", "line 1: wait"},
                        Case{"wait -5\n", "line 1: wait"}, Case{"shot ../etc/x\n", "line 1: shot"},
                        Case{"shot\n", "line 1: shot"}, Case{"expect done\n", "line 1: expect"},
                        Case{"press #staff\n", "line 1: press"},
                        Case{"press staff 2000\n", "line 1: press"},
                        Case{"press #staff -1\n", "line 1: press"},
                        Case{"press #staff 2000 3\n", "line 1: press"},
                        Case{"swipe left\n", "line 1: unknown command \"swipe\""}}) {
    auto s = ParseScript(c.text);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.status().reason(), "bad_script");
    EXPECT_NE(s.status().message().find(c.says), std::string::npos) << s.status().message();
  }
}

TEST(ScriptTest, PressHoldsAWidgetForMilliseconds) {
  auto s = ParseScript("press #staff 2000\n");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ((*s)[0].kind, K::kPress);
  EXPECT_EQ((*s)[0].id, "staff");
  EXPECT_EQ((*s)[0].ms, 2000);
}

TEST(ScriptTest, EmptyScriptIsEmpty) {
  auto s = ParseScript("");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->empty());
}

}  // namespace
}  // namespace gb::app
