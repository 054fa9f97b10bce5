// Networked enrolment without processes: the store's one-time codes and
// revocation (StoreDb in memory), the /v1/enroll route through the router
// with an in-memory Backend, and the kiosk's client over a scripted
// transport.
#include <gtest/gtest.h>

#include <ctime>
#include <string_view>

#include "core/base/hex.h"
#include "core/voucher/ed25519.h"
#include "sync/client/enroll_client.h"
#include "sync/server/enroll_route.h"
#include "sync/server/event_writer.h"
#include "sync/server/router.h"
#include "sync/server/store_backend.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb {
namespace {

using nlohmann::json;

constexpr int64_t kNow = 1'767'225'600;

std::array<uint8_t, 16> Secret(uint8_t fill) {
  std::array<uint8_t, 16> s{};
  s.fill(fill);
  return s;
}

store::Digest SecretHash(const std::array<uint8_t, 16>& s) {
  return store::Sha256(std::string_view(reinterpret_cast<const char*>(s.data()), s.size()));
}

std::string NewPublicPem() {
  auto key = voucher::SigningKey::Generate();
  EXPECT_TRUE(key.ok());
  return key->Public().Pem();
}

class StoreEnrollTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::StoreDb::Open(":memory:");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }

  void AddCode(uint8_t fill, int64_t expires_at) {
    store::EnrollCodeRecord rec;
    rec.secret_sha256 = SecretHash(Secret(fill));
    rec.store_name = "Sofa & Co";
    rec.created_at = kNow - 10;
    rec.expires_at = expires_at;
    ASSERT_TRUE(db_->AddEnrollCode(rec).ok());
  }

  std::unique_ptr<store::StoreDb> db_;
};

TEST_F(StoreEnrollTest, ACodeEnrolsOneKioskWithTheNextKeyIdAndAHashedToken) {
  AddCode(1, kNow + 900);
  AddCode(2, kNow + 900);
  const std::string pem = NewPublicPem();
  auto e = db_->EnrollKiosk(SecretHash(Secret(2)), pem, "by the door", "kiosk", kNow);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->key_id, 1u);
  EXPECT_EQ(e->store_name, "Sofa & Co");
  EXPECT_EQ(e->kiosk_id.rfind("kiosk-", 0), 0u);
  EXPECT_EQ(e->token.size(), 64u);
  auto kiosks = db_->ListKiosks();
  ASSERT_TRUE(kiosks.ok());
  ASSERT_EQ(kiosks->size(), 1u);
  EXPECT_EQ((*kiosks)[0].kiosk_id, e->kiosk_id);
  EXPECT_EQ((*kiosks)[0].public_key_pem, pem);
  EXPECT_TRUE(store::SameDigest((*kiosks)[0].token_sha256, store::Sha256(e->token)));
  // The other code still works, for another kiosk and the next key id.
  auto second = db_->EnrollKiosk(SecretHash(Secret(1)), NewPublicPem(), "", "kiosk", kNow);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->key_id, 2u);
  EXPECT_NE(second->kiosk_id, e->kiosk_id);
  EXPECT_NE(second->token, e->token);
}

TEST_F(StoreEnrollTest, UsedExpiredAndUnknownCodesAreRefusedByName) {
  AddCode(1, kNow + 900);
  AddCode(2, kNow + 60);
  ASSERT_TRUE(db_->EnrollKiosk(SecretHash(Secret(1)), NewPublicPem(), "", "kiosk", kNow).ok());
  auto used = db_->EnrollKiosk(SecretHash(Secret(1)), NewPublicPem(), "", "kiosk", kNow);
  EXPECT_EQ(used.status().reason(), "code_used");
  EXPECT_EQ(used.status().code(), base::Code::kPermissionDenied);
  auto expired = db_->EnrollKiosk(SecretHash(Secret(2)), NewPublicPem(), "", "kiosk", kNow + 60);
  EXPECT_EQ(expired.status().reason(), "code_expired");
  auto unknown = db_->EnrollKiosk(SecretHash(Secret(3)), NewPublicPem(), "", "kiosk", kNow);
  EXPECT_EQ(unknown.status().reason(), "code_unknown");
  auto kiosks = db_->ListKiosks();
  ASSERT_TRUE(kiosks.ok());
  EXPECT_EQ(kiosks->size(), 1u);
  // A refusal is not a use: the expiring code still works a second earlier.
  EXPECT_TRUE(db_->EnrollKiosk(SecretHash(Secret(2)), NewPublicPem(), "", "kiosk", kNow + 59).ok());
}

TEST_F(StoreEnrollTest, AKeyAlreadyEnrolledIsRefusedAndTheCodeStaysUnused) {
  AddCode(1, kNow + 900);
  AddCode(2, kNow + 900);
  const std::string pem = NewPublicPem();
  ASSERT_TRUE(db_->EnrollKiosk(SecretHash(Secret(1)), pem, "", "kiosk", kNow).ok());
  auto again = db_->EnrollKiosk(SecretHash(Secret(2)), pem, "", "kiosk", kNow);
  EXPECT_EQ(again.status().reason(), "key_enrolled");
  EXPECT_TRUE(db_->EnrollKiosk(SecretHash(Secret(2)), NewPublicPem(), "", "kiosk", kNow).ok());
}

TEST_F(StoreEnrollTest, AStoreCodeEnrolsKiosksAndAHeadOfficeCodeStoresEachRefusingTheOtherUnused) {
  AddCode(1, kNow + 900);
  auto store_at_store = db_->EnrollKiosk(SecretHash(Secret(1)), NewPublicPem(), "", "store", kNow);
  EXPECT_EQ(store_at_store.status().reason(), "not_a_head_office");
  // Refused before use: the code still enrols the kiosk it was made for.
  auto kiosk = db_->EnrollKiosk(SecretHash(Secret(1)), NewPublicPem(), "", "kiosk", kNow);
  ASSERT_TRUE(kiosk.ok()) << kiosk.status().ToString();
  EXPECT_EQ(kiosk->kiosk_id.rfind("kiosk-", 0), 0u);

  ASSERT_TRUE(db_->SetHeadOffice().ok());
  AddCode(2, kNow + 900);
  auto kiosk_at_hq = db_->EnrollKiosk(SecretHash(Secret(2)), NewPublicPem(), "", "kiosk", kNow);
  EXPECT_EQ(kiosk_at_hq.status().reason(), "not_a_store");
  auto store = db_->EnrollKiosk(SecretHash(Secret(2)), NewPublicPem(), "Store B", "store", kNow);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(store->kiosk_id.rfind("store-", 0), 0u) << store->kiosk_id;
  auto kiosks = db_->ListKiosks();
  ASSERT_TRUE(kiosks.ok());
  int stores = 0;
  for (const auto& k : *kiosks) {
    if (k.kiosk_id == store->kiosk_id) {
      EXPECT_EQ(k.kind, "store");
      EXPECT_EQ(k.name, "Store B");
      ++stores;
    }
  }
  EXPECT_EQ(stores, 1);
}

TEST_F(StoreEnrollTest, RevokingStampsTheKioskOnceAndShowsInTheState) {
  AddCode(1, kNow + 900);
  auto e = db_->EnrollKiosk(SecretHash(Secret(1)), NewPublicPem(), "", "kiosk", kNow);
  ASSERT_TRUE(e.ok());
  auto rev_before = db_->Revision();
  auto kiosk_rev_before = db_->KioskRevision();
  ASSERT_TRUE(rev_before.ok() && kiosk_rev_before.ok());
  auto at = db_->RevokeKiosk(e->kiosk_id, kNow + 100);
  ASSERT_TRUE(at.ok()) << at.status().ToString();
  EXPECT_EQ(at->revoked_at, kNow + 100);
  EXPECT_FALSE(at->already);
  EXPECT_GT(*db_->KioskRevision(), *kiosk_rev_before);
  // The first time stands.
  auto again = db_->RevokeKiosk(e->kiosk_id, kNow + 500);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->revoked_at, kNow + 100);
  EXPECT_TRUE(again->already);
  auto state = db_->State(*rev_before);
  ASSERT_TRUE(state.ok());
  ASSERT_EQ((*state)["kiosks"].size(), 1u);
  EXPECT_EQ((*state)["kiosks"][0]["kiosk_id"], e->kiosk_id);
  EXPECT_EQ((*state)["kiosks"][0]["revoked_at"], kNow + 100);
  EXPECT_EQ(db_->RevokeKiosk("kiosk-nobody", kNow).status().reason(), "unknown_kiosk");
  // A revoked kiosk's key may be enrolled again only as a new kiosk: the old
  // record keeps its revocation.
  auto kiosks = db_->ListKiosks();
  ASSERT_TRUE(kiosks.ok());
  EXPECT_EQ((*kiosks)[0].revoked_at, kNow + 100);
}

// --- The real backend's token cache ------------------------------------------

// The server and groupbuy-provision are different processes: the backend
// must notice a revocation written by another connection, at once.
TEST(StoreBackendEnrollTest, ARevocationByAnotherConnectionStopsTheTokenAtOnce) {
  test::ScopedTempDir tmp;
  ASSERT_TRUE(tmp.ok());
  const std::string path = tmp.File("store.db");
  auto provision = store::StoreDb::Open(path);
  auto writer_db = store::StoreDb::Open(path);
  auto reader_db = store::StoreDb::Open(path);
  ASSERT_TRUE(provision.ok() && writer_db.ok() && reader_db.ok());
  auto writer = server::EventWriter::Create(std::move(writer_db).value(), {});
  ASSERT_TRUE(writer.ok());
  auto backend =
      server::StoreBackend::Create(std::move(reader_db).value(), **writer, store::Sha256("admin"));
  ASSERT_TRUE(backend.ok());
  store::EnrollCodeRecord rec;
  rec.secret_sha256 = SecretHash(Secret(9));
  rec.store_name = "Sofa";
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  rec.created_at = now;
  rec.expires_at = now + 900;
  ASSERT_TRUE((*provision)->AddEnrollCode(rec).ok());
  server::EnrollCall call;
  call.secret = Secret(9);
  call.public_key_pem = NewPublicPem();
  auto reply = (*backend)->Enroll(call);
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  const std::string token = (*reply)["token"];
  const std::string kiosk_id = (*reply)["kiosk_id"];
  auto who = (*backend)->Authenticate(token);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->kiosk_id, kiosk_id);
  ASSERT_TRUE((*provision)->RevokeKiosk(kiosk_id, now).ok());
  EXPECT_FALSE((*backend)->Authenticate(token).has_value());
  EXPECT_TRUE((*backend)->Authenticate("admin").has_value());
  // The same code again: used.
  EXPECT_EQ((*backend)->Enroll(call).status().reason(), "code_used");
  (*writer)->Stop();
}

// --- The route ---------------------------------------------------------------

class EnrollBackend final : public server::Backend {
 public:
  std::optional<server::Principal> Authenticate(std::string_view) override { return std::nullopt; }
  void SubmitEvents(protocol::Batch, server::EventsDone) override {}
  base::Result<json> State(const server::Principal&, int64_t) override { return json::object(); }
  base::Result<json> Tallies() override { return json::object(); }
  base::Result<json> Redeem(const server::RedeemCall&) override { return json::object(); }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }
  base::Result<json> Enroll(const server::EnrollCall& call) override {
    calls.push_back(call);
    if (refuse) {
      return base::Status::Error(base::Code::kPermissionDenied, "code_used", "already used");
    }
    return json{{"kiosk_id", "kiosk-abc123"},
                {"key_id", 4},
                {"token", std::string(64, 'f')},
                {"store_name", "Sofa & Co"},
                {"state", {{"revision", 2}, {"deals", json::array()}, {"kiosks", json::array()}}}};
  }
  std::vector<server::EnrollCall> calls;
  bool refuse = false;
};

class EnrollRouteTest : public ::testing::Test {
 protected:
  server::Response Post(const std::string& body) {
    server::Request req{"POST", "/v1/enroll", "", body};
    server::Response out;
    router_.Handle(req, [&](server::Response r) { out = std::move(r); });
    return out;
  }
  std::string Body(const std::string& key) {
    return json{{"code_secret", std::string(32, 'a')}, {"public_key", key}}.dump();
  }
  EnrollBackend backend_;
  server::Metrics metrics_;
  server::Router router_{backend_, metrics_};
};

TEST_F(EnrollRouteTest, NeedsNoTokenAndTakesPemOrRawKeys) {
  auto key = voucher::SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  const std::string pem = key->Public().Pem();
  server::Response r = Post(Body(pem));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["kiosk_id"], "kiosk-abc123");
  r = Post(Body(base::ToHex(key->Public().raw())));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(backend_.calls.size(), 2u);
  // Both spellings reach the store as the same PEM.
  EXPECT_EQ(backend_.calls[0].public_key_pem, pem);
  EXPECT_EQ(backend_.calls[1].public_key_pem, pem);
  EXPECT_EQ(backend_.calls[0].secret, Secret(0xaa));
}

TEST_F(EnrollRouteTest, MalformedBodiesAre400NamingTheProblem) {
  const std::string pem = NewPublicPem();
  struct Case {
    std::string body;
    std::string reason;
    std::string words;
  };
  const std::vector<Case> cases = {
      {"{", "bad_json", "not JSON"},
      {"[]", "bad_request", "object"},
      {json{{"public_key", pem}}.dump(), "bad_request", "code_secret"},
      {json{{"code_secret", "abc"}, {"public_key", pem}}.dump(), "bad_request", "32 hex"},
      {json{{"code_secret", std::string(32, 'a')}}.dump(), "bad_request", "public_key"},
      {Body("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), "bad_key", ""},
      {Body(std::string(62, 'a')), "bad_key", "64 hex"},
      {json{{"code_secret", 7}, {"public_key", pem}}.dump(), "bad_request", "string"},
      {json{{"code_secret", std::string(32, 'a')}, {"public_key", pem}, {"token", "x"}}.dump(),
       "bad_request", "unknown member token"},
      {json{{"code_secret", std::string(32, 'a')},
            {"public_key", pem},
            {"name", std::string(65, 'n')}}
           .dump(),
       "bad_request", "name"},
  };
  for (const Case& c : cases) {
    server::Response r = Post(c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_EQ(j.value("error", ""), c.reason) << c.body;
    EXPECT_NE(j.value("message", "").find(c.words), std::string::npos) << r.body;
  }
  EXPECT_TRUE(backend_.calls.empty());
}

TEST_F(EnrollRouteTest, TheStoresRefusalIsA403WithItsReason) {
  backend_.refuse = true;
  server::Response r = Post(Body(NewPublicPem()));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(json::parse(r.body)["error"], "code_used");
}

// --- The kiosk's client ------------------------------------------------------

class ScriptedTransport final : public sync_client::HttpTransport {
 public:
  base::Result<sync_client::HttpReply> Send(const sync_client::HttpRequest& r) override {
    sent.push_back(r);
    return reply;
  }
  std::vector<sync_client::HttpRequest> sent;
  base::Result<sync_client::HttpReply> reply = sync_client::HttpReply{};
};

TEST(EnrollClientTest, SendsTheSecretAndKeyAndReadsTheIdentity) {
  ScriptedTransport t;
  t.reply = sync_client::HttpReply{
      200,
      json{{"kiosk_id", "kiosk-abc123"},
           {"key_id", 4},
           {"token", std::string(64, 'f')},
           {"store_name", "Sofa & Co"},
           {"state", {{"revision", 2}, {"deals", json::array()}, {"kiosks", json::array()}}}}
          .dump(),
      ""};
  auto r = sync_client::Enroll(t, {Secret(0x5c), "PEM", "door"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kiosk_id, "kiosk-abc123");
  EXPECT_EQ(r->key_id, 4u);
  EXPECT_EQ(json::parse(r->state_body)["revision"], 2);
  ASSERT_EQ(t.sent.size(), 1u);
  EXPECT_EQ(t.sent[0].method, "POST");
  EXPECT_EQ(t.sent[0].target, "/v1/enroll");
  json body = json::parse(t.sent[0].body);
  std::string hex;
  for (int i = 0; i < 16; ++i) hex += "5c";
  EXPECT_EQ(body["code_secret"], hex);
  EXPECT_EQ(body["public_key"], "PEM");
  EXPECT_EQ(body["name"], "door");
}

TEST(EnrollClientTest, RefusalsKeepTheServersReasonAndBadRepliesAreNamed) {
  ScriptedTransport t;
  t.reply = sync_client::HttpReply{
      403, R"({"error":"code_expired","message":"this enrolment code has expired"})", ""};
  auto r = sync_client::Enroll(t, {Secret(1), "PEM", ""});
  EXPECT_EQ(r.status().reason(), "code_expired");
  EXPECT_EQ(r.status().code(), base::Code::kPermissionDenied);
  EXPECT_EQ(json::parse(t.sent[0].body).count("name"), 0u);

  t.reply = sync_client::HttpReply{200,
                                   R"({"kiosk_id":"k","key_id":0,"token":"t",)"
                                   R"("store_name":"s","state":{}})",
                                   ""};
  EXPECT_EQ(sync_client::Enroll(t, {Secret(1), "PEM", ""}).status().reason(), "bad_reply");
  t.reply = base::Status::Error(base::Code::kPermissionDenied, "pin_mismatch", "other cert");
  EXPECT_EQ(sync_client::Enroll(t, {Secret(1), "PEM", ""}).status().reason(), "pin_mismatch");
}

TEST(EnrollClientTest, ARotationReadsTheNewTokenAndRefusesOneWithoutIt) {
  ScriptedTransport t;
  const std::string token(64, 'a');
  t.reply = sync_client::HttpReply{
      200, json{{"key_id", 7}, {"retired_key_id", 4}, {"token", token}}.dump(), ""};
  auto r = sync_client::RotateKey(t, "PEM");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->key_id, 7u);
  EXPECT_EQ(r->retired_key_id, 4u);
  EXPECT_EQ(r->token, token);
  EXPECT_EQ(t.sent[0].target, "/v1/rotate-key");
  // The same key again: nothing changed, no token, the kiosk keeps its own.
  t.reply = sync_client::HttpReply{200, R"({"key_id":7,"retired_key_id":0})", ""};
  r = sync_client::RotateKey(t, "PEM");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->token, "");
  // A rotation without a token would leave the kiosk locked out; a
  // malformed token likewise.
  t.reply = sync_client::HttpReply{200, R"({"key_id":7,"retired_key_id":4})", ""};
  EXPECT_EQ(sync_client::RotateKey(t, "PEM").status().reason(), "bad_reply");
  t.reply = sync_client::HttpReply{
      200, json{{"key_id", 7}, {"retired_key_id", 4}, {"token", "XYZ"}}.dump(), ""};
  EXPECT_EQ(sync_client::RotateKey(t, "PEM").status().reason(), "bad_reply");
  t.reply = sync_client::HttpReply{
      403, R"({"error":"kiosk_suspended","message":"reinstate first"})", ""};
  EXPECT_EQ(sync_client::RotateKey(t, "PEM").status().reason(), "kiosk_suspended");
}

TEST(EnrollClientTest, TheEndpointIsPinnedHttpsWithoutAToken) {
  protocol::EnrollCode code;
  code.host = "10.0.0.5";
  code.port = 8443;
  code.cert_sha256.fill(0xab);
  sync_client::ServerEndpoint ep = sync_client::EndpointFor(code);
  EXPECT_TRUE(ep.tls);
  EXPECT_EQ(ep.host, "10.0.0.5");
  EXPECT_EQ(ep.port, 8443);
  EXPECT_EQ(ep.cert_sha256, base::ToHex(code.cert_sha256));
  EXPECT_TRUE(ep.token.empty());
}

}  // namespace
}  // namespace gb
