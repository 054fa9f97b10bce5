// make bench, foundation part: voucher issue and verify against raw OpenSSL
// Ed25519, and durable sign-ups against raw durable single-row SQLite commits
// on the same disk. Usage: bench_foundation [DIR for the database files]
#include <openssl/evp.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "core/voucher/codec.h"
#include "core/voucher/key_ring.h"
#include "kiosk/ledger/ledger.h"
#include "tests/bench/bench_util.h"
#include "tests/core/rules/sample_deal.h"

namespace {

using gb::bench::Report;
using gb::bench::SecondsPerCall;

std::array<uint8_t, 32> Seed() {
  std::array<uint8_t, 32> s{};
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<uint8_t>(i * 7);
  return s;
}

// Returns the raw signing time in seconds, which bounds a sign-up too.
double BenchVoucher() {
  auto key = std::move(gb::voucher::SigningKey::FromSeed(Seed())).value();
  gb::voucher::Body body;
  body.key_id = 7;
  body.deal_id = 42;
  body.serial = 1;
  body.issued_at = 1767225600;
  body.price_minor = 59900;
  auto bytes = gb::voucher::EncodeBody(body);

  // The limit: one raw Ed25519 signature over the same 34 bytes.
  EVP_PKEY* raw = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, Seed().data(), 32);
  unsigned char sig[64];
  double raw_sign = SecondsPerCall([&] {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t len = sizeof sig;
    EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, raw);
    EVP_DigestSign(ctx, sig, &len, bytes.data(), bytes.size());
    EVP_MD_CTX_free(ctx);
  }, 2000);
  std::string text;
  double issue = SecondsPerCall([&] {
    body.serial++;
    text = gb::voucher::Issue(body, key);
  }, 2000);
  Report("voucher issue (sign + Base45)", issue * 1e6, "us", "raw Ed25519 sign (34 B)",
         raw_sign * 1e6, "aim <= 1.3x");

  gb::voucher::KeyRing ring;
  ring.Add(7, key.Public());
  auto pub = key.Public();
  EVP_PKEY* raw_pub =
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pub.raw().data(), 32);
  auto parsed = std::move(gb::voucher::Parse(text)).value();
  auto body_bytes = gb::voucher::EncodeBody(parsed.body);
  double raw_verify = SecondsPerCall([&] {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, raw_pub);
    if (EVP_DigestVerify(ctx, parsed.signature.data(), 64, body_bytes.data(), 34) != 1) std::abort();
    EVP_MD_CTX_free(ctx);
  }, 2000);
  double verify = SecondsPerCall([&] {
    if (!gb::voucher::Verify(text, ring).ok()) std::abort();
  }, 2000);
  Report("voucher verify (Base45 + verify)", verify * 1e6, "us", "raw Ed25519 verify",
         raw_verify * 1e6, "aim <= 1.3x");
  EVP_PKEY_free(raw);
  EVP_PKEY_free(raw_pub);
  return raw_sign;
}

double RawCommitsPerSecond(const std::string& path, int n) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(v) VALUES(?)", -1, &st, nullptr);
  const std::string payload(400, 'x');  // about a sign-up's bytes
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(st, 1, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n / dt.count();
}

double SignUpsPerSecond(const std::string& path, int n) {
  std::array<uint8_t, 32> phone_key{};
  auto ledger = std::move(gb::ledger::Ledger::Open(
      path, {"bench", 7, std::move(gb::voucher::SigningKey::FromSeed(Seed())).value(), phone_key}))
                    .value();
  gb::rules::Deal deal = gb::rules::testing::SampleDeal();
  if (!ledger.PutDeal(deal, gb::rules::DealState::kOpen, deal.opens_at).ok()) std::abort();
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    gb::ledger::SignUpRequest req;
    req.deal_id = deal.id;
    req.phone_e164 = "+49151" + std::to_string(10000000 + i);
    req.now = deal.opens_at + 10;
    if (!ledger.SignUp(req).ok()) std::abort();
  }
  std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
  return n / dt.count();
}

void BenchLedger(const std::string& dir, double raw_sign) {
  constexpr int kN = 400;
  // Alternate runs so that a disk that slows down over time hurts both alike.
  std::vector<double> raw, ours;
  for (int round = 0; round < 5; ++round) {
    std::string r = dir + "/raw-" + std::to_string(round) + ".db";
    std::string l = dir + "/ledger-" + std::to_string(round) + ".db";
    raw.push_back(RawCommitsPerSecond(r, kN));
    ours.push_back(SignUpsPerSecond(l, kN));
  }
  std::sort(raw.begin(), raw.end());
  std::sort(ours.begin(), ours.end());
  Report("durable sign-ups", ours[2], "/s", "raw durable 1-row commits", raw[2], "aim >= 0.8x");
  // A sign-up must sign inside its transaction (the serial is in the signed
  // body), so one raw commit plus one raw signature is the sequential floor.
  double floor = 1.0 / (1.0 / raw[2] + raw_sign);
  Report("durable sign-ups", ours[2], "/s", "raw commit + raw Ed25519 sign", floor, "the sequential floor");
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "bench-tmp";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::printf("foundation (median of repeated runs; database files in %s)\n", dir.c_str());
  double raw_sign = BenchVoucher();
  BenchLedger(dir, raw_sign);
  std::filesystem::remove_all(dir);
  return 0;
}
