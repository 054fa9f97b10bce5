// SdlDisplay::Next under SDL's offscreen driver, with keys pushed as SDL
// events: a key that queued up while the caller was busy is stamped with
// the time the caller left Next, so one slow frame does not stretch the gaps
// of a wedge scanner's burst; a key that comes while the caller waits keeps
// SDL's time; key times never go backwards.
#include "kiosk/shell/sdl_display.h"

#include <SDL.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <thread>

namespace gb::shell {
namespace {

void PushText(const char* text) {
  SDL_Event e{};
  e.type = SDL_TEXTINPUT;
  std::strncpy(e.text.text, text, sizeof e.text.text - 1);
  ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();  // SDL stamps it now
}

class SdlDisplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = SdlDisplay::Open({{320, 480}, /*headless=*/true, false});
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    display_ = std::move(d).value();
    while (display_->Next(0)) {
    }  // whatever the window's creation queued
  }
  std::unique_ptr<SdlDisplay> display_;
};

TEST_F(SdlDisplayTest, KeysQueuedWhileTheCallerWasBusyKeepTheBurstTogether) {
  PushText("G");
  auto first = display_->Next(0);
  ASSERT_TRUE(first && first->kind == InputEvent::Kind::kText);
  EXPECT_FALSE(display_->Next(0));  // the caller leaves: now it is busy
  // A slow frame: the scanner's next keys queue up meanwhile, and SDL
  // stamps them 120 ms after the first.
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  PushText("B");
  PushText("1");
  auto second = display_->Next(0);
  auto third = display_->Next(0);
  ASSERT_TRUE(second && third);
  EXPECT_EQ(second->text, "B");
  EXPECT_EQ(third->text, "1");
  EXPECT_LT(second->t_ms - first->t_ms, 50)
      << "the busy frame stretched the burst: " << first->t_ms << " then " << second->t_ms;
  EXPECT_GE(second->t_ms, first->t_ms);
  EXPECT_GE(third->t_ms, second->t_ms);
}

TEST_F(SdlDisplayTest, AKeyThatComesWhileTheCallerWaitsKeepsItsTime) {
  PushText("a");
  auto first = display_->Next(0);
  ASSERT_TRUE(first);
  EXPECT_FALSE(display_->Next(0));
  // The caller waits; the key comes 120 ms into the wait: a real gap.
  std::thread typist([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    PushText("b");
  });
  auto second = display_->Next(2000);
  typist.join();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->text, "b");
  EXPECT_GE(second->t_ms - first->t_ms, 100) << "a person's slow key must look slow";
}

}  // namespace
}  // namespace gb::shell
