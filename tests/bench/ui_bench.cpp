// make bench, kiosk UI part (issue 4), at 1080x1920 with the software
// renderer under SDL's offscreen driver, each figure beside a limit measured
// in the same run:
//   a frame of the deals wall (build the widget tree, lay out, paint, present)
//     vs a bare frame (clear a surface and present it): median and p99;
//   tap to feedback: a press on a deal card until the frame showing it pressed
//     is presented, vs one frame at 60 Hz (16.7 ms);
//   cold start to first frame (fork until it logs "first frame shown"), and
//     peak RSS, of the real groupbuy-kiosk (headless, a one-line script that
//     then takes a screenshot), vs the aims.
// Usage: bench_ui DIR (scratch space for a kiosk folder)
#include <SDL.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "kiosk/app/kiosk_app.h"
#include "kiosk/shell/kiosk_view.h"
#include "kiosk/shell/sdl_display.h"
#include "tests/bench/bench_util.h"
#include "tests/kiosk/app/fake_desks.h"

namespace {

using Clock = std::chrono::steady_clock;
using gb::bench::Report;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

// Runs cmd (argv) with its stderr on a pipe: wall ms until it printed
// "first frame shown" (the frame presented, before any screenshot is
// encoded), until it exited, its peak RSS in MiB and its exit code.
struct Run {
  double first_frame_ms = -1, ms = 0, rss_mib = 0;
  int code = -1;
};
Run Spawn(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (pipe(fds) != 0) return {};
  const auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  Run out;
  std::string seen;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) {
    seen.append(buf, static_cast<size_t>(n));
    if (out.first_frame_ms < 0 && seen.find("first frame shown") != std::string::npos) {
      out.first_frame_ms = Ms(Clock::now() - t0);
    }
  }
  close(fds[0]);
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  out.ms = Ms(Clock::now() - t0);
  out.rss_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

int Provision(const std::string& args) {
  return std::system((std::string(GB_PROVISION_BIN) + " " + args + " >/dev/null").c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = (argc > 1 ? argv[1] : "bench-data") + std::string("/ui");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1);

  // --- Frames, in this process ------------------------------------------------
  const int64_t now_ms = 1'800'000'000'000;
  gb::app::test::FakeDealDesk deals;
  gb::app::test::FakePrintDesk printer;
  const std::vector<std::pair<std::string, std::string>> titles = {
      {"Sofa Oslo, 3 seats", "Диван «Осло», трёхместный"},
      {"Armchair Bergen", "Кресло «Берген»"},
      {"Coffee table Fjord", "Журнальный столик «Фьорд»"},
      {"Bookcase Lund", "Стеллаж «Лунд»"}};
  for (size_t i = 0; i < titles.size(); ++i) {
    gb::app::DealInfo info;
    info.deal = gb::app::test::SofaDeal(now_ms / 1000);
    info.deal.id = static_cast<uint32_t>(i + 1);
    info.deal.title = {{"en", titles[i].first}, {"ru", titles[i].second}, {"zh", "沙发"}};
    info.state = gb::rules::DealState::kOpen;
    info.tally.committed = static_cast<int64_t>(3 + 2 * i);
    deals.deals.push_back(info);
  }
  gb::app::KioskApp app(deals, printer, gb::app::AppOptions{});
  app.Start(now_ms);
  auto display = gb::shell::SdlDisplay::Open({{1080, 1920}, /*headless=*/true, false});
  auto view = gb::shell::KioskView::Create({1080, 1920}, dir + "/images");
  if (!display.ok() || !view.ok()) {
    std::fprintf(stderr, "bench_ui: %s\n", (display.ok() ? view.status() : display.status()).ToString().c_str());
    return 1;
  }
  auto frame = [&] {
    const auto t0 = Clock::now();
    auto drew = (*view)->Render(app);
    if (!drew.ok() || !*drew) std::fprintf(stderr, "bench_ui: no frame drawn\n");
    (void)(*display)->Present((*view)->canvas().surface());
    return Ms(Clock::now() - t0);
  };
  frame();  // warm the text caches, as a kiosk that has shown its wall once
  std::vector<double> wall, pressed;
  for (int i = 0; i < 200; ++i) {
    (*view)->SetPressed(i % 2 == 0 ? "deal-1" : "");
    (i % 2 == 0 ? pressed : wall).push_back(frame());
  }
  SDL_Surface* blank = SDL_CreateRGBSurfaceWithFormat(0, 1080, 1920, 32, SDL_PIXELFORMAT_ARGB8888);
  std::vector<double> bare;
  for (int i = 0; i < 200; ++i) {
    const auto t0 = Clock::now();
    SDL_FillRect(blank, nullptr, 0xffeceff4u);
    (void)(*display)->Present(blank);
    bare.push_back(Ms(Clock::now() - t0));
  }
  SDL_FreeSurface(blank);
  std::printf("kiosk UI at 1080x1920, software renderer, offscreen driver:\n");
  Report("wall frame, median", Pct(wall, 0.5), "ms", "bare clear+present, median", Pct(bare, 0.5),
         "aim: under 8 ms");
  Report("wall frame, p99", Pct(wall, 0.99), "ms", "bare clear+present, p99", Pct(bare, 0.99),
         "aim: under 8 ms");
  Report("tap to pressed frame, median", Pct(pressed, 0.5), "ms", "one frame at 60 Hz", 1000.0 / 60,
         "aim: within one frame");

  // --- Cold start and RSS of the real program ---------------------------------
  const std::string kdir = dir + "/kiosk";
  if (Provision("init-kiosk --dir " + kdir + " --store-name Bench") != 0 ||
      Provision("catalog import --dir " + kdir + " " GB_SOURCE_DIR "/docs/examples/catalog.json") != 0) {
    std::fprintf(stderr, "bench_ui: kiosk set-up failed\n");
    return 1;
  }
  std::ofstream(dir + "/first.script") << "shot first\n";
  std::vector<double> firsts, runs, rss;
  for (int i = 0; i < 5; ++i) {
    Run r = Spawn({GB_KIOSK_BIN, "--dir", kdir, "--headless", "--script", dir + "/first.script",
                   "--screenshots", dir + "/shots"});
    if (r.code != 0 || r.first_frame_ms < 0) {
      std::fprintf(stderr, "bench_ui: groupbuy-kiosk exited with %d%s\n", r.code,
                   r.first_frame_ms < 0 ? " without saying \"first frame shown\"" : "");
      return 1;
    }
    firsts.push_back(r.first_frame_ms);
    runs.push_back(r.ms);
    rss.push_back(r.rss_mib);
  }
  Report("cold start to first frame", Pct(firsts, 0.5), "ms", "aim", 300, "under 300 ms");
  std::printf("  (the whole run, with a 1080x1920 PNG screenshot encoded and exit: %.0f ms)\n",
              Pct(runs, 0.5));
  Report("peak RSS of groupbuy-kiosk", Pct(rss, 0.5), "MiB", "aim", 80,
         "under 80 MiB, with the screenshot's buffers");
  return 0;
}
