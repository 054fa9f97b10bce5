// libFuzzer harness for the store server's request handling: whole requests
// (method, target, Authorization, body) through the real Router, StoreBackend
// and EventWriter on a temporary store database, so every route's body
// parser (events, redeem, deposit, refund, enroll, rotate-key, deals
// stop/pause/resume, rescue resolve) and what the backend does with what
// passes them is reached. The database keeps what earlier inputs stored, as
// a server does; it is made once per run with one kiosk, one deal and the
// admin's token.
//
// Input: "METHOD TARGET\n" then one line for the Authorization header ("k":
// the kiosk's bearer token, "a": the admin's, anything else as it is), then
// the body.
// Properties besides crashes, hangs and sanitizer findings, from issue 15:
// nothing a client sends ends the process (an exception is a crash here);
// every request is answered exactly once, within 10 s; the status is a real
// HTTP status; every JSON reply is valid UTF-8 JSON, and an error carries
// "error" and "message".
//
// GB_ROUTER_FUZZ_UTF8_ONLY=1 in the environment skips inputs that are not
// valid UTF-8, to look past issue 15's first finding (a reply that echoes
// invalid UTF-8 throws from nlohmann's dump()) while it is not fixed.
//
// Built with clang only, for `make fuzz` (tests/fuzz/CMakeLists.txt: about
// 80 sources, too many to compile for every `make test`); C++20.
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/text.h"
#include "core/rules/deal.h"
#include "core/voucher/ed25519.h"
#include "sync/server/event_writer.h"
#include "sync/server/metrics.h"
#include "sync/server/router.h"
#include "sync/server/store_backend.h"
#include "sync/store/store_db.h"
#include "sync/store/token.h"
#include "tests/fuzz/fuzz_temp_dir.h"

namespace {

using namespace gb;

constexpr std::string_view kKioskToken = "fuzz-kiosk-token-0123456789abcdef";
constexpr std::string_view kAdminToken = "fuzz-admin-token-0123456789abcdef";

void Check(bool property) {
  if (!property) std::abort();
}

void Must(const base::Status& s) {
  if (!s.ok()) {
    fprintf(stderr, "router_fuzz setup: %s\n", s.ToString().c_str());
    std::abort();
  }
}

// The server: a store database in a private folder (in memory when /dev/shm
// is there), removed at exit.
struct Server {
  std::string dir;
  std::unique_ptr<server::EventWriter> writer;
  std::unique_ptr<server::StoreBackend> backend;
  server::Metrics metrics;
  std::unique_ptr<server::Router> router;

  Server() {
    dir = fuzz::FuzzTempDir("router");
    const std::string path = dir + "/store.db";
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    auto provision = store::StoreDb::Open(path);
    Must(provision.status());
    auto key = voucher::SigningKey::Generate();
    Must(key.status());
    store::KioskRecord kiosk;
    kiosk.kiosk_id = "kiosk-a";
    kiosk.key_id = 1;
    kiosk.public_key_pem = key->Public().Pem();
    kiosk.token_sha256 = store::Sha256(kKioskToken);
    kiosk.enrolled_at = now;
    Must((*provision)->AddKiosk(kiosk));
    rules::Deal deal;
    deal.id = 42;
    deal.title = {{"en", "Sofa"}};
    deal.currency = "EUR";
    deal.regular_price_minor = 99900;
    deal.tiers = {{2, 59900}, {5, 54900}};
    deal.opens_at = now - 3600;
    deal.stop_at = now + 7 * 86400;
    deal.deadline = now + 8 * 86400;
    deal.redeem_by = now + 30 * 86400;
    deal.deposit = {rules::DepositKind::kPercent, 1000, 86400};
    Must((*provision)->PutDeals({deal}, now));
    auto writer_db = store::StoreDb::Open(path);
    auto reader_db = store::StoreDb::Open(path);
    Must(writer_db.status());
    Must(reader_db.status());
    auto w = server::EventWriter::Create(std::move(writer_db).value(), {});
    Must(w.status());
    writer = std::move(w).value();
    auto b = server::StoreBackend::Create(std::move(reader_db).value(), *writer,
                                          store::Sha256(kAdminToken), "Fuzz store");
    Must(b.status());
    backend = std::move(b).value();
    router = std::make_unique<server::Router>(*backend, metrics);
  }
  ~Server() {
    router.reset();
    backend.reset();
    writer.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Server& TheServer() {
  static Server s;
  return s;
}

// One request's answers: the first is kept, any later one counted.
struct Slot {
  std::mutex mu;
  std::condition_variable cv;
  int answers = 0;
  server::Response response;
};

bool Utf8Only() {
  static const bool on = [] {
    const char* v = std::getenv("GB_ROUTER_FUZZ_UTF8_ONLY");
    return v != nullptr && std::string_view(v) == "1";
  }();
  return on;
}

void CheckResponse(const server::Response& r) {
  Check(r.status >= 100 && r.status <= 599);
  if (r.content_type != "application/json") return;
  // Valid UTF-8 JSON (the parser refuses invalid UTF-8 in strings).
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  Check(!j.is_discarded());
  if (r.status >= 400) {
    Check(j.is_object() && j.contains("error") && j["error"].is_string() &&
          !j["error"].get<std::string>().empty());
    Check(j.contains("message") && j["message"].is_string() &&
          !j["message"].get<std::string>().empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t line1 = in.find('\n');
  if (line1 == std::string_view::npos) return 0;
  const size_t line2 = in.find('\n', line1 + 1);
  if (line2 == std::string_view::npos) return 0;
  const std::string_view first = in.substr(0, line1);
  const size_t space = first.find(' ');
  if (space == std::string_view::npos) return 0;

  if (Utf8Only() && !gb::base::IsValidUtf8(in)) return 0;
  server::Request req;
  req.method = std::string(first.substr(0, space));
  req.target = std::string(first.substr(space + 1));
  const std::string_view auth = in.substr(line1 + 1, line2 - line1 - 1);
  if (auth == "k") {
    req.authorization = "Bearer " + std::string(kKioskToken);
  } else if (auth == "a") {
    req.authorization = "Bearer " + std::string(kAdminToken);
  } else {
    req.authorization = std::string(auth);
  }
  req.body = std::string(in.substr(line2 + 1));

  Server& srv = TheServer();
  auto slot = std::make_shared<Slot>();
  srv.router->Handle(req, [slot](server::Response r) {
    std::lock_guard lock(slot->mu);
    if (++slot->answers == 1) slot->response = std::move(r);
    slot->cv.notify_all();
  });
  std::unique_lock lock(slot->mu);
  Check(slot->cv.wait_for(lock, std::chrono::seconds(10), [&] { return slot->answers > 0; }));
  Check(slot->answers == 1);
  CheckResponse(slot->response);
  return 0;
}
