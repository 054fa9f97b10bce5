// Tiny timing helpers for the benchmarks: median of repeated batches, and a
// line that prints a figure next to its limit as a ratio.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace gb::bench {

// Seconds per call of fn: the median over `repeats` batches of `batch` calls.
inline double SecondsPerCall(const std::function<void()>& fn, int batch, int repeats = 7) {
  std::vector<double> per;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < batch; ++i) fn();
    std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    per.push_back(dt.count() / batch);
  }
  std::sort(per.begin(), per.end());
  return per[per.size() / 2];
}

// Prints: name, our figure, the limit's figure, the ratio, and a note (the aim).
inline void Report(const std::string& name, double ours, const std::string& unit,
                   const std::string& limit_name, double limit, const std::string& aim) {
  std::printf("%-34s %10.2f %-6s | %-34s %10.2f %-6s | ratio %5.2fx  (%s)\n", name.c_str(),
              ours, unit.c_str(), limit_name.c_str(), limit, unit.c_str(), ours / limit,
              aim.c_str());
}

}  // namespace gb::bench
