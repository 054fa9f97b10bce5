// Kiosks wired as groupbuy-kiosk wires them (kiosk/shell/sync_wiring.h): a
// ledger, its sync thread and a staff till (a ServerTill) against a real
// groupbuy-store over pinned HTTPS. Shared by the process tests of tills and
// of what the store tells a kiosk about its pledges. Header-only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/shell/sync_wiring.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {

inline int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

class NoDesk final : public app::DealDesk {
 public:
  base::Result<std::vector<app::DealInfo>> ListDeals(int64_t) override {
    return std::vector<app::DealInfo>{};
  }
  base::Result<app::JoinTicket> Join(const app::JoinRequest&) override {
    return base::Status::Internal("unused", "sign-ups go through the ledger here");
  }
};

// One kiosk as groupbuy-kiosk wires it: ledger, sync thread, staff till.
struct WiredKiosk {
  std::optional<config::KioskDir> dir;
  std::optional<ledger::Ledger> ledger;
  NoDesk inner;
  std::unique_ptr<shell::SyncWiring> wiring;
  std::unique_ptr<till::Till> till;
};

class WiredStoreTest : public SyncProcessTest {
 protected:
  std::unique_ptr<WiredKiosk> Wire(int k, std::function<int64_t()> clock = Now) {
    auto w = std::make_unique<WiredKiosk>();
    const std::string kdir = tmp_.File("k" + std::to_string(k));
    enrolled_.push_back(EnrolKiosk(Sdir(), kdir));
    auto dir = config::KioskDir::Open(kdir);
    EXPECT_TRUE(dir.ok());
    if (!dir.ok()) return nullptr;
    // add-kiosk wrote the address kiosks use in the store; here it is the test's port.
    config::ServerSettings server = *dir->settings().server;
    server.host = "127.0.0.1";
    server.port = server_.port();
    EXPECT_TRUE(dir->Enrol(dir->settings().key_id, server).ok());
    w->dir.emplace(std::move(dir).value());
    auto id = w->dir->LoadIdentity();
    auto l = ledger::Ledger::Open(w->dir->ledger_path(), std::move(id).value());
    EXPECT_TRUE(l.ok());
    if (!l.ok()) return nullptr;
    w->ledger.emplace(std::move(l).value());
    auto wiring =
        shell::SyncWiring::Start(*w->dir, w->ledger->identity(), w->inner, std::move(clock));
    EXPECT_TRUE(wiring.ok());
    w->wiring = std::move(wiring).value();
    const std::string place = "Till " + std::to_string(k);
    auto local =
        till::LocalTill::Create(*w->ledger, till::OwnKeyRing(w->ledger->identity()).value(),
                                {w->ledger->identity().origin, place, 0, ""});
    EXPECT_TRUE(local.ok());
    auto t = w->wiring->MakeTill(*w->ledger, std::move(local).value(), place);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (t.ok()) w->till = std::move(t).value();
    // A manager signs in at the till, as at the PIN pad: the store then
    // knows who moves money (its money calls need a staff session).
    if (!staff_added_) {
      AddStaff(Sdir(), "Vera", "manager", kTillPin);
      staff_added_ = true;
    }
    // The store answers a kiosk's token only once its refresher has read the
    // new enrolment (strangers never cost a query): sign in after the first
    // exchange it answered, as staff at a real till do long after enrolling.
    WaitFor([&] {
      auto s = w->wiring->status();
      return s && (s->online || s->skew_exceeded);
    });
    if (w->till) w->till->StaffSignedIn("Vera", kTillPin);
    return w;
  }
  static constexpr char kTillPin[] = "24681357";
  bool staff_added_ = false;

  // The till learns kiosk `k`'s key from the store's state.
  bool KnowsKey(WiredKiosk& t, uint32_t key_id) {
    return WaitFor([&] {
      auto ks = t.ledger->ListStoreKiosks();
      if (!ks.ok()) return false;
      for (const auto& k : *ks) {
        if (k.key_id == key_id) return true;
      }
      return false;
    });
  }
  // Everything in the kiosk's outbox has reached the server.
  bool Uploaded(WiredKiosk& k) {
    auto events = k.ledger->OutboxAfter(0, 10'000);
    if (!events.ok() || events->empty()) return false;
    const int64_t last = events->back().seq;
    k.wiring->Wake();
    return WaitFor([&] { return k.wiring->status()->acked_seq >= last; });
  }
  // The store's gb_store_conflicts gauge; -1 when it cannot be read.
  int64_t StoreConflicts(const std::string& pin) {
    HttpResult r = Http(HttpTarget{server_.port(), true, pin}, "GET", "/metrics", "");
    const std::string name = "\ngb_store_conflicts ";
    const size_t at = r.body.find(name);
    if (r.status != 200 || at == std::string::npos) return -1;
    return std::stoll(r.body.substr(at + name.size()));
  }

  std::vector<Kiosk> enrolled_;
};

}  // namespace gb::test
