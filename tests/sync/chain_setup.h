// A chain for the process tests, set up as an operator does it with
// groupbuy-provision: init-hq (its admin token and certificate pin read from
// what it prints), a catalog imported into a folder, one-time enrolment
// codes, and sign-ups taken at a kiosk's ledger. Shared by the chain tests
// (tests/sync/uplink) and the head-office dashboard test (tests/sync/server).
// Failures are test failures (EXPECT); the results are then empty.
#pragma once

#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <vector>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {

// The rest of the line after `key` in `out`; "" when `key` is not there.
inline std::string LineValue(const std::string& out, const std::string& key) {
  size_t at = out.find(key);
  if (at == std::string::npos) return "";
  size_t end = out.find('\n', at);
  return out.substr(at + key.size(), end - at - key.size());
}

struct HeadOffice {
  std::string admin_token;
  std::string cert_sha256;  // hex, as stores pin it
};

// groupbuy-provision init-hq --dir HDIR --name NAME --listen 127.0.0.1:0.
inline HeadOffice InitHq(const std::string& hdir, const std::string& name,
                         const std::string& scratch) {
  CliRun init =
      Provision("init-hq --dir " + hdir + " --name " + name + " --listen 127.0.0.1:0", scratch);
  EXPECT_EQ(init.code, 0) << init.err;
  HeadOffice hq{LineValue(init.out, "): "), LineValue(init.out, "certificate sha256 ")};
  EXPECT_EQ(hq.cert_sha256.size(), 64u) << init.out;
  return hq;
}

// A deal open from an hour ago, sign-ups stopping in 7 days.
inline rules::Deal OpenDeal(uint32_t id, int32_t threshold, int64_t now) {
  rules::Deal d = MakeDeal(id, threshold);
  d.opens_at = now - 3600;
  d.stop_at = now + 7 * 86400;
  d.deadline = now + 8 * 86400;
  d.redeem_by = now + 30 * 86400;
  return d;
}

// Writes `deals` to scratch/catalog-N.json and runs catalog import --dir DIR.
inline void ImportCatalog(const std::string& dir, const std::vector<rules::Deal>& deals,
                          const std::string& scratch) {
  json list = json::array();
  for (const rules::Deal& d : deals) list.push_back(rules::DealToJson(d));
  static int n = 0;
  const std::string file = scratch + "/catalog-" + std::to_string(++n) + ".json";
  ASSERT_TRUE(
      base::WriteFileAtomic(file, json{{"deals", list}}.dump(), 0644, base::Overwrite::kNo).ok());
  CliRun import = Provision("catalog import --dir " + dir + " " + file, scratch);
  ASSERT_EQ(import.code, 0) << import.err;
}

// A one-time enrolment code of the server in `dir`, dialling 127.0.0.1:port.
inline std::string EnrollCode(const std::string& dir, uint16_t port, const std::string& scratch) {
  CliRun r = Provision("enroll-code --dir " + dir + " --address 127.0.0.1:" + std::to_string(port),
                       scratch);
  EXPECT_EQ(r.code, 0) << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') + 1);
}

// A sign-up for `deal_id` at the kiosk's ledger, now; its sync thread is
// woken to send it at once.
inline base::Result<ledger::SignUpReceipt> SignUpAt(KioskNode& node, uint32_t deal_id, int phone) {
  ledger::SignUpRequest r;
  r.deal_id = deal_id;
  r.phone_e164 = Phone(phone);
  r.now = static_cast<int64_t>(std::time(nullptr));
  auto receipt = node.ledger().SignUp(r);
  node.client().Wake();
  return receipt;
}

}  // namespace gb::test
