// Nothing a client sends ends groupbuy-store (issue: no request can crash
// the store). Raw bytes over TLS, as an outsider's tool would send them:
// each gets a 4xx, the same process goes on serving, the database passes
// its integrity check (HardenedStoreTest::TearDown). The same for a head
// office, and for a name stored in another encoding.
#include <sqlite3.h>

#include <set>

#include "core/base/text.h"
#include "tests/sync/server/hardened_store.h"

namespace gb::test {
namespace {

using nlohmann::json;

std::string Bytes80ToFF(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += static_cast<char>(0x80 + (i % 0x80));
  return s;
}

// Every request an outsider can make with bytes that are not UTF-8, with and
// without a token. Each must be answered 4xx with a body that is UTF-8.
void ExpectEveryBadRequestIs4xx(const HttpTarget& to, const std::string& kiosk_token,
                                const std::string& admin_token) {
  std::vector<std::string> raw = {
      "GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /" + Bytes80ToFF(8192) + " HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /v1/state HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\x80\r\n\r\n",
      "GET /v1/tallies HTTP/1.1\r\nHost: \xc3\x28\r\nX-Note: caf\xe9\r\n\r\n",
      "GE\xffT / HTTP/1.1\r\nHost: x\r\n\r\n",
      // Refused before the body is parsed (Boost 1.74's chunk parser asserts
      // on some inputs): 411.
      "POST /v1/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "1\r\n{\r\n0\r\n\r\n",
      "GET /v1/state?since=\xff HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kiosk_token +
          "\r\n\r\n",
  };
  // A body whose JSON strings hold invalid UTF-8, on every POST route, with
  // each token: the parser must refuse it before any handler sees it.
  const std::string body = "{\"voucher\":\"GB1\xff\",\"place\":\"till\xe9\",\"deal_id\":\"\xc0\"}";
  for (const char* route : {"/v1/events", "/v1/redeem", "/v1/deposit", "/v1/refund", "/v1/enroll",
                            "/v1/rotate-key", "/v1/deals/stop", "/v1/deals/pause",
                            "/v1/deals/resume", "/v1/rescue/resolve", "/v1/staff/session",
                            "/v1/\xff\xfe"}) {
    for (const std::string& token : {std::string(), kiosk_token, admin_token}) {
      std::string req = std::string("POST ") + route + " HTTP/1.1\r\nHost: x\r\n";
      if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
      req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n\r\n" + body;
      raw.push_back(req);
    }
  }
  for (const std::string& r : raw) {
    HttpResult got = RawHttp(to, r);
    EXPECT_GE(got.status, 400) << base::Abbreviate(r, 200) << " -> " << got.error << got.body;
    EXPECT_LT(got.status, 500) << base::Abbreviate(r, 80) << " -> " << got.body;
    EXPECT_TRUE(base::IsValidUtf8(got.body)) << base::Abbreviate(r, 80);
    // And the same process still answers.
    ASSERT_EQ(Http(to, "GET", "/healthz").status, 200) << base::Abbreviate(r, 80);
  }
}

class HardeningProcessTest : public HardenedStoreTest {};

TEST_F(HardeningProcessTest, BadBytesOnEveryRouteGetA4xxAndTheServerGoesOn) {
  StartServer();
  ExpectEveryBadRequestIs4xx(To(), kiosk_.token, admin_);
  // The not-found answer to a path of bytes names it, replaced.
  HttpResult nf = RawHttp(To(), "GET /caf\xe9 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(nf.status, 404);
  EXPECT_NE(nf.body.find("caf\xEF\xBF\xBD"), std::string::npos) << nf.body;
  // A real request still works end to end afterwards.
  EXPECT_EQ(SignUps(1).size(), 1u);
  const std::string metrics = Http(To(), "GET", "/metrics").body;
  EXPECT_NE(metrics.find("gb_replies_repaired_total"), std::string::npos);
  EXPECT_EQ(metrics.find("gb_internal_failures_total{"), std::string::npos) << metrics;
}

TEST_F(HardeningProcessTest, AHeadOfficeTooAnswersBadBytesWith4xx) {
  CliRun init = Provision(
      "init-hq --dir " + tmp_.File("hq") + " --name Chain --listen 127.0.0.1:0", tmp_.str());
  ASSERT_EQ(init.code, 0) << init.err;
  auto line_after = [&](const std::string& key) {
    const size_t at = init.out.find(key);
    if (at == std::string::npos) return std::string();
    return init.out.substr(at + key.size(), init.out.find('\n', at) - at - key.size());
  };
  const struct {
    std::string admin_token, cert_sha256;
  } hq{line_after("): "), line_after("certificate sha256 ")};
  ASSERT_FALSE(hq.admin_token.empty()) << init.out;
  StoreProcess office;
  ASSERT_TRUE(office.Start(tmp_.File("hq"), /*tls=*/true)) << office.Output();
  ExpectEveryBadRequestIs4xx(HttpTarget{office.port(), true, hq.cert_sha256}, "not-a-token",
                             hq.admin_token);
  EXPECT_EQ(office.Stop(), 0) << office.Output();
  auto db = store::StoreDb::Open(tmp_.File("hq") + "/store.db");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->IntegrityCheck().value(), "ok");
}

TEST_F(HardeningProcessTest, AStaffNameInLatin1IsRefusedByTheCli) {
  // Written to a file by a Latin-1 terminal: "José".
  CliRun add = Provision("staff add --dir " + Sdir() + " --name \"$(printf 'Jos\\351')\" --pin-file " +
                             tmp_.File("pin"),
                         tmp_.str());
  EXPECT_EQ(add.code, 2) << add.out << add.err;
  EXPECT_NE(add.err.find("the staff name is not valid UTF-8"), std::string::npos) << add.err;
  EXPECT_EQ(add.err.find("Jos\xe9"), std::string::npos) << "the message echoes the bytes";
}

TEST_F(HardeningProcessTest, ADoctoredNameInTheDatabaseIsReplacedInEveryReply) {
  // An older program, or a hand edit, left a Latin-1 name in the store.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((Sdir() + "/store.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO staff(name, role, pin_hash, created_at, rev) VALUES "
                         "(CAST(X'4A6F73E9' AS TEXT), 'cashier', 'pbkdf2-sha256$1$00$00', 1, "
                         "(SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key='revision'));"
                         "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='revision';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
  StartServer();
  // Every kiosk poll, and again after a restart, is answered.
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 3; ++i) {
      HttpResult state = Http(To(), "GET", "/v1/state", kiosk_.token);
      ASSERT_EQ(state.status, 200) << state.body;
      ASSERT_TRUE(base::IsValidUtf8(state.body));
      EXPECT_NE(state.body.find("Jos\xEF\xBF\xBD"), std::string::npos) << state.body;
    }
    if (round == 0) {
      ASSERT_EQ(server_.Stop(), 0);
      StartServer();
    }
  }
  // Said once per route and run, without the bytes.
  const std::string log = server_.Output();
  const size_t first = log.find("reply of /v1/state held text that is not valid UTF-8");
  EXPECT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find("reply of /v1/state held", first + 1), std::string::npos) << log;
  EXPECT_EQ(log.find("Jos\xe9"), std::string::npos);
}

}  // namespace
}  // namespace gb::test
