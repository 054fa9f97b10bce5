// Printers in trouble (printer_status.cpp): a kiosk's "printer" events kept
// as its latest state, shown in the store's tallies, carried in its snapshot
// to the head office, and shown there by store.
#include <gtest/gtest.h>

#include <array>

#include "sync/protocol/printer_event.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/client_record.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;

constexpr int64_t kT = 1'764'720'000;

using test::ClientRecord;

class PrinterStatusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->AddKiosk(ClientRecord("kiosk-1", 1)).ok());
    ASSERT_TRUE(db_->AddKiosk(ClientRecord("kiosk-2", 2)).ok());
  }

  // Ingests one event; returns the conflicts it made.
  int Ingest(protocol::Event e) {
    std::vector<protocol::Batch> group = {test::MakeBatch({std::move(e)})};
    auto r = db_->IngestGroup(group, kT + 1000);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? (*r)[0].conflicts : -1;
  }
  int Printer(const std::string& kiosk, int64_t seq, const std::string& state, int64_t held,
              int64_t at) {
    return Ingest(protocol::Event{kiosk, seq, "printer", at,
                                  protocol::ToJson(protocol::PrinterPayload{state, held})});
  }
  json Printers() {
    auto t = db_->Tallies();
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? (*t)["printers"] : json();
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
};

TEST_F(PrinterStatusTest, TheLatestStateOfEachKioskShowsWhileItIsInTrouble) {
  EXPECT_EQ(Printers(), json::array());
  const int64_t rev0 = *db_->Revision();
  ASSERT_EQ(Printer("kiosk-1", 1, "paper_out", 1, kT), 0);
  EXPECT_GT(*db_->Revision(), rev0);  // kiosks and the head office hear of it
  ASSERT_EQ(Printer("kiosk-2", 1, "ok", 0, kT), 0);
  json p = Printers();
  ASSERT_EQ(p.size(), 1u) << p.dump();
  EXPECT_EQ(p[0]["kiosk_id"], "kiosk-1");
  EXPECT_EQ(p[0]["state"], "paper_out");
  EXPECT_EQ(p[0]["held"], 1);
  EXPECT_EQ(p[0]["since"], kT);
  EXPECT_EQ(p[0]["name"], "kiosk-1");  // no name given at enrolment
  // More jobs held in the same trouble: still since the trouble began.
  ASSERT_EQ(Printer("kiosk-1", 2, "paper_out", 3, kT + 60), 0);
  EXPECT_EQ(Printers()[0]["since"], kT);
  EXPECT_EQ(Printers()[0]["held"], 3);
  // A replayed older event does not bring back what has passed.
  ASSERT_EQ(Printer("kiosk-1", 3, "ok", 0, kT + 120), 0);
  EXPECT_EQ(Printers(), json::array());
  ASSERT_EQ(Printer("kiosk-1", 4, "cover_open", 0, kT + 30), 0);
  EXPECT_EQ(Printers(), json::array());
  // The store's snapshot for its head office carries them too.
  ASSERT_EQ(Printer("kiosk-2", 2, "cover_open", 0, kT + 200), 0);
  auto own = db_->OwnCounts();
  ASSERT_TRUE(own.ok() && own->payload.kiosks);
  ASSERT_EQ(own->payload.kiosks->printers.size(), 1u);
  EXPECT_EQ(own->payload.kiosks->printers[0],
            (protocol::PrinterTrouble{"kiosk-2", "cover_open", 0, kT + 200}));
  // A revoked kiosk's printer is no longer the store's concern.
  ASSERT_TRUE(db_->RevokeKiosk("kiosk-2", kT + 300).ok());
  EXPECT_EQ(Printers(), json::array());
}

TEST_F(PrinterStatusTest, AStoreMaySendOnlyTalliesSoItsPrinterEventIsAConflict) {
  ASSERT_TRUE(db_->SetHeadOffice().ok());
  ASSERT_TRUE(db_->AddKiosk(ClientRecord("store-a", 10, "store")).ok());
  EXPECT_EQ(Printer("store-a", 1, "paper_out", 0, kT), 1);
  EXPECT_EQ(Printers(), json::array());
}

TEST_F(PrinterStatusTest, TheHeadOfficeShowsEachStoresPrintersByName) {
  ASSERT_TRUE(db_->SetHeadOffice().ok());
  ASSERT_TRUE(db_->AddKiosk(ClientRecord("store-a", 10, "store")).ok());
  protocol::TalliesPayload p;
  p.kiosks = protocol::KioskHealth{2, {}, {{"kiosk-7", "paper_out", 2, kT}}, {}};
  ASSERT_EQ(Ingest(protocol::Event{"store-a", 5, std::string(protocol::kTallies), kT,
                                   protocol::ToJson(p)}),
            0);
  json printers = Printers();
  ASSERT_EQ(printers.size(), 1u) << printers.dump();
  EXPECT_EQ(printers[0]["store"], "store-a");
  EXPECT_EQ(printers[0]["kiosk_id"], "kiosk-7");
  EXPECT_EQ(printers[0]["name"], "Shop store-a · kiosk-7");
  EXPECT_EQ(printers[0]["state"], "paper_out");
  // Fixed at the store: its next report has none.
  p.kiosks->printers.clear();
  ASSERT_EQ(Ingest(protocol::Event{"store-a", 6, std::string(protocol::kTallies), kT + 60,
                                   protocol::ToJson(p)}),
            0);
  EXPECT_EQ(Printers(), json::array());
}

}  // namespace
}  // namespace gb::store
