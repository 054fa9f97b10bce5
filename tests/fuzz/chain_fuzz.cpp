// libFuzzer harness for the store's application of its head office's state
// (StoreDb::ApplyChainState, as sync/uplink's ChainStateSink calls it on the
// body of the head office's GET /v1/state), on a temporary store database
// that keeps what earlier inputs applied, as a store does.
// Properties besides crashes and sanitizer findings (issue 15, point 2):
//   - a refusal has a reason and a message, and changes nothing;
//   - an accepted state records its revision as the chain revision;
//   - the same state applied twice changes nothing the second time (the
//     store's own revision stays), so a repeated poll is not news.
//
// Built with clang only, for `make fuzz` (tests/fuzz/CMakeLists.txt: it
// needs the store's sources and SQLite, as the router fuzzer does); C++20.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "sync/protocol/json_reader.h"
#include "sync/store/store_db.h"
#include "tests/fuzz/fuzz_temp_dir.h"

namespace {

using namespace gb;

constexpr int64_t kNow = 1'767'225'600;

void Check(bool property) {
  if (!property) std::abort();
}

struct Store {
  std::string dir;
  std::unique_ptr<store::StoreDb> db;

  Store() {
    dir = fuzz::FuzzTempDir("chain");
    auto opened = store::StoreDb::Open(dir + "/store.db");
    if (!opened.ok()) {
      std::fprintf(stderr, "chain_fuzz setup: %s\n", opened.status().ToString().c_str());
      std::abort();
    }
    db = std::move(opened).value();
  }
  ~Store() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Store& TheStore() {
  static Store s;
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto state = protocol::ParseJson(body);
  if (!state.ok()) return 0;
  store::StoreDb& db = *TheStore().db;
  auto before = db.Revision();
  auto chain_before = db.ChainRevision();
  Check(before.ok() && chain_before.ok());

  auto applied = db.ApplyChainState(*state, "store-a", kNow);
  if (!applied.ok()) {
    Check(!applied.status().reason().empty() && !applied.status().message().empty());
    auto after = db.Revision();
    auto chain_after = db.ChainRevision();
    Check(after.ok() && *after == *before && chain_after.ok() && *chain_after == *chain_before);
    return 0;
  }
  auto chain = db.ChainRevision();
  Check(chain.ok() && *chain == *applied);
  auto once = db.Revision();
  Check(once.ok());
  auto again = db.ApplyChainState(*state, "store-a", kNow);
  Check(again.ok() && *again == *applied);
  auto twice = db.Revision();
  Check(twice.ok() && *twice == *once);
  return 0;
}
