// The "printer" event's payload and the "printers" part of a store's
// tallies snapshot: what parses, and what is refused with which field named.
#include <gtest/gtest.h>

#include "sync/protocol/event.h"
#include "sync/protocol/printer_event.h"
#include "sync/protocol/tallies_event.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

TEST(PrinterEventTest, AStateAndHeldJobsRoundTrip) {
  const PrinterPayload p{"paper_out", 3};
  auto back = ParsePrinterPayload(ToJson(p), "payload");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, p);
  EXPECT_TRUE(ValidatePayload(Event{"kiosk-1", 1, "printer", 100, ToJson(p)}, "e").ok());
}

TEST(PrinterEventTest, BadPayloadsNameTheField) {
  const std::vector<std::pair<json, std::string>> bad = {
      {json{{"state", "Paper Out"}, {"held", 0}}, "payload.state"},
      {json{{"state", ""}, {"held", 0}}, "payload.state"},
      {json{{"state", std::string(33, 'a')}, {"held", 0}}, "payload.state"},
      {json{{"state", "ok"}, {"held", -1}}, "payload.held"},
      {json{{"state", "ok"}}, "payload.held"},
      {json{{"state", "ok"}, {"held", 0}, {"phone", "+49"}}, "phone"},
      {json::array(), "payload"},
  };
  for (const auto& [payload, field] : bad) {
    auto r = ParsePrinterPayload(payload, "payload");
    ASSERT_FALSE(r.ok()) << payload.dump();
    EXPECT_EQ(r.status().reason(), "bad_payload") << payload.dump();
    EXPECT_NE(r.status().message().find(field), std::string::npos)
        << payload.dump() << ": " << r.status().message();
  }
}

TEST(PrinterEventTest, TalliesCarryPrintersOnlyWhenSomeAreInTrouble) {
  TalliesPayload p;
  p.kiosks = KioskHealth{2, {}, {}, {}};
  EXPECT_FALSE(ToJson(p)["kiosks"].contains("printers"));  // a head office before printers
  p.kiosks->printers = {{"kiosk-a", "cover_open", 1, 1000}, {"kiosk-b", "paper_out", 0, 900}};
  json j = ToJson(p);
  ASSERT_EQ(j["kiosks"]["printers"].size(), 2u);
  auto back = ParseTalliesPayload(j, "payload");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->kiosks->printers, p.kiosks->printers);
  j["kiosks"]["printers"][1]["kiosk_id"] = "kiosk-a";
  auto twice = ParseTalliesPayload(j, "payload");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("appears twice"), std::string::npos);
  j["kiosks"]["printers"] = "none";
  EXPECT_FALSE(ParseTalliesPayload(j, "payload").ok());
}

}  // namespace
}  // namespace gb::protocol
