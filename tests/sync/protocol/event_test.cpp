#include "sync/protocol/event.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/sync/protocol/sample_events.h"

namespace gb::protocol {
namespace {

using nlohmann::json;
using test::kOrigin;
using test::SamplePayload;

const std::string kPath = "events[0].payload";

TEST(SignUpPayloadTest, ParsesWhatToJsonWrites) {
  SignUpPayload p = SamplePayload();
  auto parsed = ParseSignUpPayload(ToJson(p), kPath, kOrigin);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(ToJson(*parsed), ToJson(p));
  EXPECT_EQ(parsed->serial, 1000u);
  EXPECT_TRUE(parsed->offline);
}

TEST(SignUpPayloadTest, ParsesTheDocumentedFieldsExactly) {
  // The field set of docs/sync-protocol.md, written the way kiosk/ledger writes it.
  json p = ToJson(SamplePayload());
  for (const char* field : {"origin", "key_id", "serial", "deal_id", "voucher", "phone_hash",
                            "joined_at", "state", "offline"}) {
    SCOPED_TRACE(field);
    ASSERT_TRUE(p.contains(field));
    json missing = p;
    missing.erase(field);
    auto r = ParseSignUpPayload(missing, kPath, kOrigin);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().reason(), "bad_payload");
    EXPECT_EQ(r.status().message().rfind(kPath + "." + field + " is missing", 0), 0u)
        << r.status().message();
  }
  EXPECT_EQ(p.size(), 9u);
}

struct SignUpCase {
  std::string name;
  std::string field;
  json value;
  std::string message;  // after "events[0].payload."; starts with the field it names
};

TEST(SignUpPayloadTest, RefusesAPayloadThatDisagreesWithItsVoucherOrBatch) {
  const auto& vector1 = voucher::test::Vectors()[0];
  const SignUpCase cases[] = {
      {"other key", "key_id", 8, "key_id differs from the voucher's key id"},
      {"other serial", "serial", 1001, "serial differs from the voucher's serial"},
      {"other deal", "deal_id", 43, "deal_id differs from the voucher's deal id"},
      {"online claimed", "offline", false, "offline differs from the voucher's offline flag"},
      {"another kiosk's voucher", "voucher", std::string(vector1.text),
       "key_id differs from the voucher's key id"},
      {"not a voucher", "voucher", "GB1:abc", "voucher is not a GB1 voucher (bad_base45"},
      {"no prefix", "voucher", "hello", "voucher is not a GB1 voucher (bad_prefix"},
      {"other origin", "origin", "kiosk-2", "origin must equal the batch origin"},
      {"upper-case hash", "phone_hash",
       "5E1C0A8F3B2D4C6E8A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F708192A3B4C5",
       "phone_hash must be 64 lower-case hex digits"},
      {"non-hex hash", "phone_hash",
       "5e1c0a8f3b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4cg",
       "phone_hash must be 64 lower-case hex digits"},
      {"short hash", "phone_hash", std::string(63, 'a'),
       "phone_hash must be a string of exactly 64 bytes"},
      {"unknown state", "state", "redeemed", "state must be \"active\" or \"reserved\""},
      {"negative time", "joined_at", -1, "joined_at must be a non-negative integer"},
      {"key over 32 bits", "key_id", 4294967303ull,
       "key_id must be an integer from 0 to 4294967295"},
      {"serial zero", "serial", 0, "serial must be an integer from 1 to 18446744073709551615"},
      {"string serial", "serial", "1000",
       "serial must be an integer from 1 to 18446744073709551615"},
      {"extra field", "name", "Ann", "name is not a known field"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    json p = ToJson(SamplePayload());
    p[c.field] = c.value;
    auto r = ParseSignUpPayload(p, kPath, kOrigin);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), "bad_payload");
    EXPECT_EQ(r.status().message().rfind(kPath + "." + c.message, 0), 0u) << r.status().message();
  }
}

TEST(SignUpPayloadTest, AcceptsTheReservedStateAndAnOnlineVoucher) {
  const auto& vector1 = voucher::test::Vectors()[0];
  SignUpPayload p = SamplePayload();
  p.voucher = std::string(vector1.text);
  p.key_id = vector1.body.key_id;
  p.serial = vector1.body.serial;
  p.offline = false;
  p.state = "reserved";
  auto r = ParseSignUpPayload(ToJson(p), kPath, kOrigin);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->state, "reserved");
}

TEST(OtherPayloadsTest, ParseWhatToJsonWrites) {
  CancelPayload cancel{7, 1000, 1767200000};
  DepositPayload deposit{7, 1000, 2000, 1767200000, "till-2"};
  RedeemPayload redeem{4294967295u, 18446744073709551615ull, 0,
                       "Caf\xc3\xa9 \"12\"\n\xe6\x9d\xb1\xe4\xba\xac", true};
  auto c = ParseCancelPayload(ToJson(cancel), kPath);
  auto d = ParseDepositPayload(ToJson(deposit), kPath);
  auto r = ParseRedeemPayload(ToJson(redeem), kPath);
  ASSERT_TRUE(c.ok() && d.ok() && r.ok());
  EXPECT_EQ(ToJson(*c), ToJson(cancel));
  EXPECT_EQ(ToJson(*d), ToJson(deposit));
  EXPECT_EQ(ToJson(*r), ToJson(redeem));
  EXPECT_EQ(r->place, redeem.place);
}

struct OtherCase {
  std::string type;
  std::string field;
  json value;
  std::string message;
};

TEST(OtherPayloadsTest, RefuseInvalidFieldsNamingThem) {
  const OtherCase cases[] = {
      {"cancel", "serial", 0, "must be an integer from 1 to 18446744073709551615"},
      {"cancel", "at", 1.5, "must be a non-negative integer"},
      {"cancel", "reason", "x", "is not a known field"},
      {"deposit", "amount", 0, "must be a positive integer"},
      {"deposit", "till", "", "must be a string of 1 to 64 bytes"},
      {"deposit", "till", std::string(65, 't'), "must be a string of 1 to 64 bytes"},
      {"redeem", "place", json(), "must be a string of 1 to 128 bytes"},
      {"redeem", "offline", "no", "must be true or false"},
      {"redeem", "key_id", -7, "must be an integer from 0 to 4294967295"},
      {"redeem", "staff", "", "must be a string of 1 to 64 bytes"},
      {"deposit", "staff", std::string(65, 's'), "must be a string of 1 to 64 bytes"},
      {"deposit", "staff", 7, "must be a string of 1 to 64 bytes"},
      {"redeem", "staff", "Ve\nra", "must be a name without control characters"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.type + "." + c.field);
    Event e = test::SampleEvents()[c.type == "cancel" ? 3 : c.type == "deposit" ? 1 : 2];
    ASSERT_EQ(e.type, c.type);
    ASSERT_TRUE(ValidatePayload(e, "events[0]").ok());
    e.payload[c.field] = c.value;
    base::Status s = ValidatePayload(e, "events[0]");
    EXPECT_EQ(s.reason(), "bad_payload");
    EXPECT_EQ(s.message(), kPath + "." + c.field + " " + c.message);
  }
}

TEST(ValidatePayloadTest, ARefundHasADepositsFieldsAndIsCheckedAsStrictly) {
  RefundPayload refund{7, 1000, 2000, 1767200000, "till-2"};
  Event e = test::MakeEvent(5, "refund", ToJson(refund));
  ASSERT_TRUE(ValidatePayload(e, "events[0]").ok());
  auto back = ParseRefundPayload(e.payload, kPath);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->amount, 2000);
  EXPECT_EQ(back->till, "till-2");
  e.payload.erase("amount");
  base::Status s = ValidatePayload(e, "events[0]");
  EXPECT_EQ(s.reason(), "bad_payload");
  EXPECT_NE(s.message().find("amount"), std::string::npos) << s.message();
}

TEST(OtherPayloadsTest, TheStaffMemberIsOptionalAndKeptWhenSent) {
  DepositPayload deposit{7, 1000, 2000, 1767200000, "till-2"};
  EXPECT_FALSE(ToJson(deposit).contains("staff"));  // as an older kiosk sends it
  auto d = ParseDepositPayload(ToJson(deposit), kPath);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->staff, "");
  deposit.staff = "\xd0\x92\xd0\xb5\xd1\x80\xd0\xb0";  // Вера
  RedeemPayload redeem{7, 1000, 1767200000, "Store 12", true};
  redeem.staff = "Vera";
  auto d2 = ParseDepositPayload(ToJson(deposit), kPath);
  auto r = ParseRefundPayload(ToJson(deposit), kPath);
  auto rd = ParseRedeemPayload(ToJson(redeem), kPath);
  ASSERT_TRUE(d2.ok() && r.ok() && rd.ok());
  EXPECT_EQ(d2->staff, deposit.staff);
  EXPECT_EQ(r->staff, deposit.staff);
  EXPECT_EQ(rd->staff, "Vera");
}

TEST(ValidatePayloadTest, RefusesAnUnknownType) {
  Event e = test::MakeEvent(1, "transfer", json::object());
  base::Status s = ValidatePayload(e, "events[4]");
  EXPECT_EQ(s.code(), base::Code::kInvalidArgument);
  EXPECT_EQ(s.reason(), "unknown_event_type");
  EXPECT_EQ(s.message().rfind("events[4].type is not a known event type", 0), 0u);
}

}  // namespace
}  // namespace gb::protocol
