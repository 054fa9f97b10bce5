// groupbuy-kiosk --scanner wedge in a real X11 window (Xvfb, SDL's x11
// driver, not --headless): xdotool types a voucher plus Return into the
// window through XTEST, as a USB keyboard-wedge scanner types its scans, and
// the kiosk acts on it.
//   - On a till (--mode till), the script signs staff in and waits; the
//     typed scan gives VALID, the redemption is written to the ledger and its
//     slip printed, and the same voucher typed again gives ALREADY_REDEEMED,
//     with still one redemption and one slip.
//   - Interactively (no script: the loop a store runs), a scan typed on the
//     wall opens the voucher's check screen, pixel for pixel the one a
//     scripted `scan` shows, and SIGTERM ends the kiosk cleanly.
// xwd's dump of the window (the X server's pixels, from outside the kiosk)
// is compared with the kiosk's own frame, so the window really shows the
// verdict. The tools missing is a failure: scripts/deps.sh installs them.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/kiosk/shell/journey_fixture.h"
#include "tests/support/x11_session.h"

namespace gb::shell {
namespace {

namespace fs = std::filesystem;
using test::ArgbImage;

constexpr int kWidth = 1080;
constexpr int kHeight = 1920;
constexpr int kKeyDelayMs = 5;         // a scanner's pace; the decoder allows 50 ms a key
constexpr double kSameWindow = 0.995;  // the window is the kiosk's frame, bar a few pixels

bool WaitForFile(const std::string& path, int timeout_ms) {
  for (int waited = 0; waited < timeout_ms && !fs::exists(path); waited += 50) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fs::exists(path);
}

class X11WedgeTest : public JourneyTest {
 protected:
  void SetUp() override {
    JourneyTest::SetUp();
    AddLampAndStaff();
    ASSERT_FALSE(HasFatalFailure());
    const ProcessRun r = Kiosk(Join("015112345678") + Join("015198765432"));
    ASSERT_EQ(r.code, 0) << r.err;
    auto v = OpenLedger().VoucherForPrint(1, static_cast<int64_t>(std::time(nullptr)));
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    voucher_ = v->voucher_text;
    ASSERT_TRUE(voucher_.starts_with("GB1:")) << voucher_;
    fs::create_directories(tmp_.File("x11"));
    auto x = test::X11Session::Start(tmp_.File("x11"), kWidth, kHeight);
    ASSERT_TRUE(x.ok()) << x.status().ToString();
    x_ = std::move(*x);
  }

  static std::string Join(const std::string& phone) {
    return "tap #deal-7\ntap #join\ntype " + phone +
           "\ntap #consent\ntap #confirm\nexpect #screen-done\ntap #done\n";
  }

  // The real kiosk in a window on the session's display.
  std::unique_ptr<test::ChildProcess> StartKiosk(std::vector<std::string> args) {
    std::vector<std::string> argv = {GB_KIOSK_BIN, "--dir",     kdir_,
                                     "--scanner",  "wedge",     "--lang",
                                     "en",         "--printer", "png:" + kdir_ + "/printer"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto kiosk = test::ChildProcess::Start(
        {argv, {x_->DisplayEnv(), "SDL_VIDEODRIVER=x11"}, tmp_.File("kiosk.log")});
    EXPECT_TRUE(kiosk.ok()) << kiosk.status().ToString();
    return kiosk.ok() ? std::move(*kiosk) : nullptr;
  }

  // Types the voucher into the kiosk's window as a wedge scanner does.
  void ScanByKeyboard() {
    auto window = x_->WaitForWindow("groupbuy-kiosk", 10'000);
    ASSERT_TRUE(window.ok()) << window.status().ToString();
    window_ = *window;
    ASSERT_TRUE(x_->Focus(window_).ok());
    ASSERT_TRUE(x_->Type(voucher_, kKeyDelayMs).ok());
    ASSERT_TRUE(x_->Key("Return").ok());
  }

  // Keeps the window's pixels where a person can look at them afterwards
  // (the test's temp folder goes): in the test's working folder.
  static void KeepForPeople(const ArgbImage& window, const std::string& name) {
    const std::string path = (fs::current_path() / name).string();
    if (test::SavePng(window, path).ok()) std::cout << "kept: " << path << "\n";
  }

  std::string voucher_;
  std::string window_;
  std::unique_ptr<test::X11Session> x_;
};

TEST_F(X11WedgeTest, TillRedeemsAVoucherTypedIntoItsWindowThenSaysAlreadyRedeemed) {
  // Staff sign in through the script; the scans come only from the keyboard.
  // Each shot tells the test where the script is.
  const std::string script = tmp_.File("till.txt");
  std::ofstream(script) << "expect #screen-pin\ntype 246810\ntap #pin-enter\n"
                           "expect #screen-redeem\nshot ready\n"
                           "await #redeem-verdict =VALID\n"
                           "expect #redeem-detail To charge now: €99.00\n"
                           "tap #redeem-confirm\nexpect #redeem-result Redeemed.\n"
                           "expect #redeem-verdict =VALID\nshot redeemed\n"
                           "await #redeem-verdict =ALREADY_REDEEMED\nshot again\n";
  const std::string shots = tmp_.File("shots");
  auto kiosk = StartKiosk({"--mode", "till", "--script", script, "--screenshots", shots});
  ASSERT_NE(kiosk, nullptr);
  ASSERT_TRUE(WaitForFile(shots + "/ready.png", 30'000)) << kiosk->Log();
  ScanByKeyboard();
  ASSERT_TRUE(WaitForFile(shots + "/redeemed.png", 30'000)) << kiosk->Log();
  // The script now awaits the second scan: the window holds still.
  auto seen = x_->Capture(window_);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  KeepForPeople(*seen, "x11_wedge_till_window.png");
  ScanByKeyboard();
  const std::optional<int> code = kiosk->Wait(40'000);
  ASSERT_TRUE(code.has_value()) << "the kiosk hangs: " << kiosk->Log();
  EXPECT_EQ(*code, 0) << kiosk->Log();  // both awaits passed
  EXPECT_NE(kiosk->Log().find("video x11 1080x1920"), std::string::npos) << kiosk->Log();
  EXPECT_NE(kiosk->Log().find("scanner wedge"), std::string::npos) << kiosk->Log();
  EXPECT_EQ(kiosk->Log().find(voucher_.substr(0, 12)), std::string::npos) << "voucher logged";

  auto frame = test::LoadPng(shots + "/redeemed.png");
  ASSERT_TRUE(frame.ok()) << frame.status().ToString();
  const double share = test::SameColourShare(*seen, *frame);
  EXPECT_GE(share, kSameWindow) << "the window is not the kiosk's frame";
  if (share < kSameWindow) KeepForPeople(*frame, "x11_wedge_till_frame.png");

  // One redemption: voucher 1 at this store, voucher 2 untouched; one slip
  // after the two vouchers, none for the second scan.
  ledger::Ledger l = OpenLedger();
  auto first = l.GetPledge(1);
  auto second = l.GetPledge(2);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(first->redeemed_at.has_value());
  EXPECT_EQ(first->redeemed_place, "Test Store");
  EXPECT_FALSE(second->redeemed_at.has_value());
  EXPECT_TRUE(fs::exists(kdir_ + "/printer/0003.png"));
  EXPECT_FALSE(fs::exists(kdir_ + "/printer/0004.png"));
}

TEST_F(X11WedgeTest, WallOpensTheCheckScreenForATypedScanAndSigtermStopsTheKiosk) {
  // What the check screen looks like, from a scripted scan without a window.
  const ProcessRun r = Kiosk("scan " + voucher_ + "\nexpect #screen-check\nshot check\n");
  ASSERT_EQ(r.code, 0) << r.err;
  auto check = test::LoadPng(tmp_.File("shots") + "/check.png");
  ASSERT_TRUE(check.ok()) << check.status().ToString();

  auto kiosk = StartKiosk({});  // interactive: the wall, as in a store
  ASSERT_NE(kiosk, nullptr);
  ScanByKeyboard();
  // The window changes when the kiosk has decoded the scan: look until then.
  ArgbImage seen;
  double share = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (share < kSameWindow && std::chrono::steady_clock::now() < give_up) {
    auto shot = x_->Capture(window_);
    ASSERT_TRUE(shot.ok()) << shot.status().ToString();
    seen = std::move(*shot);
    share = test::SameColourShare(seen, *check);
  }
  KeepForPeople(seen, "x11_wedge_wall_window.png");
  EXPECT_GE(share, kSameWindow) << "the window never showed the check screen: " << kiosk->Log();
  if (share < kSameWindow) KeepForPeople(*check, "x11_wedge_wall_frame.png");

  const test::ChildProcess::Stopped stopped = kiosk->Stop(SIGTERM, 10'000);
  EXPECT_TRUE(stopped.in_time) << kiosk->Log();
  EXPECT_EQ(stopped.code, 0) << kiosk->Log();
}

}  // namespace
}  // namespace gb::shell
